import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The text of a PDF as poppler's pdftotext reads it (as a reader's viewer or
// the accounts' software would), lines kept in reading order, no-break
// spaces made plain.
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'ladepay-pdf-text-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    return execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', join(dir, 'doc.pdf'), '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
