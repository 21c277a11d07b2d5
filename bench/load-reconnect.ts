import type { RecoveryReport } from './load-messages.ts';
import type { LoadStation } from './load-station.ts';
import { summarize } from './percentiles.ts';

const MAX_DELAY_MS = 5000;

interface Outage {
  station: LoadStation;
  droppedAt: number; // wall-clock ms, comparable with the orchestrator's
  backAt?: number;
  attemptAt?: number; // the latest attempt began
  attempts: number;
  failures: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Stations of the load generator whose socket the server closed, coming back
// as a fleet does: each after a random delay up to `spreadMs` (so they do not
// all knock at once), then backing off with jitter while attempts fail.
export class Reconnects {
  private readonly outages: Outage[] = [];
  private readonly away = new Set<LoadStation>();
  private closing = false;

  constructor(
    private readonly spreadMs: number,
    // Connects the station and boots it; a failure's reason, or undefined.
    private readonly bootAgain: (s: LoadStation) => Promise<string | undefined>,
  ) {}

  dropped(s: LoadStation): void {
    // A socket lost while coming back is the loop's own business.
    if (this.closing || this.away.has(s)) return;
    const outage: Outage = { station: s, droppedAt: Date.now(), attempts: 0, failures: [] };
    this.outages.push(outage);
    this.away.add(s);
    void this.comeBack(outage).finally(() => this.away.delete(s));
  }

  close(): void {
    this.closing = true;
  }

  private async comeBack(o: Outage): Promise<void> {
    let delay = Math.random() * this.spreadMs;
    while (!this.closing) {
      await sleep(delay);
      if (this.closing) return;
      o.attempts++;
      o.attemptAt = Date.now();
      const failure = await this.bootAgain(o.station);
      if (failure === undefined) {
        o.backAt = Date.now();
        return;
      }
      o.failures.push(failure);
      delay = Math.min(MAX_DELAY_MS, Math.max(250, delay * 2)) * (0.5 + Math.random() / 2);
    }
  }

  // Once at least `expected` stations have dropped since `since` and every one
  // is back, or at the timeout: how long each took, from `since`.
  async recovery(since: number, expected: number, timeoutMs: number): Promise<RecoveryReport> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      // A station that dropped twice counts once, by its latest outage.
      const latest = new Map<LoadStation, Outage>();
      for (const o of this.outages) if (o.droppedAt >= since) latest.set(o.station, o);
      const mine = [...latest.values()];
      const done = mine.length >= expected && mine.every((o) => o.backAt !== undefined);
      if (done || Date.now() > end) return report(mine, since);
      await sleep(20);
    }
  }
}

function report(mine: Outage[], since: number): RecoveryReport {
  const failures: Record<string, number> = {};
  let attempts = 0;
  for (const o of mine) {
    attempts += o.attempts;
    for (const f of o.failures) failures[f] = (failures[f] ?? 0) + 1;
  }
  const back = mine.filter((o) => o.backAt !== undefined);
  return {
    type: 'recovered',
    dropped: mine.length,
    back: back.length,
    droppedMs: summarize(mine.map((o) => o.droppedAt - since)),
    bootMs: summarize(back.map((o) => (o.backAt as number) - (o.attemptAt as number))),
    backMs: summarize(back.map((o) => (o.backAt as number) - since)),
    attempts,
    failures,
  };
}
