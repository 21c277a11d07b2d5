import PDFDocument from 'pdfkit';
import type { ReceiptContent, ReceiptRow } from './receipt-content.ts';

// The receipt as an A4 PDF to keep or hand to the accounts: the same texts as
// the page (receipt-content.ts), laid out with pdfkit's built-in Helvetica.

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const WIDTH = A4[0] - 2 * MARGIN;
const LABEL_WIDTH = 130;
const INK = '#1d1d22';
const MUTED = '#5c5c66';

// The built-in fonts write WinAnsi (Latin-1 and a few more): æøå and the
// no-break spaces of our numbers are there; the minus sign of Norwegian
// typography (U+2212) is not, so it becomes a hyphen, and anything else
// outside becomes "?" rather than a wrong glyph.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export function pdfText(text: string): string {
  return [...text.replace(/\u2212/g, '-').replace(/[\u2009\u202f]/g, '\u00a0')]
    .map((c) => {
      const code = c.codePointAt(0) ?? 0;
      return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(c) ? c : '?';
    })
    .join('');
}

// Columns of the line table: description, quantity, unit price, VAT rate, amount.
const COLUMNS = [
  { x: 0, width: 180, align: 'left' },
  { x: 185, width: 80, align: 'right' },
  { x: 270, width: 90, align: 'right' },
  { x: 365, width: 55, align: 'right' },
  { x: 425, width: WIDTH - 425, align: 'right' },
] as const;

class Writer {
  y = MARGIN;
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  // Starts a new page when what comes next would not fit on this one.
  need(height: number): void {
    if (this.y + height > A4[1] - MARGIN) {
      this.doc.addPage();
      this.y = MARGIN;
    }
  }

  text(text: string, o: { x?: number; width?: number; size?: number; bold?: boolean; color?: string; align?: 'left' | 'right' } = {}): number {
    const size = o.size ?? 10;
    this.doc
      .font(o.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(size)
      .fillColor(o.color ?? INK);
    const width = o.width ?? WIDTH;
    const safe = pdfText(text);
    this.doc.text(safe, MARGIN + (o.x ?? 0), this.y, { width, align: o.align ?? 'left' });
    return this.doc.heightOfString(safe, { width });
  }

  heading(text: string): void {
    this.y += 14;
    this.need(40);
    this.y += this.text(text, { size: 12, bold: true }) + 4;
    this.rule(0.5);
  }

  rule(width: number): void {
    this.doc.save().lineWidth(width).strokeColor('#999999').moveTo(MARGIN, this.y).lineTo(MARGIN + WIDTH, this.y).stroke().restore();
    this.y += 5;
  }

  rows(rows: readonly ReceiptRow[], o: { x?: number; bold?: (row: ReceiptRow, i: number) => boolean } = {}): void {
    const x = o.x ?? 0;
    rows.forEach((row, i) => {
      const bold = o.bold?.(row, i) ?? false;
      const valueWidth = WIDTH - x - LABEL_WIDTH;
      this.doc.font('Helvetica').fontSize(10);
      this.need(this.doc.heightOfString(pdfText(row.value), { width: valueWidth }) + 4);
      const label = this.text(row.label, { x, width: LABEL_WIDTH - 8, color: MUTED, bold });
      const value = this.text(row.value, { x: x + LABEL_WIDTH, width: valueWidth, bold, align: o.x === undefined ? 'left' : 'right' });
      this.y += Math.max(label, value) + 4;
    });
  }

  tableRow(cells: readonly string[], o: { bold?: boolean; color?: string } = {}): void {
    this.doc.font(o.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
    const height = Math.max(...cells.map((cell, i) => this.doc.heightOfString(pdfText(cell), { width: COLUMNS[i]?.width ?? WIDTH })));
    this.need(height + 6);
    cells.forEach((cell, i) => {
      const column = COLUMNS[i];
      if (column) this.text(cell, { x: column.x, width: column.width, align: column.align, ...o });
    });
    this.y += height + 6;
  }
}

export interface ReceiptPdfLabels {
  chargingHeading: string;
  columns: readonly [string, string, string, string, string];
  paymentHeading: string;
  supportHeading: string;
}

export function receiptPdf(c: ReceiptContent, labels: ReceiptPdfLabels, o: { author: string; createdAt: Date }): Promise<Buffer> {
  const doc = new PDFDocument({ size: A4, margin: MARGIN, info: { Title: pdfText(c.title), Author: pdfText(o.author), CreationDate: o.createdAt } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const w = new Writer(doc);
  w.y += w.text(c.title, { size: 20, bold: true }) + 8;
  w.rows([...c.heading, ...c.seller]);
  w.heading(labels.chargingHeading);
  w.rows(c.charging);
  w.y += 14;
  w.tableRow(labels.columns, { bold: true, color: MUTED });
  w.rule(1);
  for (const line of c.lines) w.tableRow([line.name, line.quantity, line.unitPrice, line.vatRate, line.amount]);
  w.rule(1);
  w.rows(c.totals, { x: WIDTH / 2, bold: (_row, i) => i === c.totals.length - 1 });
  w.heading(labels.paymentHeading);
  w.rows(c.payment);
  if (c.support.length > 0) {
    w.heading(labels.supportHeading);
    w.rows(c.support);
  }
  doc.end();
  return done;
}
