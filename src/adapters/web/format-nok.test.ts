import { describe, expect, it } from 'vitest';
import {
  formatKronerInput,
  formatKw,
  formatKwh,
  formatKwRated,
  formatNok,
  formatNokShort,
  formatPercentBasisPoints,
  formatPricePerKwh,
  parseKroner,
} from './format-nok.ts';

// Tests write the no-break space as "_" for readability.
const nbsp = (s: string) => s.replace(/_/g, '\u00a0');

describe('formatNok', () => {
  it.each([
    [499, '4,99_kr'],
    [0, '0,00_kr'],
    [5, '0,05_kr'],
    [30_000, '300,00_kr'],
    [123_450, '1_234,50_kr'],
    [123_456_789, '1_234_567,89_kr'],
    [-1050, '\u221210,50_kr'],
  ])('%i øre → %s', (ore, expected) => {
    expect(formatNok(ore)).toBe(nbsp(expected));
  });

  it.each([
    [30_000, '300_kr'],
    [100_000, '1_000_kr'],
    [12_345, '123,45_kr'],
  ])('short: %i øre → %s', (ore, expected) => {
    expect(formatNokShort(ore)).toBe(nbsp(expected));
  });

  it('prices per kWh', () => {
    expect(formatPricePerKwh(499)).toBe(nbsp('4,99_kr/kWh'));
  });

  it('writes kroner for a form field without unit or grouping', () => {
    expect(formatKronerInput(25_000)).toBe('250');
    expect(formatKronerInput(123_450)).toBe('1234,50');
  });
});

describe('formatKwh', () => {
  it.each([
    [12_340, '12,34_kWh'],
    [12_345, '12,35_kWh'], // half up
    [12_344, '12,34_kWh'],
    [0, '0,00_kWh'],
    [5, '0,01_kWh'],
    [1_234_560, '1_234,56_kWh'],
  ])('%i Wh → %s', (wh, expected) => {
    expect(formatKwh(wh)).toBe(nbsp(expected));
  });
});

describe('formatKw', () => {
  it.each([
    [7400, '7,4_kW'],
    [48_250, '48,3_kW'],
    [0, '0,0_kW'],
    [350_000, '350,0_kW'],
  ])('%i W → %s', (w, expected) => {
    expect(formatKw(w)).toBe(nbsp(expected));
  });

  it('writes a rated power in whole kW without decimals', () => {
    expect(formatKwRated(50_000)).toBe(nbsp('50_kW'));
    expect(formatKwRated(7400)).toBe(nbsp('7,4_kW'));
  });
});

describe('formatPercentBasisPoints', () => {
  it.each([
    [2500, '25_%'],
    [1500, '15_%'],
    [1250, '12,5_%'],
    [0, '0_%'],
  ])('%i bp → %s', (bp, expected) => {
    expect(formatPercentBasisPoints(bp)).toBe(nbsp(expected));
  });
});

describe('parseKroner', () => {
  it.each([
    ['250', 25_000],
    [' 250 ', 25_000],
    ['250,5', 25_050],
    ['250.50', 25_050],
    ['1 250', 125_000],
    ['250 kr', 25_000],
    ['250kr', 25_000],
    ['250,-', 25_000],
    ['0', 0],
  ])('%j → %i øre', (input, ore) => {
    expect(parseKroner(input)).toBe(ore);
  });

  it.each(['', 'abc', '250,555', '-250', '1e3', '250,5,5', '12345678', '0x10'])('%j is not an amount', (input) => {
    expect(parseKroner(input)).toBeUndefined();
  });
});

describe('parseKroner, as operators type amounts', () => {
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
