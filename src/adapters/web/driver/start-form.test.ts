import { describe, expect, it } from 'vitest';
import { aLandingView } from '../../../../test/browser/driver-view-builders.ts';
import { en } from './i18n/en.ts';
import { checkStartForm, readStartForm } from './start-form.ts';

// Presets 200, 300, 500 kr, typed amounts 100–1000 kr; with a 200 kr idle-fee reserve and a 10 kr start
// fee, 10 kWh takes 270 kr, so 200 kr is not offered and typed amounts start at 270 kr.
const landing = aLandingView();
const least = landing.amounts!.minOre;
const check = (body: Record<string, unknown>, view = landing) => checkStartForm(readStartForm(body), view, en);

describe('checkStartForm', () => {
  it('offers the amounts the core rule gives for this tariff', () => {
    expect(least).toBe(27_000);
    expect(landing.amounts!.presets.map((p) => p.ore)).toEqual([30_000, 50_000]);
  });

  it.each([
    [{ amount: '30000', terms: 'yes', method: 'WALLET' }, 30_000, 'WALLET'],
    [{ amount: '50000', terms: 'yes' }, 50_000, 'WALLET'],
    [{ amount: 'custom', custom: '350', terms: 'yes', method: 'WALLET' }, 35_000, 'WALLET'],
    [{ amount: 'custom', custom: '1 000 kr', terms: 'yes' }, 100_000, 'WALLET'],
    [{ amount: 'custom', custom: '270', terms: 'yes' }, 27_000, 'WALLET'],
    [{ amount: 'custom', custom: '270,00', terms: 'yes' }, 27_000, 'WALLET'],
    // A typed amount with no radio chosen (no script to tick "Other amount").
    [{ custom: '400', terms: 'yes' }, 40_000, 'WALLET'],
    // The radio decides when both are given.
    [{ amount: '50000', custom: '400', terms: 'yes' }, 50_000, 'WALLET'],
    [{ amount: ['30000', '50000'], terms: 'yes' }, 30_000, 'WALLET'],
  ])('accepts %j', (body, maxAmountOre, method) => {
    expect(check(body)).toEqual({ ok: true, maxAmountOre, method });
  });

  it('accepts a card payment only where cards are offered', () => {
    expect(check({ amount: '30000', terms: 'yes', method: 'CARD' }, aLandingView({ cardPayments: true }))).toEqual({
      ok: true,
      maxAmountOre: 30_000,
      method: 'CARD',
    });
    expect(check({ amount: '30000', terms: 'yes', method: 'CARD' })).toEqual({ ok: false, problems: { method: en.methodInvalid } });
  });

  it.each([
    [{ terms: 'yes' }, en.amountMissing],
    [{ amount: '', terms: 'yes' }, en.amountMissing],
    [{ amount: '12345', terms: 'yes' }, en.amountMissing],
    // A preset the rule does not offer here: it buys less than 10 kWh.
    [{ amount: '20000', terms: 'yes' }, en.amountMissing],
    [{ amount: '-30000', terms: 'yes' }, en.amountMissing],
    [{ amount: 'custom', custom: '', terms: 'yes' }, en.amountMissing],
    [{ amount: 'custom', custom: 'lots', terms: 'yes' }, en.amountNotANumber],
    [{ amount: 'custom', custom: '269', terms: 'yes' }, en.amountTooLow('270\u00a0kr')],
    [{ amount: 'custom', custom: '100', terms: 'yes' }, en.amountTooLow('270\u00a0kr')],
    [{ amount: 'custom', custom: '1001', terms: 'yes' }, en.amountTooHigh('1\u00a0000\u00a0kr')],
    [{ amount: 'custom', custom: '123,45', terms: 'yes' }, en.amountNotWholeKroner],
    [{ amount: 'custom', custom: '1000,01', terms: 'yes' }, en.amountNotWholeKroner],
  ])('refuses the amount in %j', (body, message) => {
    expect(check(body)).toEqual({ ok: false, problems: { amount: message } });
  });

  it('requires the terms to be accepted actively', () => {
    expect(check({ amount: '30000' })).toEqual({ ok: false, problems: { terms: en.termsRequired } });
    expect(check({ amount: '30000', terms: 'on' })).toEqual({ ok: false, problems: { terms: en.termsRequired } });
  });

  it('reports every problem at once', () => {
    expect(check({ amount: 'custom', custom: 'x', method: 'PAYPAL' })).toEqual({
      ok: false,
      problems: { amount: en.amountNotANumber, terms: en.termsRequired, method: en.methodInvalid },
    });
  });

  it('reads only string fields, cut to a sane length', () => {
    expect(readStartForm({ amount: 30000, custom: 'x'.repeat(500), terms: { a: 1 } })).toEqual({ custom: 'x'.repeat(100) });
    expect(readStartForm(undefined)).toEqual({});
  });
});
