import { describe, expect, it } from 'vitest';
import { kronerDecimal, kwhDecimal, parsePercent, percentDecimal } from './kroner.ts';

describe('formatting', () => {
  it('writes kroner, kWh and percents for forms and the CSV', () => {
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
