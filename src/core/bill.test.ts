import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aTariff } from '../../test/support/tariff-builder.ts';
import { billFor, operatorBill, type Bill } from './bill.ts';
import { priceSession, USAGE_LIMITS, type PricedSession, type Usage } from './pricing.ts';
import { checkTariff, TARIFF_LIMITS, type Tariff } from './tariff.ts';

function priced(tariff: Tariff, usage: Partial<Usage>): PricedSession {
  const r = priceSession(tariff, { energyWh: 0, chargingSeconds: 0, idleSeconds: 0, ...usage });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function expectAddsUp(bill: Bill): void {
  expect(bill.lines.reduce((sum, l) => sum + l.amountOre, 0)).toBe(bill.totalOre);
  expect(bill.lines.reduce((sum, l) => sum + l.vatOre, 0)).toBe(bill.vatOre);
  expect(bill.lines.reduce((sum, l) => sum + l.netOre, 0)).toBe(bill.netOre);
  for (const l of bill.lines) expect(l.netOre + l.vatOre).toBe(l.amountOre);
  expect(bill.netOre + bill.vatOre).toBe(bill.totalOre);
}

describe('billFor', () => {
  it('limits a price past the maximum with one line of its own, with its own VAT (100 kWh at 5 kr, 100 kr maximum)', () => {
    const { bill, flags } = billFor(priced(aTariff({ perKwhOre: 500 }), { energyWh: 100_000 }), { authorizedOre: 10_000, delivered: true });
    expect(bill.lines).toEqual([
      { kind: 'energy', quantity: 100_000, unitPriceOre: 500, amountOre: 50_000, vatOre: 10_000, netOre: 40_000, vatRateBasisPoints: 2500 },
      { kind: 'limited_to_maximum', quantity: 1, unitPriceOre: -40_000, amountOre: -40_000, vatOre: -8000, netOre: -32_000, vatRateBasisPoints: 2500 },
    ]);
    expect(bill).toMatchObject({ totalOre: 10_000, vatOre: 2000, netOre: 8000 });
    expect(flags).toEqual(['capped_at_maximum']);
  });

  it('leaves a price within the maximum as the tariff made it', () => {
    const p = priced(aTariff({ perKwhOre: 500, startFeeOre: 1000 }), { energyWh: 2500 });
    const { bill, flags } = billFor(p, { authorizedOre: 35_000, delivered: true });
    expect(bill).toEqual(p);
    expect(flags).toEqual([]);
  });

  it('takes everything off when no energy was delivered, and says why', () => {
    const { bill, flags } = billFor(priced(aTariff({ perKwhOre: 500, startFeeOre: 1000 }), {}), { authorizedOre: 35_000, delivered: false });
    expect(bill.lines.map((l) => [l.kind, l.amountOre])).toEqual([
      ['energy', 0],
      ['start_fee', 1000],
      ['no_energy', -1000],
    ]);
    expect(bill.totalOre).toBe(0);
    expect(flags).toEqual(['no_energy']);
  });

  it('makes an operator’s amount one line, and a release no line at all', () => {
    expect(operatorBill(12_345, 2500)).toEqual({
      lines: [{ kind: 'set_by_operator', quantity: 1, unitPriceOre: 12_345, amountOre: 12_345, vatOre: 2469, netOre: 9876, vatRateBasisPoints: 2500 }],
      totalOre: 12_345,
      vatOre: 2469,
      netOre: 9876,
    });
    expect(operatorBill(0, 2500)).toEqual({ lines: [], totalOre: 0, vatOre: 0, netOre: 0 });
  });
});

describe('billFor: properties', () => {
  const price = (limit: number) => fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: limit }));
  const anyTariff = fc
    .record({
      perKwhOre: price(TARIFF_LIMITS.perKwhOre),
      startFeeOre: price(TARIFF_LIMITS.startFeeOre),
      perHourOre: price(TARIFF_LIMITS.perHourOre),
      idle: fc.option(
        fc.record({
          idlePerMinuteOre: fc.integer({ min: 1, max: TARIFF_LIMITS.idlePerMinuteOre }),
          idleGraceMinutes: fc.integer({ min: 0, max: 120 }),
          idleCapOre: fc.integer({ min: 1, max: TARIFF_LIMITS.idleCapOre }),
        }),
      ),
      vatRateBasisPoints: fc.oneof(fc.constantFrom(2500, 1500, 0), fc.integer({ min: 0, max: 10_000 })),
    })
    .map(({ idle, ...prices }) => aTariff({ ...prices, ...idle }))
    .filter((t) => checkTariff(t).length === 0);
  const quantity = (limit: number) => fc.oneof(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: limit }));
  const anyUsage = fc.record({
    energyWh: quantity(USAGE_LIMITS.energyWh),
    chargingSeconds: quantity(USAGE_LIMITS.chargingSeconds),
    idleSeconds: quantity(USAGE_LIMITS.idleSeconds),
  });
  const anyMaximum = fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 2 ** 40 }));

  it('for any tariff, usage and maximum: the lines add up to the capture, net + VAT = amount on every line, 0 ≤ capture ≤ maximum', () => {
    fc.assert(
      fc.property(anyTariff, anyUsage, anyMaximum, (tariff, usage, authorizedOre) => {
        const p = priced(tariff, usage);
        const delivered = usage.energyWh > 0;
        const { bill } = billFor(p, { authorizedOre, delivered });
        expectAddsUp(bill);
        expect(bill.totalOre).toBe(delivered ? Math.min(p.totalOre, authorizedOre) : 0);
        expect(bill.totalOre).toBeGreaterThanOrEqual(0);
        // What the tariff priced stays visible: the priced lines come first, unchanged.
        expect(bill.lines.slice(0, p.lines.length)).toEqual(p.lines);
        expect(bill.lines.length - p.lines.length).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('for any amount an operator sets: one line that adds up, net + VAT = amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000 }), (amountOre, rate) => {
        const bill = operatorBill(amountOre, rate);
        expectAddsUp(bill);
        expect(bill.totalOre).toBe(amountOre);
      }),
    );
  });
});
