import type { Session } from '../../../core/session/session.ts';
import { receiptFor } from '../../vipps/receipt-for-session.ts';
import { kronerDecimal, kwhDecimal } from './kroner.ts';
import { osloDate } from './oslo-time.ts';
import { energyWh } from './session-figures.ts';

const HEADER = ['Dato', 'Stasjon', 'Energi (kWh)', 'Beløp (kr)', 'MVA (kr)', 'Netto (kr)', 'Vipps-referanse', 'Refundert (kr)'];

// Semicolon-separated (Norwegian Excel uses the comma as decimal mark);
// quoted when needed; a text starting like a formula is defused with a quote.
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

// The settled sessions for bookkeeping: amount, VAT and net of what was
// captured, taken from the same receipt lines Vipps was sent, so they add up
// to the capture to the øre. UTF-8 with a BOM, so Excel reads "ø".
export function settledSessionsCsv(sessions: readonly Session[], stationName: (id: string) => string): string {
  const rows = [HEADER.join(';')];
  for (const s of sessions) {
    if (s.state !== 'settled' || !s.priced) continue;
    const receipt = receiptFor({ reference: s.reference, lines: s.priced.lines, capturedOre: s.capturedOre, stationName: stationName(s.stationId), orderDetailsUrl: '' });
    const amount = receipt.orderLines.reduce((sum, l) => sum + l.totalAmount, 0);
    const vat = receipt.orderLines.reduce((sum, l) => sum + l.totalTaxAmount, 0);
    rows.push(
      [
        osloDate(s.endedAt ?? s.updatedAt),
        stationName(s.stationId),
        kwhDecimal(energyWh(s)),
        kronerDecimal(amount),
        kronerDecimal(vat),
        kronerDecimal(amount - vat),
        s.reference,
        kronerDecimal(s.refundedOre),
      ]
        .map(cell)
        .join(';'),
    );
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
