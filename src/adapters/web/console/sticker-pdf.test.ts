import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../../test/support/pdf-text.ts';
import { stickerSheetPdf, stickerSupportLines } from './sticker-pdf.ts';

describe('the sticker sheet', () => {
  it.each([
    [{ phone: '+47 55 12 34 56', email: 'kundeservice@fjordlading.no', url: 'https://fjordlading.no/hjelp' }, ['Kundeservice: +47 55 12 34 56', 'kundeservice@fjordlading.no']],
    [{ phone: '+47 55 12 34 56', url: 'https://fjordlading.no/hjelp' }, ['Kundeservice: +47 55 12 34 56', 'fjordlading.no/hjelp']],
    [{ email: 'kundeservice@fjordlading.no' }, ['Kundeservice: kundeservice@fjordlading.no']],
    [undefined, []],
  ])('prints the support contact %o as %o', (support, lines) => {
    expect(stickerSupportLines(support)).toEqual(lines);
  });

  it('has the support contact under every sticker, and none when the operator has given none', async () => {
    const qrPng = await QRCode.toBuffer('https://lade.example.no/c/K7P2QX');
    const sticker = { code: 'K7P2QX', qrPng, shortUrl: 'lade.example.no/c/K7P2QX', caption: 'Lader 1 · CCS #1' };
    const withSupport = pdfText(await stickerSheetPdf([sticker, sticker], { operatorName: 'Fjordlading AS', perPage: 4, support: { phone: '+47 55 12 34 56', email: 'kundeservice@fjordlading.no' } }));
    expect(withSupport.match(/Kundeservice: \+47 55 12 34 56/g)).toHaveLength(2);
    expect(withSupport.match(/kundeservice@fjordlading\.no/g)).toHaveLength(2);
    const without = pdfText(await stickerSheetPdf([sticker], { operatorName: 'Fjordlading AS', perPage: 4 }));
    expect(without).toContain('K7P2QX');
    expect(without).not.toContain('Kundeservice');
  });
});
