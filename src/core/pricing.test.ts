import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aTariff } from '../../test/support/tariff-builder.ts';
import { billedIdleMinutes, priceSession, USAGE_LIMITS } from './pricing.ts';
import type { PricedLine, PricedSession, Usage } from './pricing.ts';
import { checkTariff, TARIFF_LIMITS } from './tariff.ts';
import type { Tariff } from './tariff.ts';

const NO_USE: Usage = { energyWh: 0, chargingSeconds: 0, idleSeconds: 0 };

// Valid tariffs, mostly with realistic prices, sometimes at the limits.
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
        idleGraceMinutes: fc.integer({ min: 0, max: TARIFF_LIMITS.idleGraceMinutes }),
        idleCapOre: fc.integer({ min: 1, max: TARIFF_LIMITS.idleCapOre }),
      }),
    ),
    vatRateBasisPoints: fc.oneof(fc.constantFrom(2500, 1500, 1200, 0), fc.integer({ min: 0, max: 10_000 })),
  })
  .map(({ idle, ...prices }) => aTariff({ ...prices, ...idle }))
  .filter((tariff) => checkTariff(tariff).length === 0);

const quantity = (limit: number) => fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: limit }));
const anyUsage: fc.Arbitrary<Usage> = fc.record({
  energyWh: quantity(USAGE_LIMITS.energyWh),
  chargingSeconds: quantity(USAGE_LIMITS.chargingSeconds),
  idleSeconds: quantity(USAGE_LIMITS.idleSeconds),
});

function priced(tariff: Tariff, usage: Partial<Usage>): PricedSession {
  const result = priceSession(tariff, { ...NO_USE, ...usage });
  if (!result.ok) throw new Error(`expected a price, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('priceSession: lines', () => {
  it('prices energy per Wh, rounded once, with the VAT inside', () => {
    expect(priced(aTariff(), { energyWh: 12_345 })).toEqual({
      lines: [
        {
          kind: 'energy',
          quantity: 12_345,
          unitPriceOre: 499,
          amountOre: 6160,
          vatOre: 1232,
          netOre: 4928,
          vatRateBasisPoints: 2500,
        },
      ],
      totalOre: 6160,
      vatOre: 1232,
      netOre: 4928,
    });
  });

  it.each([
    // Wh, øre/kWh, amount
    [0, 499, 0],
    [1, 499, 0], // 0.499
    [2, 499, 1], // 0.998
    [500, 499, 250], // 249.5: a half rounds up
    [1000, 499, 499],
    [2_000_000, 499, 998_000],
    [USAGE_LIMITS.energyWh, TARIFF_LIMITS.perKwhOre, 1_000_000_000],
  ])('%d Wh at %d øre/kWh → %d øre', (energyWh, perKwhOre, amount) => {
    expect(priced(aTariff({ perKwhOre }), { energyWh }).lines[0]?.amountOre).toBe(amount);
  });

  it('adds the start fee as one line of quantity 1, even when no energy flowed', () => {
    const session = priced(aTariff({ startFeeOre: 500 }), {});
    expect(session.lines.map((l) => [l.kind, l.quantity, l.unitPriceOre, l.amountOre, l.vatOre])).toEqual([
      ['energy', 0, 499, 0, 0],
      ['start_fee', 1, 500, 500, 100],
    ]);
    expect(session.totalOre).toBe(500);
  });

  it.each([
    // charging seconds, øre/h, amount
    [0, 6000, 0],
    [1800, 6000, 3000],
    [1, 1800, 1], // 0.5: a half rounds up
    [1, 1799, 0],
    [3599, 1, 1],
    [1799, 1, 0],
    [2833, 1200, 944], // 944.33
  ])('%d s of charging at %d øre/h → %d øre', (chargingSeconds, perHourOre, amount) => {
    const session = priced(aTariff({ perHourOre }), { chargingSeconds, idleSeconds: 10_000 });
    expect(session.lines[1]).toMatchObject({
      kind: 'time',
      quantity: chargingSeconds,
      unitPriceOre: perHourOre,
      amountOre: amount,
    });
  });

  it.each([
    // idle seconds, billed minutes, amount: 1 kr per started minute after 10 min, at most 50 kr
    [0, 0, 0],
    [600, 0, 0], // the whole grace period is free
    [601, 1, 100], // a started minute counts
    [659, 1, 100],
    [660, 1, 100],
    [661, 2, 200],
    [3600, 50, 5000],
    [3601, 51, 5000], // capped; the quantity still says how long
    [USAGE_LIMITS.idleSeconds, 527_030, 5000],
  ])('%d s idle → %d minutes, %d øre', (idleSeconds, minutes, amount) => {
    const tariff = aTariff({ idlePerMinuteOre: 100, idleGraceMinutes: 10, idleCapOre: 5000 });
    const session = priced(tariff, { energyWh: 1000, idleSeconds });
    expect(session.lines[1]).toMatchObject({ kind: 'idle', quantity: minutes, unitPriceOre: 100, amountOre: amount });
    expect(session.totalOre).toBe(499 + amount);
  });

  it('bills idle minutes from the first second without a grace period', () => {
    expect(billedIdleMinutes(1, 0)).toBe(1);
    expect(billedIdleMinutes(0, 0)).toBe(0);
    expect(billedIdleMinutes(59, 1)).toBe(0);
  });

  it('leaves out the components the tariff does not have, but always shows energy', () => {
    const usage = { energyWh: 10_000, chargingSeconds: 3600, idleSeconds: 3600 };
    expect(priced(aTariff(), usage).lines.map((l) => l.kind)).toEqual(['energy']);
    expect(priced(aTariff({ perKwhOre: 0, perHourOre: 6000 }), usage).lines).toMatchObject([
      { kind: 'energy', quantity: 10_000, amountOre: 0 },
      { kind: 'time', amountOre: 6000 },
    ]);
    const full = aTariff({ startFeeOre: 1, perHourOre: 1, idlePerMinuteOre: 1, idleCapOre: 1 });
    expect(priced(full, usage).lines.map((l) => l.kind)).toEqual(['energy', 'start_fee', 'time', 'idle']);
  });

  it('shows a component the tariff has even when this session used none of it', () => {
    const tariff = aTariff({ perHourOre: 6000, idlePerMinuteOre: 100, idleCapOre: 5000 });
    expect(priced(tariff, {}).lines.map((l) => [l.kind, l.amountOre])).toEqual([
      ['energy', 0],
      ['time', 0],
      ['idle', 0],
    ]);
  });

  it('works out the VAT per line at the tariff rate', () => {
    const session = priced(aTariff({ perKwhOre: 1, startFeeOre: 3, vatRateBasisPoints: 1500 }), { energyWh: 2000 });
    expect(session.lines.map((l) => [l.amountOre, l.vatOre, l.netOre, l.vatRateBasisPoints])).toEqual([
      [2, 0, 2, 1500], // net 1.74 → 2
      [3, 0, 3, 1500], // net 2.61 → 3
    ]);
    // The sum of the lines' VAT, not the VAT of the total (5 øre → 1): what each line shows adds up.
    expect([session.totalOre, session.vatOre, session.netOre]).toEqual([5, 0, 5]);
  });

  it('prices the worked example in docs/pricing.md', () => {
    const tariff = aTariff({
      perKwhOre: 459,
      startFeeOre: 500,
      perHourOre: 1200,
      idlePerMinuteOre: 100,
      idleGraceMinutes: 15,
      idleCapOre: 10_000,
    });
    const session = priced(tariff, { energyWh: 32_517, chargingSeconds: 2833, idleSeconds: 1290 });
    expect(session.lines.map((l) => [l.kind, l.quantity, l.amountOre, l.netOre, l.vatOre])).toEqual([
      ['energy', 32_517, 14_925, 11_940, 2985],
      ['start_fee', 1, 500, 400, 100],
      ['time', 2833, 944, 755, 189],
      ['idle', 7, 700, 560, 140],
    ]);
    expect([session.totalOre, session.netOre, session.vatOre]).toEqual([17_069, 13_655, 3414]);
  });
});

describe('priceSession: errors are values', () => {
  it.each<[string, Partial<Record<keyof Usage, unknown>>, keyof Usage, string]>([
    ['negative energy', { energyWh: -1 }, 'energyWh', 'negative'],
    ['fractional energy', { energyWh: 1.5 }, 'energyWh', 'not_integer'],
    ['NaN energy', { energyWh: Number.NaN }, 'energyWh', 'not_integer'],
    ['infinite time', { chargingSeconds: Number.POSITIVE_INFINITY }, 'chargingSeconds', 'not_integer'],
    ['time as a string', { chargingSeconds: '60' }, 'chargingSeconds', 'not_integer'],
    ['missing idle time', { idleSeconds: undefined }, 'idleSeconds', 'not_integer'],
    ['negative idle time', { idleSeconds: -60 }, 'idleSeconds', 'negative'],
    ['absurd energy', { energyWh: USAGE_LIMITS.energyWh + 1 }, 'energyWh', 'too_large'],
    ['an unsafe integer', { energyWh: 2 ** 60 }, 'energyWh', 'not_integer'],
    ['absurd time', { chargingSeconds: USAGE_LIMITS.chargingSeconds + 1 }, 'chargingSeconds', 'too_large'],
  ])('refuses %s', (_name, usage, field, reason) => {
    const result = priceSession(aTariff(), { ...NO_USE, ...usage } as Usage);
    expect(result).toEqual({ ok: false, error: { code: 'invalid_usage', field, reason } });
  });

  it('refuses a tariff that validateTariff would refuse', () => {
    const result = priceSession(aTariff({ perKwhOre: 4.99 }), { ...NO_USE, energyWh: 1000 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_tariff', errors: [{ field: 'perKwhOre', code: 'not_integer' }] },
    });
  });

  it('never throws, whatever numbers come in', () => {
    const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Number.NaN, -0, 2 ** 53, -(2 ** 53)));
    fc.assert(
      fc.property(anyTariff, anyNumber, anyNumber, anyNumber, (tariff, energyWh, chargingSeconds, idleSeconds) => {
        expect(() => priceSession(tariff, { energyWh, chargingSeconds, idleSeconds })).not.toThrow();
      }),
    );
  });
});

describe('priceSession: properties', () => {
  it('adds the lines up exactly to the total, VAT and net; net + VAT = amount on every line; nothing negative', () => {
    fc.assert(
      fc.property(anyTariff, anyUsage, (tariff, usage) => {
        const session = priced(tariff, usage);
        const sum = (pick: (l: PricedLine) => number) => session.lines.reduce((s, l) => s + pick(l), 0);
        expect(session.totalOre).toBe(sum((l) => l.amountOre));
        expect(session.vatOre).toBe(sum((l) => l.vatOre));
        expect(session.netOre).toBe(sum((l) => l.netOre));
        for (const l of session.lines) {
          expect(l.netOre + l.vatOre).toBe(l.amountOre);
          expect(l.netOre).toBeGreaterThanOrEqual(0);
          expect(l.vatOre).toBeGreaterThanOrEqual(0);
          expect(Number.isSafeInteger(l.amountOre)).toBe(true);
          expect(l.vatRateBasisPoints).toBe(tariff.vatRateBasisPoints);
        }
        expect(session.lines[0]?.kind).toBe('energy');
      }),
      { numRuns: 1000 },
    );
  });

  it('never costs less for more energy, more charging time or more idle time', () => {
    const more = fc.integer({ min: 0, max: 100_000 });
    fc.assert(
      fc.property(anyTariff, anyUsage, more, more, more, (tariff, usage, dE, dT, dI) => {
        const grown = {
          energyWh: Math.min(usage.energyWh + dE, USAGE_LIMITS.energyWh),
          chargingSeconds: Math.min(usage.chargingSeconds + dT, USAGE_LIMITS.chargingSeconds),
          idleSeconds: Math.min(usage.idleSeconds + dI, USAGE_LIMITS.idleSeconds),
        };
        const before = priced(tariff, usage).totalOre;
        const totalWith = (change: Partial<Usage>) => priced(tariff, { ...usage, ...change }).totalOre;
        expect(totalWith({ energyWh: grown.energyWh })).toBeGreaterThanOrEqual(before);
        expect(totalWith({ chargingSeconds: grown.chargingSeconds })).toBeGreaterThanOrEqual(before);
        expect(totalWith({ idleSeconds: grown.idleSeconds })).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 1000 },
    );
  });

  it('never lets the idle fee pass its cap', () => {
    fc.assert(
      fc.property(anyTariff, anyUsage, (tariff, usage) => {
        const idle = priced(tariff, usage).lines.find((l) => l.kind === 'idle');
        expect(idle?.amountOre ?? 0).toBeLessThanOrEqual(tariff.idleCapOre);
      }),
    );
  });
});
