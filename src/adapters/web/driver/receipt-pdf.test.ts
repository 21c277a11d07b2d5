import { describe, expect, it } from 'vitest';
import { pdfText as textOfPdf } from '../../../../test/support/pdf-text.ts';
import { pdfText, receiptPdf } from './receipt-pdf.ts';

describe('the receipt PDF', () => {
  it('writes what the built-in font has: æøå and no-break spaces as they are, the minus sign as a hyphen, the rest as "?"', () => {
    expect(pdfText('Bjørnåsen Æ, −25,00\u00a0kr – «ok» €')).toBe('Bjørnåsen Æ, -25,00\u00a0kr – «ok» €');
    expect(pdfText('Čáhcesuolu ŧ 🙂')).toBe('?áhcesuolu ? ?');
  });

  it('lays out every row it is given, page after page when they do not fit on one', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => ({ label: `Rad ${i + 1}`, value: `Verdi ${i + 1}` }));
    const pdf = await receiptPdf(
      {
        title: 'Kvittering nr. 1',
        heading: [],
        seller: [],
        charging: rows,
        lines: [{ name: 'Energi', quantity: '1 kWh', unitPrice: '1,00 kr/kWh', vatRate: '25 %', amount: '1,00 kr' }],
        totals: [{ label: 'Totalt', value: '1,00 kr' }],
        payment: [],
        support: [],
      },
      { chargingHeading: 'Ladingen', columns: ['Beskrivelse', 'Antall', 'Enhetspris', 'Mva.-sats', 'Beløp'], paymentHeading: 'Betaling', supportHeading: 'Kundeservice' },
      { author: 'Fjordlading AS', createdAt: new Date('2026-11-26T10:40:05.000Z') },
    );
    const text = textOfPdf(pdf);
    expect(text).toMatch(/Rad 80\s+Verdi 80/);
    expect(text).toMatch(/Totalt\s+1,00 kr/);
    expect(text.split('\f').filter((page) => page.trim() !== '')).toHaveLength(2);
  });
});
