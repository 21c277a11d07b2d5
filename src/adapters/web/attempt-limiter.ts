export interface AttemptWindow {
  max: number;
  windowMs: number;
}

export type Reservation = { ok: true; release(): void } | { ok: false; retryAfterSeconds: number };

interface Count {
  start: number;
  count: number;
}

// Attempts per key in fixed windows, counted in this process. An attempt is
// reserved before it is judged, in one synchronous step, so parallel attempts
// cannot all pass a check that would only count them afterwards (what let 40
// parallel logins test 39 passwords). release() hands a reservation back, for
// limits that count only failures.
//
// @fastify/rate-limit counts the same way but cannot hand a count back, so the
// failures-only limits (a login per e-mail, an API token per address) use this.
export class AttemptLimiter {
  private readonly counts = new Map<string, Count>();

  constructor(
    private readonly limit: AttemptWindow,
    private readonly clock: () => number = Date.now,
    // An attacker making up keys (e-mails, addresses) cannot grow memory past this.
    private readonly maxKeys = 100_000,
  ) {}

  get size(): number {
    return this.counts.size;
  }

  reserve(key: string): Reservation {
    const now = this.clock();
    let c = this.counts.get(key);
    if (!c || now - c.start >= this.limit.windowMs) {
      if (c) this.counts.delete(key);
      this.makeRoom(now);
      c = { start: now, count: 0 };
      this.counts.set(key, c);
    }
    if (c.count >= this.limit.max) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((c.start + this.limit.windowMs - now) / 1000)) };
    }
    c.count += 1;
    const held = c;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        if (this.counts.get(key) === held && held.count > 0) held.count -= 1;
      },
    };
  }

  private makeRoom(now: number): void {
    if (this.counts.size < this.maxKeys) return;
    for (const [key, c] of this.counts) if (now - c.start >= this.limit.windowMs) this.counts.delete(key);
    // Still full of live windows: the oldest go first (a Map keeps insertion order).
    for (const key of this.counts.keys()) {
      if (this.counts.size < this.maxKeys * 0.9) break;
      this.counts.delete(key);
    }
  }
}
