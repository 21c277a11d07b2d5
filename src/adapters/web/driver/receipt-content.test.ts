import { describe, expect, it } from 'vitest';
import { aFinishedSessionView } from '../../../../test/browser/driver-view-builders.ts';
import type { PricedLineView } from '../../../usecases/ports/driver-views.ts';
import { en } from './i18n/en.ts';
import { nb } from './i18n/nb.ts';
import { receiptContent } from './receipt-content.ts';

const plain = (text: string) => text.replace(/\u00a0/g, ' ');
const issued = { number: 7, issuedAt: '2026-07-01T10:40:05.000Z' };
const line = (kind: PricedLineView['kind'], quantity: number, unitPriceOre: number, amountOre: number, vatRateBasisPoints = 2500): PricedLineView => {
  const netOre = Math.round((amountOre * 10_000) / (10_000 + vatRateBasisPoints));
  return { kind, quantity, unitPriceOre, amountOre, netOre, vatOre: amountOre - netOre, vatRateBasisPoints };
};

function contentFor(lines: PricedLineView[], language: 'nb' | 'en' = 'nb') {
  const view = aFinishedSessionView();
  const totalOre = lines.reduce((sum, l) => sum + l.amountOre, 0);
  const vatOre = lines.reduce((sum, l) => sum + l.vatOre, 0);
  const final = { ...view.final!, lines, totalOre, vatOre, netOre: totalOre - vatOre, capturedOre: totalOre, releasedOre: view.maxAmountOre - totalOre };
  return receiptContent(language === 'nb' ? nb : en, language, { view, final, issued, support: undefined });
}

describe('the receipt content', () => {
  it.each([
    [line('energy', 23_412, 499, 11_683), { name: 'Energi', quantity: '23,412 kWh', unitPrice: '4,99 kr/kWh', vatRate: '25 %', amount: '116,83 kr' }],
    [line('time', 5400, 6000, 9000), { name: 'Ladetid', quantity: '1,5 t', unitPrice: '60,00 kr/t', vatRate: '25 %', amount: '90,00 kr' }],
    [line('idle', 12, 100, 1200), { name: 'Okkupasjonsgebyr', quantity: '12 min', unitPrice: '1,00 kr/min', vatRate: '25 %', amount: '12,00 kr' }],
    [line('start_fee', 1, 1000, 1000), { name: 'Startavgift', quantity: '1', unitPrice: '10,00 kr', vatRate: '25 %', amount: '10,00 kr' }],
    [line('limited_to_maximum', 1, -2500, -2500), { name: 'Begrenset til maksbeløpet ditt', quantity: '1', unitPrice: '−25,00 kr', vatRate: '25 %', amount: '−25,00 kr' }],
    [line('set_by_operator', 1, 1234, 1234, 1500), { name: 'Beløp fastsatt etter kontroll', quantity: '1', unitPrice: '12,34 kr', vatRate: '15 %', amount: '12,34 kr' }],
  ])('gives line %# its quantity, unit price, VAT rate and amount', (l, text) => {
    const [shown] = contentFor([l]).lines;
    expect(shown && Object.fromEntries(Object.entries(shown).map(([k, v]) => [k, plain(v)]))).toEqual(text);
  });

  it('totals the VAT per rate, and ends with the total', () => {
    const c = contentFor([line('energy', 10_000, 500, 5000), line('set_by_operator', 1, 1150, 1150, 1500)], 'en');
    expect(c.totals.map((r) => [plain(r.label), plain(r.value)])).toEqual([
      ['Total excl. VAT', '50,00 kr'],
      ['VAT 25 %', '10,00 kr'],
      ['VAT 15 %', '1,50 kr'],
      ['Total', '61,50 kr'],
    ]);
  });

  it('dates the receipt by its number, in Oslo time, and says what was charged and released of the reservation', () => {
    const c = contentFor([line('energy', 10_000, 500, 5000)], 'en');
    expect(c.title).toBe('Receipt no. 7');
    expect(c.heading).toEqual([
      { label: 'Receipt no.', value: '7' },
      { label: 'Date', value: '1 Jul 2026, 12:40' },
    ]);
    expect(c.payment.map((r) => [r.label, plain(r.value)])).toEqual([
      ['Paid with', 'Vipps'],
      ['Reserved', '300,00 kr'],
      ['Charged', '50,00 kr'],
      ['Released', '250,00 kr'],
      ['Reference', 'ladepay-k7p2qx-000123'],
    ]);
    expect(c.payment.find((r) => r.label === 'Reference')?.code).toBe(true);
    expect(c.support).toEqual([]);
  });
});
