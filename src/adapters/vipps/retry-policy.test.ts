import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isTransientAnswer, parseRetryAfterMs } from './retry-policy.ts';

const settings = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1_000 };

describe('retry policy', () => {
  it.each([
    [500, undefined, true],
    [503, '3010', true],
    [429, undefined, true],
    [423, undefined, true],
    [409, '6160', true],
    [400, '6280', true],
    [400, '6260', false],
    [400, '6090', false],
    [409, '4010', false],
    [404, undefined, false],
    [401, undefined, false],
    [200, undefined, false],
  ])('status %s code %s transient: %s', (status, code, transient) => {
    expect(isTransientAnswer(status, code)).toBe(transient);
  });

  it('grows exponentially, jitters between half and all of the step, and stays under the cap', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, settings, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, settings, () => 1))).toEqual([100, 200, 400, 800, 1000]);
  });

  it('honours Retry-After as a floor, still capped', () => {
    expect(backoffDelayMs(1, settings, () => 0, 700)).toBe(700);
    expect(backoffDelayMs(1, settings, () => 0, 60_000)).toBe(1_000);
  });

  it('reads Retry-After seconds and ignores what it cannot read', () => {
    expect(parseRetryAfterMs('2')).toBe(2_000);
    expect(parseRetryAfterMs(null)).toBeUndefined();
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT')).toBeUndefined();
  });
});
