import { parse } from 'csv-parse/sync';
import type { ImportRow } from './station-import.ts';

// The columns of a station import file (docs/station-import.md). One row per
// connector; a station with three connectors has three rows.
export const IMPORT_COLUMNS = ['station_id', 'site_id', 'name', 'connector_no', 'type', 'max_power_kw', 'code', 'standard', 'format', 'power_type', 'max_voltage', 'max_amperage', 'card_terminal'] as const;
// The feed data columns (docs/feed-data.md), read only when the file has them.
const FEED_COLUMNS = { standard: 'standard', format: 'format', power_type: 'powerType', max_voltage: 'maxVoltage', max_amperage: 'maxAmperage', card_terminal: 'cardTerminal' } as const;
const REQUIRED = ['station_id', 'connector_no'] as const;
export const MAX_IMPORT_ROWS = 5000;

export type ImportCsv = { ok: true; rows: ImportRow[] } | { ok: false; errors: Array<{ line: number; message: string }> };

// A CSV as Excel and scripts write it: comma or semicolon (Norwegian Excel),
// an optional byte-order mark, a header row naming the columns in any order
// and case. Each row keeps the line it started on, for the error list.
export function readImportCsv(text: string): ImportCsv {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      delimiter: [',', ';'],
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return { ok: false, errors: [{ line, message: `Not a readable CSV: ${(e as Error).message.replace(/^Invalid Record Length: /, '')}` }] };
  }
  const header = Object.keys(records[0]?.record ?? {});
  const errors: Array<{ line: number; message: string }> = [];
  if (records.length === 0) errors.push({ line: 1, message: `No rows: the first line names the columns (${IMPORT_COLUMNS.join(', ')}), then one row per connector.` });
  const unknown = header.filter((h) => !(IMPORT_COLUMNS as readonly string[]).includes(h));
  if (unknown.length > 0) errors.push({ line: 1, message: `Unknown column ${unknown.map((c) => `"${c}"`).join(', ')}; the columns are ${IMPORT_COLUMNS.join(', ')}.` });
  const missing = REQUIRED.filter((c) => records.length > 0 && !header.includes(c));
  if (missing.length > 0) errors.push({ line: 1, message: `Missing column ${missing.join(', ')}.` });
  if (records.length > MAX_IMPORT_ROWS) errors.push({ line: 1, message: `${records.length} rows; at most ${MAX_IMPORT_ROWS} at a time.` });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    rows: records.map(({ record, info }) => ({
      line: info.lines,
      stationId: record.station_id ?? '',
      siteId: record.site_id ?? '',
      name: record.name ?? '',
      connectorNo: record.connector_no ?? '',
      type: record.type ?? '',
      maxPowerKw: record.max_power_kw ?? '',
      code: record.code ?? '',
      ...Object.fromEntries(Object.entries(FEED_COLUMNS).flatMap(([column, key]) => (header.includes(column) ? [[key, record[column] ?? '']] : []))),
    })),
  };
}
