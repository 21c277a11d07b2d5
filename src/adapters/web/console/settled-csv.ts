import { receiptLineName, receiptQuantity } from '../../../core/receipt-lines.ts';
import type { Session } from '../../../core/session/session.ts';
import { kronerDecimal, percentDecimal } from './kroner.ts';
import { osloDate } from './oslo-time.ts';

const HEADER = ['Dato', 'Stasjon', 'Vipps-referanse', 'Linje', 'Mengde', 'Beløp (kr)', 'MVA-sats (%)', 'MVA (kr)', 'Netto (kr)', 'Refundert (kr)'];

// Semicolon-separated (Norwegian Excel uses the comma as decimal mark);
// quoted when needed; a text starting like a formula is defused with a quote.
// Amounts are our own digits and may be negative: they are left as they are.
function cell(value: string, amount = false): string {
  const safe = !amount && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

// The settled sessions for bookkeeping, one row per line of each session's
// stored bill, named as on the Vipps receipt: the amounts of a session's lines
// add up to its capture to the øre, and net + VAT = amount on every row. A
// session's refunds follow its lines on a row of their own. UTF-8 with a BOM,
// so Excel reads "ø".
export function settledSessionsCsv(sessions: readonly Session[], stationName: (id: string) => string): string {
  const rows = [HEADER.join(';')];
  for (const s of sessions) {
    const bill = s.priced;
    if (s.state !== 'settled' || !bill) continue;
    const date = osloDate(s.endedAt ?? s.updatedAt);
    const station = stationName(s.stationId);
    for (const l of bill.lines) {
      const { quantity, unit } = receiptQuantity(l);
      const text = [date, station, s.reference, receiptLineName(l, station), `${quantity.replace('.', ',')} ${unit}`];
      const amounts = [kronerDecimal(l.amountOre), percentDecimal(l.vatRateBasisPoints), kronerDecimal(l.vatOre), kronerDecimal(l.netOre), ''];
      rows.push([...text.map((v) => cell(v)), ...amounts.map((v) => cell(v, true))].join(';'));
    }
    if (s.refundedOre > 0) {
      rows.push([date, station, s.reference, 'Refusjon', '', '', '', '', ''].map((v) => cell(v)).concat(cell(kronerDecimal(s.refundedOre), true)).join(';'));
    }
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
