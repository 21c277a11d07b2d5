/** The only source of "now" inside the simulator; tests inject their own to let time pass instantly. */
export interface SimClock {
  now(): Date;
}

export type ClockListener = () => void;

/**
 * The simulator's own clock. Running (default): wall-clock time plus an offset that `advance` grows.
 * Frozen (`frozenAt`): time stands still until `advance` moves it. Listeners run after every advance,
 * so the approval-window sweep sees the jump at once instead of on its next timer tick.
 */
export class SimulatorClock implements SimClock {
  private offsetMs = 0;
  private readonly frozenAtMs: number | null;
  private readonly listeners = new Set<ClockListener>();

  constructor(options: { frozenAt?: Date } = {}) {
    this.frozenAtMs = options.frozenAt ? options.frozenAt.getTime() : null;
  }

  now(): Date {
    const base = this.frozenAtMs ?? Date.now();
    return new Date(base + this.offsetMs);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
    this.offsetMs += ms;
    for (const listener of this.listeners) listener();
  }

  onAdvance(listener: ClockListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
