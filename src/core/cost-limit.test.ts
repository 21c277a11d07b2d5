import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aTariff } from '../../test/support/tariff-builder.ts';
import {
  defaultMarginOre,
  MAX_AMOUNT_LIMIT_ORE,
  maxAffordableChargingSeconds,
  maxAffordableEnergyWh,
  minimumMaxOre,
  stationLimit,
  usageBudget,
  wouldExceed,
} from './cost-limit.ts';
import type { UsageBudget } from './cost-limit.ts';
import { roundHalfUp } from './money.ts';
import { energyAmount, priceSession, timeAmount, USAGE_LIMITS } from './pricing.ts';
import type { Usage } from './pricing.ts';
import { checkTariff, TARIFF_LIMITS } from './tariff.ts';
import type { Tariff } from './tariff.ts';

// The tariff of the worked example in docs/pricing.md.
const EXAMPLE = aTariff({
  perKwhOre: 459,
  startFeeOre: 500,
  perHourOre: 1200,
  idlePerMinuteOre: 100,
  idleGraceMinutes: 15,
  idleCapOre: 10_000,
});
const NO_USE: Usage = { energyWh: 0, chargingSeconds: 0, idleSeconds: 0 };
const NO_LOOK_AHEAD = { energyWh: 0, seconds: 0 };

const upTo = (max: number) => fc.integer({ min: 0, max });
const price = (limit: number) =>
  fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: limit }));
const anyTariff: fc.Arbitrary<Tariff> = fc
  .record({
    perKwhOre: price(TARIFF_LIMITS.perKwhOre),
    startFeeOre: price(TARIFF_LIMITS.startFeeOre),
    perHourOre: price(TARIFF_LIMITS.perHourOre),
    idle: fc.option(
      fc.record({
        idlePerMinuteOre: fc.integer({ min: 1, max: TARIFF_LIMITS.idlePerMinuteOre }),
        idleGraceMinutes: fc.integer({ min: 0, max: 60 }),
        idleCapOre: fc.oneof(fc.integer({ min: 1, max: 20_000 }), upTo(TARIFF_LIMITS.idleCapOre)),
      }),
    ),
    vatRateBasisPoints: fc.constantFrom(2500, 1500, 0),
  })
  .map(({ idle, ...prices }) => aTariff({ ...prices, ...idle }))
  .filter((tariff) => checkTariff(tariff).length === 0);

/** A tariff and a maximum the tariff can be sold under (at or above its minimum), with the margin to use. */
const anyTariffAndMax = fc
  .record({
    tariff: anyTariff,
    extra: fc.oneof(upTo(1000), upTo(200_000), upTo(MAX_AMOUNT_LIMIT_ORE)),
    margin: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
  })
  .map(({ tariff, extra, margin }) => {
    const minimum = minimumMaxOre(tariff, margin);
    if (!minimum.ok) throw new Error('a valid tariff has a minimum');
    return { tariff, margin, maxOre: Math.min(minimum.value + extra, MAX_AMOUNT_LIMIT_ORE) };
  })
  .filter(({ maxOre, tariff, margin }) => usageBudget(tariff, maxOre, margin).ok);

const fraction = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }));
const idleSeconds = fc.oneof(fc.constant(USAGE_LIMITS.idleSeconds), upTo(USAGE_LIMITS.idleSeconds));

function budgetOf(tariff: Tariff, maxOre: number, margin?: number): UsageBudget {
  const result = usageBudget(tariff, maxOre, margin);
  if (!result.ok) throw new Error(`expected a budget, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function totalOf(tariff: Tariff, usage: Usage): number {
  const result = priceSession(tariff, usage);
  if (!result.ok) throw new Error(`expected a price, got ${JSON.stringify(result.error)}`);
  return result.value.totalOre;
}

describe('defaultMarginOre', () => {
  it.each([
    [0, 200],
    [5000, 200],
    [10_000, 200],
    [10_024, 200], // 200.48
    [10_025, 201], // 200.5 rounds up
    [30_000, 600],
    [50_000, 1000],
  ])('max %d øre → margin %d øre', (maxOre, margin) => {
    expect(defaultMarginOre(maxOre)).toBe(margin);
  });
});

describe('usageBudget', () => {
  it.each<[string, Tariff, number, number | undefined, UsageBudget]>([
    [
      'energy only, 500 kr',
      aTariff(),
      50_000,
      undefined,
      { maxEnergyWh: 98_197, maxChargingSeconds: null, marginOre: 1000 },
    ],
    ['energy only, no margin', aTariff(), 499, 0, { maxEnergyWh: 1001, maxChargingSeconds: null, marginOre: 0 }],
    [
      'time only, 100 kr',
      aTariff({ perKwhOre: 0, perHourOre: 6000 }),
      10_000,
      undefined,
      { maxEnergyWh: USAGE_LIMITS.energyWh, maxChargingSeconds: 5880, marginOre: 200 },
    ],
    [
      'a flat fee',
      aTariff({ perKwhOre: 0, startFeeOre: 9900 }),
      10_102,
      undefined,
      { maxEnergyWh: USAGE_LIMITS.energyWh, maxChargingSeconds: null, marginOre: 202 },
    ],
    [
      'the docs example: energy and time share what the fees and margin leave',
      EXAMPLE,
      30_000,
      undefined,
      { maxEnergyWh: 20_589, maxChargingSeconds: 28_351, marginOre: 600 },
    ],
  ])('%s', (_name, tariff, maxOre, margin, expected) => {
    expect(usageBudget(tariff, maxOre, margin)).toEqual({ ok: true, value: expected });
  });

  it('is tight: one more Wh at the energy limit passes the maximum less the margin', () => {
    const { maxEnergyWh, marginOre } = budgetOf(aTariff(), 50_000);
    expect(energyAmount(maxEnergyWh, 499)).toBeLessThanOrEqual(50_000 - marginOre);
    expect(energyAmount(maxEnergyWh + 1, 499)).toBeGreaterThan(50_000 - marginOre);
  });

  it.each<[string, Tariff, number, number | undefined, unknown]>([
    ['a negative maximum', aTariff(), -1, undefined, { code: 'invalid_max_amount' }],
    ['a maximum in kroner', aTariff(), 499.5, undefined, { code: 'invalid_max_amount' }],
    ['a NaN maximum', aTariff(), Number.NaN, undefined, { code: 'invalid_max_amount' }],
    ['an absurd maximum', aTariff(), MAX_AMOUNT_LIMIT_ORE + 1, undefined, { code: 'invalid_max_amount' }],
    ['a negative margin', aTariff(), 10_000, -1, { code: 'invalid_margin' }],
    ['a maximum below the margin', aTariff(), 199, undefined, { code: 'max_below_fixed_fees', minimumMaxOre: 200 }],
    [
      'a maximum below the start fee, the idle cap and the margin',
      EXAMPLE,
      10_000,
      undefined,
      { code: 'max_below_fixed_fees', minimumMaxOre: 10_714 },
    ],
    ['a maximum below a given margin', aTariff(), 999, 1000, { code: 'max_below_fixed_fees', minimumMaxOre: 1000 }],
    [
      'an invalid tariff',
      aTariff({ perKwhOre: -1 }),
      10_000,
      undefined,
      { code: 'invalid_tariff', errors: [{ field: 'perKwhOre', code: 'negative' }] },
    ],
  ])('refuses %s', (_name, tariff, maxOre, margin, error) => {
    expect(usageBudget(tariff, maxOre, margin)).toEqual({ ok: false, error });
  });

  it('never lets usage within the budget price above the maximum, even idle up to the cap', () => {
    fc.assert(
      fc.property(anyTariffAndMax, fraction, fraction, idleSeconds, ({ tariff, maxOre, margin }, fe, ft, idle) => {
        const budget = budgetOf(tariff, maxOre, margin);
        const usage = {
          energyWh: Math.floor(fe * budget.maxEnergyWh),
          chargingSeconds: Math.floor(ft * (budget.maxChargingSeconds ?? USAGE_LIMITS.chargingSeconds)),
          idleSeconds: idle,
        };
        expect(totalOf(tariff, usage)).toBeLessThanOrEqual(maxOre - budget.marginOre);
        expect(wouldExceed(tariff, maxOre, usage, NO_LOOK_AHEAD, margin)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives away no more than a Wh or a second when only one of energy and time is priced', () => {
    fc.assert(
      fc.property(anyTariffAndMax, ({ tariff, maxOre, margin }) => {
        const budget = budgetOf(tariff, maxOre, margin);
        const room = maxOre - budget.marginOre - tariff.startFeeOre - tariff.idleCapOre;
        if (tariff.perHourOre === 0 && budget.maxEnergyWh < USAGE_LIMITS.energyWh) {
          expect(energyAmount(budget.maxEnergyWh + 1, tariff.perKwhOre)).toBeGreaterThan(room);
        }
        if (tariff.perKwhOre === 0 && budget.maxChargingSeconds !== null) {
          if (budget.maxChargingSeconds < USAGE_LIMITS.chargingSeconds) {
            expect(timeAmount(budget.maxChargingSeconds + 1, tariff.perHourOre)).toBeGreaterThan(room);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('stationLimit', () => {
  it('is the line the guard holds, and never stops a charge before the guard would', () => {
    fc.assert(
      fc.property(anyTariffAndMax, ({ tariff, maxOre, margin }) => {
        const limit = stationLimit(tariff, maxOre, margin);
        const budget = budgetOf(tariff, maxOre, margin);
        expect(limit?.maxCostOre).toBe(maxOre - budget.marginOre);
        if (tariff.perKwhOre === 0) {
          expect(limit?.maxEnergyWh).toBeUndefined();
          return;
        }
        const maxEnergyWh = limit?.maxEnergyWh ?? -1;
        expect(maxEnergyWh).toBeGreaterThanOrEqual(budget.maxEnergyWh);
        if (maxEnergyWh >= USAGE_LIMITS.energyWh) return;
        // One Wh more, with no time and no idle, is more than the guard lets through.
        expect(wouldExceed(tariff, maxOre, { energyWh: maxEnergyWh + 1, chargingSeconds: 0, idleSeconds: 0 }, NO_LOOK_AHEAD, margin)).toBe(true);
        // With energy the only price, the guard lets all of it through.
        if (tariff.perHourOre === 0) {
          expect(wouldExceed(tariff, maxOre, { energyWh: maxEnergyWh, chargingSeconds: 0, idleSeconds: 0 }, NO_LOOK_AHEAD, margin)).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('is 345 kr and 69 kWh for 350 kr at 5 kr/kWh', () => {
    expect(stationLimit(aTariff({ perKwhOre: 500 }), 35_000)).toEqual({ maxCostOre: 34_300, maxEnergyWh: 68_600 });
  });

  it('is undefined for a maximum that cannot be priced', () => {
    expect(stationLimit(aTariff({ perKwhOre: 500 }), -1)).toBeUndefined();
  });
});

describe('maxAffordableEnergyWh and maxAffordableChargingSeconds', () => {
  it('are the largest quantities whose line stays within the budget', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 1_000_000 }), (unitPrice, budget) => {
        const wh = maxAffordableEnergyWh(unitPrice, budget);
        expect(roundHalfUp(wh * unitPrice, 1000)).toBeLessThanOrEqual(budget);
        if (wh < USAGE_LIMITS.energyWh) expect(roundHalfUp((wh + 1) * unitPrice, 1000)).toBeGreaterThan(budget);
        const seconds = maxAffordableChargingSeconds(unitPrice, budget);
        expect(roundHalfUp(seconds * unitPrice, 3600)).toBeLessThanOrEqual(budget);
        if (seconds < USAGE_LIMITS.chargingSeconds) {
          expect(roundHalfUp((seconds + 1) * unitPrice, 3600)).toBeGreaterThan(budget);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('allow everything priceable when the component is free', () => {
    expect(maxAffordableEnergyWh(0, 0)).toBe(USAGE_LIMITS.energyWh);
    expect(maxAffordableChargingSeconds(0, 0)).toBe(USAGE_LIMITS.chargingSeconds);
  });
});

describe('minimumMaxOre', () => {
  it.each([
    ['no fixed fees', aTariff(), undefined, 200],
    ['the docs example: start fee 5 kr and idle cap 100 kr', EXAMPLE, undefined, 10_714],
    ['a given margin', EXAMPLE, 0, 10_500],
    ['a large fixed fee, where the margin is 2 %', aTariff({ startFeeOre: 1_000_000 }), undefined, 1_020_408],
  ])('%s', (_name, tariff, margin, minimum) => {
    expect(minimumMaxOre(tariff, margin)).toEqual({ ok: true, value: minimum });
  });

  it('is the least maximum usageBudget accepts', () => {
    fc.assert(
      fc.property(anyTariff, fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }), (tariff, margin) => {
        const minimum = minimumMaxOre(tariff, margin);
        expect(minimum.ok).toBe(true);
        if (!minimum.ok) return;
        expect(usageBudget(tariff, minimum.value, margin).ok).toBe(true);
        // A minimum of 0 (no fixed fees, no margin) has nothing below it but an invalid amount.
        expect(usageBudget(tariff, minimum.value - 1, margin)).toMatchObject(
          minimum.value === 0
            ? { ok: false, error: { code: 'invalid_max_amount' } }
            : { ok: false, error: { code: 'max_below_fixed_fees', minimumMaxOre: minimum.value } },
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses an invalid tariff or margin', () => {
    expect(minimumMaxOre(aTariff({ idleCapOre: 100 }))).toMatchObject({ ok: false, error: { code: 'invalid_tariff' } });
    expect(minimumMaxOre(aTariff(), 0.5)).toEqual({ ok: false, error: { code: 'invalid_margin' } });
  });
});

describe('wouldExceed', () => {
  // Docs example: 300 kr maximum, margin 6 kr, a meter value every minute at 50 kW (833 Wh).
  const lookAhead = { energyWh: 833, seconds: 60 };

  it.each([
    [30_000, false], // 30 833 Wh, 41 min: 141.52 + 5 + 8.20 + idle cap 100 = 254.72 kr
    [38_122, false], // 38 955 Wh, 51 min: 178.80 + 5 + 10.20 + 100 = 294.00 kr, exactly the limit
    [38_123, true], // 38 956 Wh: 178.81 kr for energy, 294.01 kr in all
  ])('%d Wh after 50 min of charging → %s', (energyWh, expected) => {
    const usage = { energyWh, chargingSeconds: 3000, idleSeconds: 0 };
    expect(wouldExceed(EXAMPLE, 30_000, usage, lookAhead)).toBe(expected);
  });

  it('counts the idle cap, not the idle fee so far', () => {
    const usage = { energyWh: 38_122, chargingSeconds: 3000, idleSeconds: 1290 };
    expect(wouldExceed(EXAMPLE, 30_000, usage, lookAhead)).toBe(false);
  });

  it.each<[string, Tariff, number, Usage, { energyWh: number; seconds: number }, number | undefined]>([
    ['an invalid tariff', aTariff({ perKwhOre: Number.NaN }), 30_000, NO_USE, NO_LOOK_AHEAD, undefined],
    ['an invalid maximum', aTariff(), Number.NaN, NO_USE, NO_LOOK_AHEAD, undefined],
    ['an invalid margin', aTariff(), 30_000, NO_USE, NO_LOOK_AHEAD, -5],
    ['negative energy', aTariff(), 30_000, { ...NO_USE, energyWh: -10 }, { energyWh: 20, seconds: 0 }, undefined],
    ['a negative look-ahead', aTariff(), 30_000, { ...NO_USE, energyWh: 10 }, { energyWh: -10, seconds: 0 }, undefined],
    ['NaN idle time', aTariff(), 30_000, { ...NO_USE, idleSeconds: Number.NaN }, NO_LOOK_AHEAD, undefined],
    [
      'absurd energy',
      aTariff(),
      30_000,
      { ...NO_USE, energyWh: USAGE_LIMITS.energyWh },
      { energyWh: 1, seconds: 0 },
      undefined,
    ],
  ])('answers true (stop) for %s', (_name, tariff, maxOre, usage, ahead, margin) => {
    expect(wouldExceed(tariff, maxOre, usage, ahead, margin)).toBe(true);
  });

  it('false means usage + look-ahead prices at or under the maximum, whatever idle time follows', () => {
    const seen = { stop: 0, go: 0 };
    const usage = fc.record({
      energyWh: fc.integer({ min: 0, max: 300_000 }),
      chargingSeconds: fc.integer({ min: 0, max: 36_000 }),
      idleSeconds: fc.integer({ min: 0, max: 7200 }),
    });
    const ahead = fc.record({ energyWh: upTo(10_000), seconds: upTo(600) });
    fc.assert(
      fc.property(anyTariffAndMax, usage, ahead, idleSeconds, ({ tariff, maxOre, margin }, now, next, laterIdle) => {
        const stop = wouldExceed(tariff, maxOre, now, next, margin);
        seen[stop ? 'stop' : 'go'] += 1;
        if (stop) return;
        const projected = {
          energyWh: now.energyWh + next.energyWh,
          chargingSeconds: now.chargingSeconds + next.seconds,
          idleSeconds: Math.max(now.idleSeconds, laterIdle),
        };
        expect(totalOf(tariff, projected)).toBeLessThanOrEqual(maxOre - (margin ?? defaultMarginOre(maxOre)));
      }),
      { numRuns: 3000 },
    );
    // The property says nothing unless both answers come up often.
    expect(seen.stop).toBeGreaterThan(300);
    expect(seen.go).toBeGreaterThan(300);
  });

  it('never says go again once it has said stop, as usage grows', () => {
    const grow = fc.integer({ min: 0, max: 5000 });
    fc.assert(
      fc.property(anyTariffAndMax, grow, grow, grow, grow, ({ tariff, maxOre, margin }, e, t, de, dt) => {
        const stops = (energyWh: number, chargingSeconds: number) =>
          wouldExceed(tariff, maxOre, { ...NO_USE, energyWh, chargingSeconds }, NO_LOOK_AHEAD, margin);
        const before = stops(e * 10, t);
        const after = stops((e + de) * 10, t + dt);
        if (before) expect(after).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
