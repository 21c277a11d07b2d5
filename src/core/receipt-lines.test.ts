import { describe, expect, it } from 'vitest';
import type { BillLine } from './bill.ts';
import { receiptLineName, receiptQuantity } from './receipt-lines.ts';

const line = (kind: BillLine['kind'], quantity: number): BillLine => ({ kind, quantity, unitPriceOre: 0, amountOre: 0, vatOre: 0, netOre: 0, vatRateBasisPoints: 2500 });

describe('receipt lines', () => {
  it.each([
    [line('energy', 23_412), 'Lading Bryggen 1', { quantity: '23.412', unit: 'KWH' }],
    [line('energy', 20_000), 'Lading Bryggen 1', { quantity: '20', unit: 'KWH' }],
    [line('time', 5400), 'Tidsavgift (timer)', { quantity: '1.5', unit: 'PCS' }],
    [line('idle', 12), 'Tomgangsavgift', { quantity: '12', unit: 'MINUTE' }],
    [line('start_fee', 1), 'Startavgift', { quantity: '1', unit: 'PCS' }],
    [line('limited_to_maximum', 1), 'Begrenset til maksbeløpet ditt', { quantity: '1', unit: 'PCS' }],
  ] as const)('names %o "%s" and counts it %o', (l, name, quantity) => {
    expect(receiptLineName(l, 'Bryggen 1')).toBe(name);
    expect(receiptQuantity(l)).toEqual(quantity);
  });

  it('keeps a line name within the 100 characters a receipt line holds', () => {
    expect(receiptLineName(line('energy', 1000), 'x'.repeat(120))).toHaveLength(100);
  });
});
