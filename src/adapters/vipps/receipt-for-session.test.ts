import { describe, expect, it } from 'vitest';
import { adjustmentLine, billOf, type BillLine } from '../../core/bill.ts';
import { receiptFor } from './receipt-for-session.ts';

const energy: BillLine = { kind: 'energy', quantity: 23_412, unitPriceOre: 499, amountOre: 11_683, netOre: 9346, vatOre: 2337, vatRateBasisPoints: 2500 };
const bill = billOf([energy, adjustmentLine('limited_to_maximum', -1683, 2500)]);
const request = { reference: 'lp-abc', receiptNumber: 42, bill, stationName: 'Bryggen 1', orderDetailsUrl: 'https://lade.example.no/s/tok' };
const signed = (l: { totalAmount: number; isReturn?: boolean }) => (l.isReturn ? -l.totalAmount : l.totalAmount);

describe('the Vipps receipt of a session', () => {
  it('carries the receipt number of the operator’s series, and one line per line of the bill', () => {
    const receipt = receiptFor(request);
    expect(receipt.bottomLine).toEqual({ currency: 'NOK', receiptNumber: '42' });
    expect(receipt.orderLines.map((l) => [l.id, l.name, signed(l)])).toEqual([
      ['energy', 'Lading Bryggen 1', 11_683],
      ['limited_to_maximum', 'Begrenset til maksbeløpet ditt', -1683],
    ]);
  });

  it('adds the support contact as a line of nothing, at the bill’s VAT rate, so the lines still add up to the capture', () => {
    const receipt = receiptFor({ ...request, support: { phone: '+47 55 12 34 56', email: 'kundeservice@fjordlading.no', url: 'https://fjordlading.no/hjelp' } });
    expect(receipt.orderLines.at(-1)).toEqual({
      name: 'Kundeservice: +47 55 12 34 56, kundeservice@fjordlading.no',
      id: 'support',
      totalAmount: 0,
      totalAmountExcludingTax: 0,
      totalTaxAmount: 0,
      taxRate: 2500,
      productUrl: 'https://fjordlading.no/hjelp',
    });
    expect(receipt.orderLines.reduce((sum, l) => sum + signed(l), 0)).toBe(bill.totalOre);
  });

  it('names the help page when there is no phone or email, and keeps the name within 100 characters', () => {
    expect(receiptFor({ ...request, support: { url: 'http://fjordlading.no/hjelp' } }).orderLines.at(-1)).toMatchObject({ name: 'Kundeservice: http://fjordlading.no/hjelp' });
    // Vipps links only to https pages.
    expect(receiptFor({ ...request, support: { url: 'http://fjordlading.no/hjelp' } }).orderLines.at(-1)).not.toHaveProperty('productUrl');
    expect(receiptFor({ ...request, support: { email: `${'a'.repeat(120)}@fjordlading.no` } }).orderLines.at(-1)?.name).toHaveLength(100);
  });
});
