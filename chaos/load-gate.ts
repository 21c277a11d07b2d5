// Back-pressure for a busy machine: new sessions start only while Ladepay
// answers its liveness probe quickly. The machine is shared; when it is
// swamped, starting more drivers only turns sessions into refused starts and
// missed start windows, which test nothing. Sessions under way are not held.
export class LoadGate {
  private readonly recent: number[] = [];
  private timer?: NodeJS.Timeout;
  held = 0; // real ms new sessions have waited in all

  constructor(
    private readonly url: () => string,
    private readonly up: () => boolean,
    private readonly limitMs = 1_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.probe(), 1_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  open(): boolean {
    if (!this.up()) return false;
    const sorted = [...this.recent].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    return median < this.limitMs;
  }

  async pass(): Promise<void> {
    const from = Date.now();
    while (!this.open()) await new Promise((r) => setTimeout(r, 250 + Math.random() * 500));
    this.held += Date.now() - from;
  }

  private async probe(): Promise<void> {
    const from = Date.now();
    const ok = await fetch(`${this.url()}/health/live`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.ok,
      () => false,
    );
    this.recent.push(ok ? Date.now() - from : 5_000);
    if (this.recent.length > 5) this.recent.shift();
  }
}
