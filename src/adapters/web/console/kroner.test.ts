import { describe, expect, it } from 'vitest';
import { formatKroner, kronerDecimal, kwhDecimal, parseKroner, parsePercent, percentDecimal } from './kroner.ts';

describe('parseKroner', () => {
  it.each([
    ['4,99', 499],
    ['4.99', 499],
    ['4,9', 490],
    ['0,29', 29],
    ['12', 1200],
    ['1 234,50', 123_450],
    ['0.07', 7],
    ['4,99 kr', 499],
    ['19.999', undefined],
    ['-1', undefined],
    ['abc', undefined],
    ['', undefined],
    ['1e3', undefined],
    ['4,,9', undefined],
  ])('%s → %s', (input, ore) => {
    expect(parseKroner(input)).toBe(ore);
  });

  it('is exact where a float would not be', () => {
    // 0.29 * 100 = 28.999999999999996 as a float.
    expect(parseKroner('0.29')).toBe(29);
    expect(parseKroner('1.15')).toBe(115);
  });
});

describe('formatting', () => {
  it('formats kroner, kWh and percents', () => {
    expect(formatKroner(123_450)).toBe('1\u00a0234,50\u00a0kr');
    expect(kronerDecimal(5)).toBe('0,05');
    expect(kronerDecimal(-1250)).toBe('-12,50');
    expect(kwhDecimal(12_345)).toBe('12,345');
    expect(kwhDecimal(5)).toBe('0,005');
    expect(percentDecimal(2500)).toBe('25');
    expect(percentDecimal(1250)).toBe('12,5');
    expect(parsePercent('25')).toBe(2500);
    expect(parsePercent('12,5 %')).toBe(1250);
    expect(parsePercent('x')).toBeUndefined();
  });
});
