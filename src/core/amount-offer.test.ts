import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountOffer, checkAmount, energyBoughtWh, type AmountRules } from './amount-offer.ts';
import { wouldExceed } from './cost-limit.ts';
import type { Tariff } from './tariff.ts';

const perKwh: Tariff = { currency: 'NOK', perKwhOre: 500, startFeeOre: 0, perHourOre: 0, idlePerMinuteOre: 0, idleGraceMinutes: 0, idleCapOre: 0, vatRateBasisPoints: 2500 };
const withIdleFee: Tariff = { ...perKwh, perKwhOre: 499, startFeeOre: 500, idlePerMinuteOre: 100, idleGraceMinutes: 30, idleCapOre: 15_000 };
const fast = { maxPowerW: 50_000, meterIntervalSeconds: 10 };
const rules: AmountRules = { presetsOre: [20_000, 35_000, 50_000], defaultOre: 35_000, minOre: 10_000, maxOre: 100_000, usefulEnergyWh: 10_000 };

describe('energyBoughtWh', () => {
  it('is what the cost guard lets through, one meter interval ahead at full power', () => {
    // 350 kr − 7 kr margin = 343 kr = 68 600 Wh; 50 kW for 10 s is 139 Wh ahead.
    expect(energyBoughtWh(perKwh, 35_000, fast)).toBe(68_461);
  });

  it('takes the start fee, the idle-fee reserve and the margin off first', () => {
    // 200 kr − 4 kr margin − 5 kr start − 150 kr idle reserve = 41 kr: 8 217 Wh at 4.99 kr (rounded half up).
    expect(energyBoughtWh(withIdleFee, 20_000, fast)).toBe(8217 - 139);
  });

  it('is nothing when the fixed fees take the whole maximum', () => {
    expect(energyBoughtWh(withIdleFee, 15_000, fast)).toBe(0);
  });

  it('counts the time a charge at full power takes when time is priced', () => {
    const timed: Tariff = { ...perKwh, perKwhOre: 0, perHourOre: 6000 };
    // 60 kr/h: 196 kr buys 3.27 h, 163 kWh at 50 kW, less the look-ahead.
    const wh = energyBoughtWh(timed, 20_000, fast);
    expect(wh).toBeGreaterThan(160_000);
    expect(wh).toBeLessThan(163_334);
    expect(wouldExceed(timed, 20_000, { energyWh: wh, chargingSeconds: Math.ceil((wh * 3600) / 50_000), idleSeconds: 0 }, { energyWh: 139, seconds: 10 })).toBe(false);
  });

  it('is the largest energy the guard does not stop at, for any tariff and maximum', () => {
    const tariff = fc.record({
      currency: fc.constant('NOK' as const),
      perKwhOre: fc.integer({ min: 1, max: 2_000 }),
      startFeeOre: fc.integer({ min: 0, max: 5_000 }),
      perHourOre: fc.integer({ min: 0, max: 20_000 }),
      idlePerMinuteOre: fc.constant(0),
      idleGraceMinutes: fc.constant(0),
      idleCapOre: fc.constant(0),
      vatRateBasisPoints: fc.constant(2500),
    });
    fc.assert(
      fc.property(tariff, fc.integer({ min: 100, max: 500_000 }), fc.integer({ min: 3_700, max: 350_000 }), (t, maxOre, maxPowerW) => {
        const speed = { maxPowerW, meterIntervalSeconds: 30 };
        const wh = energyBoughtWh(t, maxOre, speed);
        const ahead = { energyWh: Math.ceil((maxPowerW * 30) / 3600), seconds: 30 };
        const at = (e: number) => ({ energyWh: e, chargingSeconds: Math.ceil((e * 3600) / maxPowerW), idleSeconds: 0 });
        if (wh > 0) expect(wouldExceed(t, maxOre, at(wh), ahead)).toBe(false);
        expect(wouldExceed(t, maxOre, at(wh + 1), ahead)).toBe(true);
        expect(energyBoughtWh(t, maxOre + 100, speed)).toBeGreaterThanOrEqual(wh);
      }),
      { numRuns: 300 },
    );
  });
});

describe('amountOffer', () => {
  it('offers every preset that buys a useful charge, with the energy it buys', () => {
    const offer = amountOffer(perKwh, rules, fast);
    expect(offer?.presets).toEqual([
      { ore: 20_000, energyWh: energyBoughtWh(perKwh, 20_000, fast) },
      { ore: 35_000, energyWh: 68_461 },
      { ore: 50_000, energyWh: energyBoughtWh(perKwh, 50_000, fast) },
    ]);
    expect(offer).toMatchObject({ minOre: 10_000, maxOre: 100_000, defaultOre: 35_000, idleReserveOre: 0, startFeeOre: 0 });
  });

  it('raises the least amount to whole kroner that buy the useful energy over the idle-fee reserve', () => {
    const offer = amountOffer(withIdleFee, rules, fast)!;
    // 10 kWh and 139 Wh ahead at 4.99 kr + 5 kr start + 150 kr reserve = 205.60 kr, with the 2 % margin: 210 kr.
    expect(offer.minOre).toBe(21_000);
    expect(energyBoughtWh(withIdleFee, offer.minOre, fast)).toBeGreaterThanOrEqual(10_000);
    expect(energyBoughtWh(withIdleFee, offer.minOre - 100, fast)).toBeLessThan(10_000);
    expect(offer.presets.map((p) => p.ore)).toEqual([35_000, 50_000]);
    expect(offer.idleReserveOre).toBe(15_000);
  });

  it('moves the default to the first amount on offer when the configured one buys too little', () => {
    const offer = amountOffer(withIdleFee, { ...rules, defaultOre: 20_000 }, fast)!;
    expect(offer.defaultOre).toBe(35_000);
  });

  it('offers nothing when not even the largest amount buys a useful charge', () => {
    expect(amountOffer({ ...perKwh, perKwhOre: 20_000 }, rules, fast)).toBeUndefined();
  });
});

describe('checkAmount', () => {
  const offer = amountOffer(withIdleFee, rules, fast)!;
  it.each([
    [21_000, 'ok'],
    [100_000, 'ok'],
    [20_900, 'too_low'],
    [100_100, 'too_high'],
    [25_050, 'not_whole_kroner'],
    [Number.NaN, 'not_whole_kroner'],
  ])('%d øre is %s', (ore, check) => {
    expect(checkAmount(offer, ore)).toBe(check);
  });
});
