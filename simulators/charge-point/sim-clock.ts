// The station's clock, which stamps every message. It runs on a source (the
// wall clock, or a shared world clock the station was given) plus whatever
// tick() has added; in manual mode (timeScale 0) it stands still between
// ticks, so timestamps in tests are exact. While simulated time is run
// forward in slices, the clock is pinned to the slice being run, so a sample
// carries the moment it fell due rather than the moment the slices were run.
export class SimClock {
  private offsetMs = 0;
  private readonly frozenAt: number | undefined;
  private pinnedAt: number | undefined;

  constructor(
    manual: boolean,
    private readonly source: () => number = Date.now,
  ) {
    this.frozenAt = manual ? source() : undefined;
  }

  now(): Date {
    return new Date((this.pinnedAt ?? this.frozenAt ?? this.source()) + this.offsetMs);
  }

  // The source's time, without what tick() added.
  sourceNow(): number {
    return this.frozenAt ?? this.source();
  }

  advance(ms: number): void {
    if (this.pinnedAt === undefined) this.offsetMs += ms;
    else this.pinnedAt += ms;
  }

  // Runs work with the clock standing at `at` (source time); advance() then moves the pin.
  pinned<T>(at: number, work: () => T): T {
    this.pinnedAt = at;
    try {
      return work();
    } finally {
      this.pinnedAt = undefined;
    }
  }
}
