// Progress as the run goes: sessions done of the total, per outcome, the rate
// over the last minute, an estimate of what is left, and Ladepay's restarts.
export class Progress {
  private readonly started = Date.now();
  private readonly outcomes = new Map<string, number>();
  private readonly recent: number[] = [];
  done = 0;

  constructor(
    private readonly total: number,
    private readonly write: (line: string) => void,
  ) {}

  finished(outcome: string): void {
    this.done += 1;
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
    this.recent.push(Date.now());
  }

  counts(): Record<string, number> {
    return Object.fromEntries([...this.outcomes.entries()].sort((a, b) => b[1] - a[1]));
  }

  print(extra: string): void {
    const now = Date.now();
    while (this.recent.length > 0 && (this.recent[0] as number) < now - 60_000) this.recent.shift();
    const elapsed = (now - this.started) / 1000;
    const window = Math.min(60, elapsed);
    const rate = window > 0 ? this.recent.length / window : 0;
    const left = this.total - this.done;
    const eta = rate > 0 ? `${Math.ceil(left / rate / 60)} min` : '?';
    const outcomes = [...this.outcomes.entries()].map(([k, v]) => `${k} ${v}`).join(', ');
    this.write(`[${formatDuration(elapsed)}] ${this.done}/${this.total} sessions (${outcomes || 'none yet'}) ${rate.toFixed(2)}/s, ETA ${eta}; ${extra}`);
  }
}

export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.floor(seconds % 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}
