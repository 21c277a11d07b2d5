import { describe, expect, it } from 'vitest';
import { aTariff } from '../../test/support/tariff-builder.ts';
import { checkTariff, hasIdleFee, TARIFF_LIMITS, validateTariff } from './tariff.ts';
import type { TariffError } from './tariff.ts';

describe('validateTariff', () => {
  it('fills in NOK, 25 % VAT and no other fees when only the energy price is given', () => {
    const result = validateTariff({ perKwhOre: 499 });
    expect(result).toEqual({
      ok: true,
      value: {
        currency: 'NOK',
        perKwhOre: 499,
        startFeeOre: 0,
        perHourOre: 0,
        idlePerMinuteOre: 0,
        idleGraceMinutes: 0,
        idleCapOre: 0,
        vatRateBasisPoints: 2500,
      },
    });
  });

  it('accepts a tariff with every component and returns a frozen copy', () => {
    const input = {
      currency: 'NOK',
      perKwhOre: 459,
      startFeeOre: 500,
      perHourOre: 1200,
      idlePerMinuteOre: 100,
      idleGraceMinutes: 15,
      idleCapOre: 30_000,
      vatRateBasisPoints: 2500,
    };
    const result = validateTariff(input);
    expect(result.ok && result.value).toEqual(input);
    expect(result.ok && Object.isFrozen(result.value)).toBe(true);
    expect(result.ok && result.value).not.toBe(input);
  });

  it('accepts a time-only tariff and a flat start fee', () => {
    expect(validateTariff({ perKwhOre: 0, perHourOre: 6000 }).ok).toBe(true);
    expect(validateTariff({ perKwhOre: 0, startFeeOre: 9900 }).ok).toBe(true);
  });

  it('accepts every value at its limit', () => {
    expect(validateTariff({ ...TARIFF_LIMITS })).toMatchObject({ ok: true });
  });

  it.each<[string, unknown, TariffError[]]>([
    ['null', null, [{ field: null, code: 'not_an_object' }]],
    ['an array', [499], [{ field: null, code: 'not_an_object' }]],
    ['a number', 499, [{ field: null, code: 'not_an_object' }]],
    ['no energy price', {}, [{ field: 'perKwhOre', code: 'required' }]],
    ['kroner instead of øre', { perKwhOre: 4.99 }, [{ field: 'perKwhOre', code: 'not_integer' }]],
    ['a string', { perKwhOre: '499' }, [{ field: 'perKwhOre', code: 'not_integer' }]],
    ['NaN', { perKwhOre: Number.NaN }, [{ field: 'perKwhOre', code: 'not_integer' }]],
    ['Infinity', { perKwhOre: 499, idleCapOre: Infinity }, [{ field: 'idleCapOre', code: 'not_integer' }]],
    ['a negative fee', { perKwhOre: 499, startFeeOre: -1 }, [{ field: 'startFeeOre', code: 'negative' }]],
    [
      'an absurd price',
      { perKwhOre: 100_001 },
      [{ field: 'perKwhOre', code: 'too_large', limit: 100_000 }],
    ],
    [
      'a VAT rate over 100 %',
      { perKwhOre: 499, vatRateBasisPoints: 10_001 },
      [{ field: 'vatRateBasisPoints', code: 'too_large', limit: 10_000 }],
    ],
    ['another currency', { perKwhOre: 499, currency: 'SEK' }, [{ field: 'currency', code: 'unsupported_currency' }]],
    ['a misspelt field', { perKwhOre: 499, startFee: 500 }, [{ field: 'startFee', code: 'unknown_field' }]],
    [
      'an idle fee without a cap',
      { perKwhOre: 499, idlePerMinuteOre: 100 },
      [{ field: 'idleCapOre', code: 'idle_fee_needs_cap' }],
    ],
    [
      'an idle cap without a fee',
      { perKwhOre: 499, idleCapOre: 5000 },
      [{ field: 'idlePerMinuteOre', code: 'idle_cap_needs_fee' }],
    ],
    ['nothing to pay for charging', { perKwhOre: 0 }, [{ field: null, code: 'no_charging_price' }]],
    [
      'several problems at once',
      { perKwhOre: -5, perHourOre: 1.5, colour: 'red' },
      [
        { field: 'colour', code: 'unknown_field' },
        { field: 'perKwhOre', code: 'negative' },
        { field: 'perHourOre', code: 'not_integer' },
      ],
    ],
  ])('refuses %s', (_name, input, errors) => {
    expect(validateTariff(input)).toEqual({ ok: false, error: errors });
  });
});

describe('checkTariff', () => {
  it('finds nothing wrong with a sound tariff, whatever else the object carries', () => {
    expect(checkTariff({ ...aTariff(), id: 'T1', name: 'Hurtiglader' })).toEqual([]);
  });

  it('does not fill in defaults: a stored copy must be complete', () => {
    const { vatRateBasisPoints: _dropped, ...incomplete } = aTariff();
    expect(checkTariff(incomplete)).toEqual([{ field: 'vatRateBasisPoints', code: 'required' }]);
  });

  it('finds the problems of a tariff built by hand', () => {
    expect(checkTariff(aTariff({ idlePerMinuteOre: 50 }))).toEqual([
      { field: 'idleCapOre', code: 'idle_fee_needs_cap' },
    ]);
  });
});

describe('aTariff', () => {
  it('builds a valid 4.99 kr/kWh tariff with 25 % VAT', () => {
    const tariff = aTariff();
    expect(validateTariff(tariff)).toEqual({ ok: true, value: tariff });
    expect(tariff.perKwhOre).toBe(499);
    expect(hasIdleFee(tariff)).toBe(false);
  });

  it('takes overrides', () => {
    const tariff = aTariff({ idlePerMinuteOre: 100, idleCapOre: 5000 });
    expect(tariff.perKwhOre).toBe(499);
    expect(hasIdleFee(tariff)).toBe(true);
  });
});
