import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { netPart, STANDARD_VAT_RATE_BASIS_POINTS, vatPart } from './vat.ts';

describe('vatPart', () => {
  it.each([
    // gross øre, rate (basis points), VAT øre
    [12_500, 2500, 2500],
    [0, 2500, 0],
    [1, 2500, 0], // net 0.8 → 1
    [2, 2500, 0], // net 1.6 → 2
    [3, 2500, 1], // net 2.4 → 2
    [4, 2500, 1], // net 3.2 → 3
    [5, 2500, 1],
    [100, 2500, 20],
    [6160, 2500, 1232],
    [99_999, 2500, 20_000], // net 79 999.2 → 79 999
    [11_500, 1500, 1500], // 15 %, food
    [11_200, 1200, 1200], // 12 %, transport
    [12_345, 0, 0],
    [1, 10_000, 0], // net 0.5 → 1: a half rounds up
    [3, 10_000, 1], // net 1.5 → 2
    [-12_500, 2500, -2500], // a credit mirrors a charge
    [-3, 2500, -1],
    [900_719_925_474_099, 2500, 180_143_985_094_820], // gross × 10 000 passes 2^53
  ])('gross %d at %d bp → VAT %d', (gross, rate, vat) => {
    expect(vatPart(gross, rate)).toBe(vat);
    expect(netPart(gross, rate) + vatPart(gross, rate)).toBe(gross);
  });

  it('uses 25 % as the standard rate', () => {
    expect(STANDARD_VAT_RATE_BASIS_POINTS).toBe(2500);
  });

  it.each([
    [1.5, 2500],
    [Number.NaN, 2500],
    [100, -1],
    [100, 12.5],
  ])('refuses gross %s at %s bp with a RangeError', (gross, rate) => {
    expect(() => vatPart(gross, rate)).toThrow(RangeError);
  });

  it('adds up with the net, stays within the gross and is the nearest to gross × rate / (1 + rate)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 10_000 }), (gross, rate) => {
        const vat = vatPart(gross, rate);
        expect(netPart(gross, rate) + vat).toBe(gross);
        expect(vat).toBeGreaterThanOrEqual(0);
        expect(vat).toBeLessThanOrEqual(gross);
        // |vat − gross × rate / (10 000 + rate)| ≤ ½, in integers
        const exactTimesDenominator = BigInt(gross) * BigInt(rate);
        const denominator = BigInt(10_000 + rate);
        const twiceDistance = 2n * (BigInt(vat) * denominator - exactTimesDenominator);
        expect(twiceDistance <= denominator && -twiceDistance <= denominator).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
