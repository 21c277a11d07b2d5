import { readConnectorSpec, type ConnectorData, type ConnectorDataError, type ConnectorSpec } from '../../core/feed/connector-data.ts';
import { CONNECTOR_FORMATS, CONNECTOR_STANDARDS, POWER_TYPES } from '../../core/feed/feed-vocabulary.ts';

// The feed data columns of a station import (docs/station-import.md):
// standard, format, power_type, max_voltage, max_amperage, card_terminal. An
// empty cell, or a file without the column, leaves the value as it is (a new
// connector's is what its type suggests).

export interface FeedCells {
  standard?: string;
  format?: string;
  powerType?: string;
  maxVoltage?: string;
  maxAmperage?: string;
  cardTerminal?: string;
}

export type GivenFeed = Partial<ConnectorData>;

const COLUMN: Record<string, string> = {
  type: 'type',
  maxPowerW: 'max_power_kw',
  standard: 'standard',
  format: 'format',
  powerType: 'power_type',
  maxVoltage: 'max_voltage',
  maxAmperage: 'max_amperage',
  cardTerminal: 'card_terminal',
};

const YES = ['yes', 'ja', 'true', '1'];
const NO = ['no', 'nei', 'false', '0'];

// The value in the spelling of the vocabulary, whatever the case it was written in.
function word<T extends string>(words: readonly T[], cell: string): T | undefined {
  return words.find((w) => w.toLowerCase() === cell.toLowerCase());
}

/** The row's feed cells, typed; a cell that is not a value of its column is a problem of the line. */
export function readFeedCells(cells: FeedCells, problems: string[]): GivenFeed {
  const out: { -readonly [K in keyof ConnectorData]?: ConnectorData[K] } = {};
  const c = (v: string | undefined) => v?.trim() ?? '';
  if (c(cells.standard) !== '') {
    out.standard = word(CONNECTOR_STANDARDS, c(cells.standard));
    if (!out.standard) problems.push(`standard "${c(cells.standard)}" is not an OCPI connector standard (e.g. IEC_62196_T2_COMBO, IEC_62196_T2, CHADEMO)`);
  }
  if (c(cells.format) !== '') {
    out.format = word(CONNECTOR_FORMATS, c(cells.format));
    if (!out.format) problems.push(`format "${c(cells.format)}" is not SOCKET or CABLE`);
  }
  if (c(cells.powerType) !== '') {
    out.powerType = word(POWER_TYPES, c(cells.powerType));
    if (!out.powerType) problems.push(`power_type "${c(cells.powerType)}" is not one of ${POWER_TYPES.join(', ')}`);
  }
  for (const [key, column] of [['maxVoltage', 'max_voltage'], ['maxAmperage', 'max_amperage']] as const) {
    const cell = c(cells[key]);
    if (cell === '') continue;
    if (/^\d{1,5}$/.test(cell)) out[key] = Number(cell);
    else problems.push(`${column} "${cell}" is not a whole number`);
  }
  const terminal = c(cells.cardTerminal).toLowerCase();
  if (terminal !== '') {
    if (YES.includes(terminal)) out.cardTerminal = true;
    else if (NO.includes(terminal)) out.cardTerminal = false;
    else problems.push(`card_terminal "${c(cells.cardTerminal)}" is not yes or no`);
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as GivenFeed;
}

function message(e: ConnectorDataError): string {
  const column = COLUMN[e.field] ?? e.field;
  switch (e.code) {
    case 'unknown_value':
      return `${column} "${e.value}" is not a value it takes`;
    case 'not_for_type':
      return `${column} ${e.value} is not what a ${e.type} connector is`;
    case 'out_of_range':
      return `${column} must be ${e.min} to ${e.max}`;
    case 'power_exceeds':
      return `${column}: the power is more than max_voltage and max_amperage allow (${(e.ratedW ?? 0) / 1000} kW)`;
    case 'required':
      return `${column} is required`;
  }
}

/** The connector as the row leaves it, or the line's error: the core's rules, named by column. */
export function specOfRow(given: GivenFeed & { type?: string; maxPowerW?: number }, current?: ConnectorSpec): { ok: true; spec: ConnectorSpec } | { ok: false; message: string } {
  const spec = readConnectorSpec(given, current);
  return spec.ok ? { ok: true, spec: spec.value } : { ok: false, message: `${spec.error.map(message).join('; ')}.` };
}

const SPEC_FIELDS = ['type', 'maxPowerW', 'standard', 'format', 'powerType', 'maxVoltage', 'maxAmperage', 'cardTerminal'] as const;

/** What changes from the connector as it is to the one the row makes: each field that differs. */
export function changedFields(now: ConnectorSpec, next: ConnectorSpec): Partial<ConnectorSpec> {
  return Object.fromEntries(SPEC_FIELDS.filter((f) => now[f] !== next[f]).map((f) => [f, next[f]])) as Partial<ConnectorSpec>;
}
