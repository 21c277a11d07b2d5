import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/adapters/storage/schema.ts';
import type { WorldClock } from './world-clock.ts';

// Back-pressure for a shared machine: a new driver starts only while Ladepay
// keeps up (it answers its liveness probe quickly, and no side effect in its
// outbox has been due for long), and at most a few per second. When the
// machine is swamped, starting more drivers only turns sessions into missed
// start windows and refused starts, which test nothing. Sessions under way
// are never held.
export class LoadGate {
  private probeMs = 0;
  private backlogMs = 0; // how long the oldest due outbox item has waited, real ms
  private timer?: NodeJS.Timeout;
  private lastStart = 0;
  held = 0; // real ms new drivers have waited in all

  constructor(
    private readonly o: { url(): string; up(): boolean; db: Kysely<Database>; clock: WorldClock; startsPerSecond: number },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.probe(), 1_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  open(): boolean {
    return this.o.up() && this.probeMs < 1_000 && this.backlogMs < 3_000;
  }

  describe(): string {
    return `probe ${this.probeMs} ms, oldest due side effect ${(this.backlogMs / 1000).toFixed(1)} s`;
  }

  async pass(): Promise<void> {
    const from = Date.now();
    for (;;) {
      const gap = 1_000 / this.o.startsPerSecond;
      if (this.open() && Date.now() - this.lastStart >= gap) break;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
    }
    this.lastStart = Date.now();
    this.held += Date.now() - from;
  }

  private async probe(): Promise<void> {
    const from = Date.now();
    const ok = await fetch(`${this.o.url()}/health/live`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.ok,
      () => false,
    );
    this.probeMs = ok ? Date.now() - from : 5_000;
    try {
      const now = this.o.clock.now().toISOString();
      const row = await sql<{ at: string | null }>`select min(run_after) as at from outbox where state = 'pending' and run_after <= ${now}`.execute(this.o.db);
      const oldest = row.rows[0]?.at;
      this.backlogMs = oldest ? this.o.clock.realMs(Date.parse(now) - Date.parse(oldest)) : 0;
    } catch {
      this.backlogMs = 0;
    }
  }
}
