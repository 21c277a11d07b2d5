import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOre, isWh, roundHalfUp } from './money.ts';

describe('roundHalfUp', () => {
  it.each([
    // numerator, denominator, expected
    [0, 7, 0],
    [10, 5, 2],
    [1, 3, 0],
    [2, 3, 1],
    [4, 3, 1],
    [5, 3, 2],
    [1, 2, 1], // 0.5 → 1
    [3, 2, 2], // 1.5 → 2
    [5, 2, 3], // 2.5 → 3, not to even
    [249_500, 1000, 250], // 500 Wh at 4.99 kr/kWh: 249.5 øre
    [249_499, 1000, 249],
    [1800, 3600, 1],
    [1799, 3600, 0],
    [-1, 2, -1], // a half away from zero
    [-3, 2, -2],
    [-5, 2, -3],
    [-1, 3, 0],
    [-2, 3, -1],
    [5, -2, -3],
    [-5, -2, 3],
    [Number.MAX_SAFE_INTEGER, 2, 2 ** 52], // 2^52 - 0.5
    [Number.MAX_SAFE_INTEGER, 1, Number.MAX_SAFE_INTEGER],
    [-Number.MAX_SAFE_INTEGER, 2, -(2 ** 52)],
    [Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER, 1],
    [4_503_599_627_370_495, 9_007_199_254_740_990, 1], // exactly a half
    [4_503_599_627_370_495, 9_007_199_254_740_991, 0], // just under a half
    [4_503_599_627_370_496, 9_007_199_254_740_991, 1], // just over a half
  ])('%d / %d → %d', (numerator, denominator, expected) => {
    expect(roundHalfUp(numerator, denominator)).toBe(expected);
  });

  it('never returns -0', () => {
    expect(Object.is(roundHalfUp(-1, 3), 0)).toBe(true);
    expect(Object.is(roundHalfUp(-1n, 3n), 0)).toBe(true);
    expect(Object.is(roundHalfUp(0, -5), 0)).toBe(true);
  });

  it.each([
    // products past 2^53 stay exact when passed as bigint
    [123_456_789_012_345n * 100_000n + 50_000n, 100_000n, 123_456_789_012_346],
    [123_456_789_012_345n * 100_000n + 49_999n, 100_000n, 123_456_789_012_345],
    [-(123_456_789_012_345n * 100_000n + 50_000n), 100_000n, -123_456_789_012_346],
    [10n ** 19n + 5n * 10n ** 3n, 10n ** 4n, 1_000_000_000_000_001],
  ])('%s / %s → %d (bigint)', (numerator, denominator, expected) => {
    expect(roundHalfUp(numerator, denominator)).toBe(expected);
  });

  it.each([
    [1.5, 2],
    [1, 0],
    [1n, 0n],
    [Number.NaN, 2],
    [1, Number.POSITIVE_INFINITY],
    [2 ** 53, 1],
    [10n ** 30n, 1n],
  ])('refuses %s / %s with a RangeError', (numerator, denominator) => {
    expect(() => roundHalfUp(numerator, denominator)).toThrow(RangeError);
  });

  it('is the nearest integer, a half away from zero, for any safe integers', () => {
    const safe = fc.oneof(
      fc.integer({ min: -10_000, max: 10_000 }),
      fc.maxSafeInteger(),
      fc.maxSafeNat().map((n) => -n),
    );
    const nonZero = safe.filter((d) => d !== 0);
    fc.assert(
      fc.property(safe, nonZero, (n, d) => {
        const r = BigInt(roundHalfUp(n, d));
        const distanceTimesTwo = abs(2n * (BigInt(n) - r * BigInt(d)));
        const denominator = abs(BigInt(d));
        expect(distanceTimesTwo <= denominator).toBe(true);
        if (distanceTimesTwo === denominator) expect(abs(r * BigInt(d)) > abs(BigInt(n))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same answer for numbers and bigints', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 1, max: 100_000 }), (n, d) => {
        expect(roundHalfUp(BigInt(n), BigInt(d))).toBe(roundHalfUp(n, d));
        expect(roundHalfUp(-n, d)).toBe(-roundHalfUp(n, d) + 0);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('isOre and isWh', () => {
  it.each([
    [0, true],
    [499, true],
    [-100, true],
    [Number.MAX_SAFE_INTEGER, true],
    [4.99, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    [2 ** 53, false],
    ['499', false],
    [null, false],
  ])('%s → %s', (value, expected) => {
    expect(isOre(value)).toBe(expected);
    expect(isWh(value)).toBe(expected);
  });
});

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}
