import { loadavg } from 'node:os';

export interface QuietOutcome {
  quiet: boolean;
  waitedSeconds: number;
  load1: number;
}

// The machine is shared: a run started while something else keeps both cores
// busy measures that, not Ladepay. Waits until the 1-minute load average
// drops below the threshold, or gives up and runs anyway (the load is
// recorded with the figures).
export async function waitForQuietMachine(o: { below?: number; pollSeconds?: number; maxMinutes?: number; log?: (line: string) => void } = {}): Promise<QuietOutcome> {
  const below = o.below ?? 1.2;
  const pollMs = (o.pollSeconds ?? 15) * 1000;
  const deadline = Date.now() + (o.maxMinutes ?? 15) * 60_000;
  const started = Date.now();
  const log = o.log ?? ((line: string) => console.log(line));
  for (;;) {
    const load1 = loadavg()[0] ?? 0;
    const waitedSeconds = Math.round((Date.now() - started) / 1000);
    if (load1 < below) return { quiet: true, waitedSeconds, load1 };
    if (Date.now() + pollMs > deadline) {
      log(`load average ${load1.toFixed(2)} still ≥ ${below} after ${waitedSeconds} s: running anyway`);
      return { quiet: false, waitedSeconds, load1 };
    }
    log(`load average ${load1.toFixed(2)} ≥ ${below}: waiting ${pollMs / 1000} s for the machine to quieten`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export function quietMarkdown(q: QuietOutcome): string {
  return q.quiet
    ? `- 1-minute load average when the measurement began: ${q.load1.toFixed(2)} (waited ${q.waitedSeconds} s for it to drop below 1.2)`
    : `- 1-minute load average when the measurement began: ${q.load1.toFixed(2)} — **the machine was busy**: it stayed at or above 1.2 for ${q.waitedSeconds} s, and the run went ahead anyway`;
}
