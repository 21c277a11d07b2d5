import { startLadepayProcess, type LadepayProcess } from './ladepay-process.ts';
import type { Prng } from './prng.ts';
import type { WorldClock } from './world-clock.ts';

// Ladepay's life during the run: started, killed with SIGKILL at random
// moments every few hundred sessions, and restarted on the same database with
// the same configuration; the downtime is kept in world time for the auditor.
export class LadepayControl {
  readonly downtime: Array<[number, number | null]> = [];
  kills = 0;
  private process?: LadepayProcess;
  private killing?: Promise<void>;
  private nextKillAt: number;

  constructor(
    private readonly o: { env: Record<string, string>; port: number; logFile: string; clock: WorldClock; rng: Prng; killEvery: [number, number] | null; firstKillAfter: number; log(line: string): void },
  ) {
    this.nextKillAt = o.killEvery ? o.firstKillAfter + o.rng.int(...o.killEvery) : Number.POSITIVE_INFINITY;
  }

  get url(): string {
    return `http://127.0.0.1:${this.o.port}`;
  }

  up(): boolean {
    const last = this.downtime.at(-1);
    return this.process !== undefined && (!last || last[1] !== null);
  }

  async start(): Promise<void> {
    this.process = await startLadepayProcess({ env: this.o.env, port: this.o.port, logFile: this.o.logFile });
  }

  // Called as sessions start: at the drawn count, a kill at a random moment soon after.
  sessionStarted(count: number): void {
    if (count < this.nextKillAt || this.killing || !this.o.killEvery) return;
    this.nextKillAt = count + this.o.rng.int(...this.o.killEvery);
    const delayMs = this.o.rng.int(0, 10_000);
    this.killing = (async () => {
      await new Promise((r) => setTimeout(r, delayMs));
      const down: [number, number | null] = [this.o.clock.nowMs(), null];
      this.downtime.push(down);
      await this.process?.kill9();
      this.kills += 1;
      for (let attempt = 1; ; attempt++) {
        try {
          await this.start();
          break;
        } catch (e) {
          if (attempt >= 3) throw e;
        }
      }
      down[1] = this.o.clock.nowMs();
      this.o.log(`chaos: Ladepay killed (SIGKILL) and back after ${((down[1] - down[0]) / this.o.clock.scale / 1000).toFixed(1)} s`);
    })().finally(() => {
      this.killing = undefined;
    });
  }

  async settle(): Promise<void> {
    await this.killing;
  }

  async stop(): Promise<void> {
    await this.settle();
    await this.process?.stop();
  }
}
