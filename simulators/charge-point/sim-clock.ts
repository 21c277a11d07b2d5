// The station's clock, which stamps every message. It runs with the wall clock
// plus whatever tick() has added; in manual mode (timeScale 0) it stands still
// between ticks, so timestamps in tests are exact.
export class SimClock {
  private offsetMs = 0;
  private readonly frozenAt: number | undefined;

  constructor(manual: boolean) {
    this.frozenAt = manual ? Date.now() : undefined;
  }

  now(): Date {
    return new Date((this.frozenAt ?? Date.now()) + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
