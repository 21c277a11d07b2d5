import { roundHalfUp } from '../../../core/money.ts';
import type { FleetReport, ReportFigures } from '../../../core/fleet-report.ts';
import { csvCell, csvSheet } from './csv-cell.ts';
import { kronerDecimal, kwhDecimal, percentDecimal } from './kroner.ts';

// Seconds → hours with two decimals, "12,50", for a spreadsheet.
function hoursDecimal(seconds: number): string {
  return kronerDecimal(roundHalfUp(seconds * 100, 3600));
}

function figures(f: ReportFigures): string[] {
  return [
    String(f.sessions), kwhDecimal(f.energyWh), kronerDecimal(f.netOre), kronerDecimal(f.vatOre), kronerDecimal(f.grossOre), kronerDecimal(f.refundsOre),
    hoursDecimal(f.chargingSeconds), hoursDecimal(f.connectorSeconds), percentDecimal(f.utilisationBasisPoints), String(f.startFailed), String(f.paymentFailed),
  ];
}

const FIGURES = ['Økter', 'Energi (kWh)', 'Netto (kr)', 'MVA (kr)', 'Brutto (kr)', 'Refundert (kr)', 'Ladetid (t)', 'Kontakttid (t)', 'Utnyttelse (%)', 'Mislykkede starter', 'Mislykkede betalinger'];

// The report as a sheet for Excel: one row per period and site (or station),
// in the same figures as the page, then the totals. Periods are Oslo days
// ("2026-03-29") or months ("2026-03").
export function reportCsv(r: FleetReport): string {
  const place = r.by === 'station' ? ['Sted-ID', 'Sted', 'Stasjons-ID', 'Stasjon'] : ['Sted-ID', 'Sted'];
  const rows: string[][] = [['Periode', ...place, ...FIGURES]];
  for (const row of r.rows) {
    const where = r.by === 'station' ? [row.siteId, row.siteName, row.stationId ?? '', row.stationName ?? ''] : [row.siteId, row.siteName];
    rows.push([csvCell(row.period), ...where.map((v) => csvCell(v)), ...figures(row).map((v) => csvCell(v, true))]);
  }
  rows.push([csvCell(`Sum ${r.from}–${r.to}`), ...place.map(() => ''), ...figures(r.totals).map((v) => csvCell(v, true))]);
  return csvSheet(rows);
}
