import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS with `exports.default`: by the loader, the default import
// is the function itself or the whole module.
const loaded = jsQRModule as unknown as typeof jsQRModule.default | typeof jsQRModule;
const jsQR = typeof loaded === 'function' ? loaded : loaded.default;

// Renders the first page of a PDF with poppler's pdftoppm and reads the QR
// code on it, as a phone camera would read the printed sticker.
export function firstPageQr(pdf: Buffer, dpi = 150): { text: string | undefined; png: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'ladepay-pdf-'));
  try {
    writeFileSync(join(dir, 'sheet.pdf'), pdf);
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', join(dir, 'sheet.pdf'), join(dir, 'page')]);
    const png = readFileSync(join(dir, 'page.png'));
    const image = PNG.sync.read(png);
    const code = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
    return { text: code?.data, png };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}
