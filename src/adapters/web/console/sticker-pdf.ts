import PDFDocument from 'pdfkit';
import type { SupportContact } from '../../../usecases/ports/support-contact.ts';

export interface Sticker {
  code: string;
  qrPng: Buffer;
  shortUrl: string; // the landing URL without its scheme, to type by hand
  caption: string; // station and connector, small
  // The price in force when the sheet was made (sticker-price.ts); none without a tariff.
  price?: { main: string; more?: string };
}

export const STICKERS_PER_PAGE = [1, 2, 4, 6] as const;
export type StickersPerPage = (typeof STICKERS_PER_PAGE)[number];

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 28;
const GRID: Record<StickersPerPage, [number, number]> = { 1: [1, 1], 2: [1, 2], 4: [2, 2], 6: [2, 3] };

// Where a driver at the charge point gets help, a short line each: the
// number to call first, then the address to write to.
export function stickerSupportLines(support: SupportContact | undefined): string[] {
  if (!support) return [];
  const [first, second] = [support.phone, support.email, support.url?.replace(/^https?:\/\//, '')].filter((part) => part !== undefined);
  return first === undefined ? [] : [`Kundeservice / Customer service: ${first}`, ...(second !== undefined ? [second] : [])];
}

// A printable A4 sheet of connector stickers: in each cell the operator's
// name, the call to action in Norwegian and English, the QR code, the
// connector code in large type, the short URL, the price and the support
// contact, with dashed cutting lines between cells.
export function stickerSheetPdf(
  stickers: readonly Sticker[],
  o: { operatorName: string; perPage: StickersPerPage; support?: SupportContact },
): Promise<Buffer> {
  const doc = new PDFDocument({ size: A4, margin: 0, autoFirstPage: false, info: { Title: 'Ladepay QR stickers', Author: o.operatorName } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const [cols, rows] = GRID[o.perPage];
  const cellW = (A4[0] - 2 * MARGIN) / cols;
  const cellH = (A4[1] - 2 * MARGIN) / rows;
  stickers.forEach((s, i) => {
    const slot = i % o.perPage;
    if (slot === 0) doc.addPage();
    const x = MARGIN + (slot % cols) * cellW;
    const y = MARGIN + Math.floor(slot / cols) * cellH;
    drawSticker(doc, s, { operatorName: o.operatorName, support: stickerSupportLines(o.support) }, { x, y, w: cellW, h: cellH });
  });
  if (stickers.length === 0) doc.addPage().font('Helvetica').fontSize(14).text('No connectors selected.', MARGIN, MARGIN);
  doc.end();
  return done;
}

function drawSticker(
  doc: PDFKit.PDFDocument,
  s: Sticker,
  texts: { operatorName: string; support: readonly string[] },
  cell: { x: number; y: number; w: number; h: number },
): void {
  const { x, y, w, h } = cell;
  doc.save().dash(4, { space: 4 }).lineWidth(0.5).strokeColor('#999999').rect(x, y, w, h).stroke().restore();
  const scale = Math.min(w / 270, h / 262);
  const pad = 12 * scale;
  const gap = 5 * scale;
  const inner = w - 2 * pad;
  const base = { head: 10, lead: 13, english: 9, code: 34, url: 10, caption: 7, price: 11, priceMore: 7, support: 8 };
  const lineSizes = (k: number) =>
    [base.head, base.lead, base.english, base.code, base.url, base.caption, ...(s.price ? [base.price, ...(s.price.more ? [base.priceMore] : [])] : []), ...texts.support.map(() => base.support)].map(
      (size) => size * k,
    );
  // pdfkit's line height for Helvetica is about 1.2 × the font size.
  const heightAt = (k: number) => lineSizes(k).reduce((sum, size) => sum + size * 1.2 + gap, 0);
  // The QR code keeps a side of about 180 pt (6 cm) where the cell allows, a
  // size phones read from arm's length; the text gives way for it, down to 70 %.
  const minQr = Math.min(inner, 180 * scale);
  let k = scale;
  while (k > 0.7 * scale && h - 2 * pad - heightAt(k) - gap < minQr) k -= 0.05 * scale;
  const sizes = Object.fromEntries(Object.entries(base).map(([name, size]) => [name, size * k])) as Record<keyof typeof base, number>;
  const textHeight = heightAt(k);
  const qrSide = Math.max(60, Math.min(inner, h - 2 * pad - textHeight - gap));
  // The block sits in the middle of its cell.
  let cy = y + (h - (textHeight + gap + qrSide)) / 2;
  const line = (text: string, font: string, size: number, color = '#1d1d22') => {
    doc.font(font).fontSize(size).fillColor(color).text(text, x + pad, cy, { width: inner, align: 'center', lineBreak: false, ellipsis: true });
    cy += size * 1.2 + gap;
  };
  line(texts.operatorName, 'Helvetica', sizes.head, '#5c5c66');
  line('Lad og betal med Vipps', 'Helvetica-Bold', sizes.lead);
  line('Charge and pay with Vipps', 'Helvetica', sizes.english);
  doc.image(s.qrPng, x + (w - qrSide) / 2, cy, { width: qrSide, height: qrSide });
  cy += qrSide + gap;
  line(s.code, 'Helvetica-Bold', sizes.code);
  line(s.shortUrl, 'Helvetica', sizes.url);
  line(s.caption, 'Helvetica', sizes.caption, '#5c5c66');
  if (s.price) {
    line(`Pris / Price: ${s.price.main}`, 'Helvetica-Bold', sizes.price);
    if (s.price.more) line(s.price.more, 'Helvetica', sizes.priceMore);
  }
  for (const text of texts.support) line(text, 'Helvetica', sizes.support);
}
