import { describe, expect, it } from 'vitest';
import { checkTariff, type Tariff } from './tariff.ts';
import { NO_USAGE, round2, taxFactor, transactionCost, type Usage } from './tariff-cost.ts';

const VAT = [{ type: 'VAT', tax: 25 }];

function aTariff(extra: Partial<Tariff> = {}): Tariff {
  return { tariffId: 'T1', currency: 'NOK', energy: { prices: [{ priceKwh: 4 }], taxRates: VAT }, ...extra };
}

const usage = (energyWh: number, chargingSeconds = 0, idleSeconds = 0): Usage => ({ energyWh, chargingSeconds, idleSeconds });

describe('the station reckons a transaction’s cost from its tariff', () => {
  it.each([
    [1.005, 1.01],
    [0.915, 0.92],
    [2.675, 2.68],
    [0.004, 0],
    [-1.005, -1.01],
  ])('rounds %d to %d, a half away from zero', (amount, rounded) => {
    expect(round2(amount)).toBe(rounded);
  });

  it('stacks taxes: stack 0 on the net price, stack 1 on top', () => {
    expect(taxFactor([{ type: 'VAT', tax: 25 }])).toBeCloseTo(1.25, 12);
    expect(taxFactor([{ type: 'A', tax: 10 }, { type: 'B', tax: 5 }])).toBeCloseTo(1.15, 12);
    expect(taxFactor([{ type: 'A', tax: 10 }, { type: 'B', tax: 10, stack: 1 }])).toBeCloseTo(1.21, 12);
    expect(taxFactor(undefined)).toBe(1);
  });

  it('prices every component it has, excluding and including tax, and the parts add up', () => {
    const tariff = aTariff({
      chargingTime: { prices: [{ priceMinute: 0.1 }], taxRates: VAT },
      idleTime: { prices: [{ priceMinute: 1, conditions: { minIdleTime: 60 } }], taxRates: VAT },
      fixedFee: { prices: [{ priceFixed: 2 }], taxRates: VAT },
    });
    const cost = transactionCost([{ tariff, from: NO_USAGE, kind: 'DefaultTariff' }], usage(183, 60, 120));
    expect(cost).toEqual({
      totalCost: {
        currency: 'NOK',
        typeOfCost: 'NormalCost',
        energy: { exclTax: 0.73, inclTax: 0.92 }, // 0.183 kWh × 4
        chargingTime: { exclTax: 0.1, inclTax: 0.13 }, // 1 min × 0.10
        idleTime: { exclTax: 1, inclTax: 1.25 }, // (120 − 60 s grace) × 1.00 per min
        fixed: { exclTax: 2, inclTax: 2.5 },
        total: { exclTax: 3.83, inclTax: 4.8 },
      },
      totalUsage: { energy: 183, chargingTime: 60, idleTime: 120 },
    });
  });

  it('takes, at each point, the first price element whose conditions hold', () => {
    const tiered = aTariff({
      energy: { prices: [{ priceKwh: 2, conditions: { maxEnergy: 10_000 } }, { priceKwh: 3 }], taxRates: VAT },
    });
    // 10 kWh at 2, then 5 kWh at 3.
    expect(transactionCost([{ tariff: tiered, from: NO_USAGE, kind: 'DefaultTariff' }], usage(15_000))?.totalCost.energy).toEqual({ exclTax: 35, inclTax: 43.75 });
  });

  it('prices what came after a change of tariff by the new one; the fixed fee only once', () => {
    const first = aTariff({ fixedFee: { prices: [{ priceFixed: 2 }] } });
    const second = aTariff({ tariffId: 'T2', energy: { prices: [{ priceKwh: 8 }] }, fixedFee: { prices: [{ priceFixed: 50 }] } });
    const cost = transactionCost(
      [
        { tariff: first, from: NO_USAGE, kind: 'DefaultTariff' },
        { tariff: second, from: usage(1_000), kind: 'DriverTariff' },
      ],
      usage(3_000),
    );
    // 1 kWh × 4 × 1.25 + 2 kWh × 8 (no tax given) = 5 + 16; the fixed fee of the first, untaxed.
    expect(cost?.totalCost).toMatchObject({ energy: { exclTax: 20, inclTax: 21 }, fixed: { exclTax: 2, inclTax: 2 }, total: { exclTax: 22, inclTax: 23 } });
  });

  it('holds the total to the tariff’s maxCost and minCost', () => {
    const capped = aTariff({ maxCost: { inclTax: 10 } });
    const over = transactionCost([{ tariff: capped, from: NO_USAGE, kind: 'DefaultTariff' }], usage(4_000));
    expect(over?.totalCost).toMatchObject({ typeOfCost: 'MaxCost', total: { exclTax: 8, inclTax: 10 } });
    const floored = aTariff({ minCost: { exclTax: 1 } });
    const under = transactionCost([{ tariff: floored, from: NO_USAGE, kind: 'DefaultTariff' }], usage(100));
    expect(under?.totalCost).toMatchObject({ typeOfCost: 'MinCost', total: { exclTax: 1, inclTax: 1.25 } });
  });

  it('skews its own prices when told to, and has no cost without a tariff', () => {
    const cost = transactionCost([{ tariff: aTariff(), from: NO_USAGE, kind: 'DefaultTariff' }], usage(1_000), 10);
    expect(cost?.totalCost.total).toEqual({ exclTax: 4.4, inclTax: 5.5 });
    expect(transactionCost([], usage(1_000))).toBeUndefined();
  });

  it('accepts the conditions it can price by, and no others', () => {
    expect(checkTariff(aTariff({ idleTime: { prices: [{ priceMinute: 1, conditions: { minIdleTime: 900 } }] } }))).toBe('Accepted');
    expect(checkTariff(aTariff({ energy: { prices: [{ priceKwh: 1, conditions: { startTimeOfDay: '22:00' } }] } }))).toBe('ConditionNotSupported');
    expect(checkTariff(aTariff({ fixedFee: { prices: [{ priceFixed: 1, conditions: { paymentBrand: 'Vipps' } }] } }))).toBe('ConditionNotSupported');
  });
});
