import { osloIsoWithOffset } from '../../../core/oslo-calendar.ts';
import { receiptLineName, receiptQuantity } from '../../../core/receipt-lines.ts';
import type { SettledSessionRow } from '../../../usecases/ports/report-queries.ts';
import { csvCell, csvSheet } from './csv-cell.ts';
import { kronerDecimal, percentDecimal } from './kroner.ts';
import { osloDate } from './oslo-time.ts';

// The first ten columns are as they always were, so a spreadsheet built on
// them keeps working; the ones after were added for bookkeeping and support.
const HEADER = [
  'Dato', 'Stasjon', 'Vipps-referanse', 'Linje', 'Mengde', 'Beløp (kr)', 'MVA-sats (%)', 'MVA (kr)', 'Netto (kr)', 'Refundert (kr)',
  'Start', 'Slutt', 'Sted', 'Stasjons-ID', 'Kontakt', 'PSP-referanse', 'Kvitteringsnr.',
];

// Start and end as the receipt shows them (the charge's start, else when the
// session was made), in Oslo time with the offset: "2026-11-26T11:00:05+01:00".
function sessionColumns(r: SettledSessionRow): string[] {
  const s = r.session;
  const start = osloIsoWithOffset(Date.parse(s.chargingStartedAt ?? s.createdAt));
  const end = s.endedAt ? osloIsoWithOffset(Date.parse(s.endedAt)) : '';
  return [start, end, r.siteName, s.stationId, String(s.connectorNo), r.pspReference ?? '', r.receiptNumber === undefined ? '' : String(r.receiptNumber)];
}

// The settled sessions for bookkeeping, one row per line of each session's
// stored bill, named as on the Vipps receipt: the amounts of a session's lines
// add up to its capture to the øre, and net + VAT = amount on every row. A
// session's refunds follow its lines on a row of their own. Every row carries
// the session's times, place and references, so a filtered sheet still says
// which session a row is. UTF-8 with a BOM, so Excel reads "ø".
export function settledSessionsCsv(rows: readonly SettledSessionRow[]): string {
  const out: string[][] = [HEADER];
  for (const r of rows) {
    const s = r.session;
    const bill = s.priced;
    if (s.state !== 'settled' || !bill) continue;
    const date = osloDate(s.endedAt ?? s.updatedAt);
    const station = r.stationName;
    const tail = sessionColumns(r).map((v) => csvCell(v));
    for (const l of bill.lines) {
      const { quantity, unit } = receiptQuantity(l);
      const text = [date, station, s.reference, receiptLineName(l, station), `${quantity.replace('.', ',')} ${unit}`];
      const amounts = [kronerDecimal(l.amountOre), percentDecimal(l.vatRateBasisPoints), kronerDecimal(l.vatOre), kronerDecimal(l.netOre), ''];
      out.push([...text.map((v) => csvCell(v)), ...amounts.map((v) => csvCell(v, true)), ...tail]);
    }
    if (s.refundedOre > 0) {
      const text = [date, station, s.reference, 'Refusjon', '', '', '', '', ''].map((v) => csvCell(v));
      out.push([...text, csvCell(kronerDecimal(s.refundedOre), true), ...tail]);
    }
  }
  return csvSheet(out);
}
