import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attempt-limiter.ts';

describe('AttemptLimiter', () => {
  it('grants max reservations per key and window, then refuses with the seconds left', () => {
    let now = 1_000_000;
    const limiter = new AttemptLimiter({ max: 3, windowMs: 60_000 }, () => now);
    const granted = Array.from({ length: 5 }, () => limiter.reserve('a').ok);
    expect(granted).toEqual([true, true, true, false, false]);
    expect(limiter.reserve('b').ok).toBe(true);
    now += 20_000;
    expect(limiter.reserve('a')).toEqual({ ok: false, retryAfterSeconds: 40 });
    now += 40_000;
    expect(limiter.reserve('a').ok).toBe(true);
  });

  it('takes a released reservation back once, and only in its own window', () => {
    let now = 0;
    const limiter = new AttemptLimiter({ max: 2, windowMs: 1000 }, () => now);
    const first = limiter.reserve('k');
    if (!first.ok) throw new Error('refused');
    first.release();
    first.release();
    expect(limiter.reserve('k').ok).toBe(true);
    expect(limiter.reserve('k').ok).toBe(true);
    expect(limiter.reserve('k').ok).toBe(false);

    const old = limiter.reserve('m');
    now += 1000;
    expect(limiter.reserve('m').ok).toBe(true);
    if (old.ok) old.release(); // from the last window: changes nothing now
    expect(limiter.reserve('m').ok).toBe(true);
    expect(limiter.reserve('m').ok).toBe(false);
  });

  it('keeps no more keys than it is allowed, dropping expired ones first', () => {
    let now = 0;
    const limiter = new AttemptLimiter({ max: 1, windowMs: 1000 }, () => now, 100);
    for (let i = 0; i < 99; i++) limiter.reserve(`old-${i}`);
    now += 500;
    limiter.reserve('live');
    now += 600;
    for (let i = 0; i < 500; i++) limiter.reserve(`new-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
  });
});
