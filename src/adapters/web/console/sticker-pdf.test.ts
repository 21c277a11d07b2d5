import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../../test/support/pdf-text.ts';
import { stickerSheetPdf, stickerSupportLines } from './sticker-pdf.ts';
import { stickerPriceLines, tariffInForce } from './sticker-price.ts';
import { aTariff } from '../../../../test/support/tariff-builder.ts';
import { firstPageQr } from '../../../../test/console/pdf-qr.ts';

describe('the sticker sheet', () => {
  it.each([
    [{ phone: '+47 55 12 34 56', email: 'kundeservice@fjordlading.no', url: 'https://fjordlading.no/hjelp' }, ['Kundeservice / Customer service: +47 55 12 34 56', 'kundeservice@fjordlading.no']],
    [{ phone: '+47 55 12 34 56', url: 'https://fjordlading.no/hjelp' }, ['Kundeservice / Customer service: +47 55 12 34 56', 'fjordlading.no/hjelp']],
    [{ email: 'kundeservice@fjordlading.no' }, ['Kundeservice / Customer service: kundeservice@fjordlading.no']],
    [undefined, []],
  ])('prints the support contact %o as %o', (support, lines) => {
    expect(stickerSupportLines(support)).toEqual(lines);
  });

  it('has the support contact under every sticker, and none when the operator has given none', async () => {
    const qrPng = await QRCode.toBuffer('https://lade.example.no/c/K7P2QX');
    const sticker = { code: 'K7P2QX', qrPng, shortUrl: 'lade.example.no/c/K7P2QX', caption: 'Lader 1 · CCS #1' };
    const withSupport = pdfText(await stickerSheetPdf([sticker, sticker], { operatorName: 'Fjordlading AS', perPage: 4, support: { phone: '+47 55 12 34 56', email: 'kundeservice@fjordlading.no' } }));
    expect(withSupport.match(/Kundeservice \/ Customer service: \+47 55 12 34 56/g)).toHaveLength(2);
    expect(withSupport.match(/kundeservice@fjordlading\.no/g)).toHaveLength(2);
    const without = pdfText(await stickerSheetPdf([sticker], { operatorName: 'Fjordlading AS', perPage: 4 }));
    expect(without).toContain('K7P2QX');
    expect(without).not.toContain('Kundeservice');
  });

  it('carries the price in force, in Norwegian and English, and the call to action in both', async () => {
    const qrPng = await QRCode.toBuffer('https://lade.example.no/c/K7P2QX');
    const price = stickerPriceLines(aTariff({ perKwhOre: 499, startFeeOre: 500, perHourOre: 0, idlePerMinuteOre: 100, idleGraceMinutes: 30, idleCapOre: 10_000 }));
    const sticker = { code: 'K7P2QX', qrPng, shortUrl: 'lade.example.no/c/K7P2QX', caption: 'Lader 1 · CCS #1', ...(price ? { price } : {}) };
    const text = pdfText(await stickerSheetPdf([sticker], { operatorName: 'Fjordlading AS', perPage: 1, support: { phone: '+47 55 12 34 56' } }));
    expect(text).toContain('Lad og betal med Vipps');
    expect(text).toContain('Charge and pay with Vipps');
    expect(text).toContain('Pris / Price: 4,99 kr/kWh inkl. mva / VAT incl.');
    expect(text).toContain('Startpris / start fee 5,00 kr · Ventegebyr / idle fee 1,00 kr/min etter / after 30 min');
    expect(text).toContain('Kundeservice / Customer service: +47 55 12 34 56');
  });

  it('prices a connector by its site’s tariff in force, else the operator-wide one, never a future one', () => {
    const at = (validFrom: string, siteId: string | null, perKwhOre: number) => ({ id: validFrom, siteId, connectorId: null, powerClass: null, periods: [], name: 'x', tariff: aTariff({ perKwhOre }), validFrom, createdAt: validFrom });
    const book = [at('2027-01-01T00:00:00.000Z', 'kaia', 999), at('2026-06-01T00:00:00.000Z', null, 450), at('2026-01-01T00:00:00.000Z', 'kaia', 399), at('2025-01-01T00:00:00.000Z', null, 300)];
    const now = new Date('2026-07-01T00:00:00.000Z');
    expect(tariffInForce(book, 'kaia', now)?.perKwhOre).toBe(399);
    expect(tariffInForce(book, 'torget', now)?.perKwhOre).toBe(450);
    expect(tariffInForce([], 'kaia', now)).toBeUndefined();
    expect(stickerPriceLines(undefined)).toBeUndefined();
  });

  // The price and the English line take room from the QR code; the text gives
  // way so that the code still reads, on every sheet size, for any URL.
  it('keeps the QR code readable with the most text a sticker carries', { timeout: 120_000 }, async () => {
    const price = stickerPriceLines(aTariff({ perKwhOre: 499, startFeeOre: 500, perHourOre: 6000, idlePerMinuteOre: 100, idleGraceMinutes: 30, idleCapOre: 10_000 }));
    for (const port of [41_862, 41_877]) {
      const url = `http://localhost:${port}/c/WAIT11`;
      const qrPng = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 800 });
      const sticker = { code: 'WAIT11', qrPng, shortUrl: url.slice(7), caption: 'Lader WAIT-1 · CCS #1', ...(price ? { price } : {}) };
      for (const perPage of [1, 2, 4, 6] as const) {
        const pdf = await stickerSheetPdf([sticker], { operatorName: 'Ladepay Demo Lading AS', perPage, support: { phone: '+47 22 12 34 56', email: 'kundeservice@ladepay-demo.example' } });
        expect(firstPageQr(pdf).text, `${perPage} a page`).toBe(url);
      }
    }
  });
});
