import { err, ok, type Result } from '../result.ts';
import { CONNECTOR_TYPES, type ConnectorTypeName } from '../station-setup.ts';
import { CONNECTOR_FORMATS, CONNECTOR_STANDARDS, PHASES, POWER_TYPES, isOneOf, type ConnectorFormat, type ConnectorStandard, type PowerType } from './feed-vocabulary.ts';

// What the charger feeds say of a connector (OCPI 2.2.1 Connector; the
// connector's EVSE adds whether a card terminal is there). The power is the
// connector's maxPowerW, the one rating Ladepay keeps: voltage and amperage
// must allow it (docs/feed-data.md).

export interface ConnectorData {
  readonly standard: ConnectorStandard | null;
  readonly format: ConnectorFormat | null;
  readonly powerType: PowerType | null;
  readonly maxVoltage: number | null; // V, line to neutral for AC_3_PHASE
  readonly maxAmperage: number | null; // A
  readonly cardTerminal: boolean;
}

/** A connector's type and rating as set up, with its feed data. */
export interface ConnectorSpec extends ConnectorData {
  readonly type: string;
  readonly maxPowerW: number;
}

export const VOLTAGE_RANGE = { min: 50, max: 1500 } as const;
export const AMPERAGE_RANGE = { min: 1, max: 1000 } as const;

// What each plug Ladepay lists may be in the feeds. The first is the default.
const PLUGS: Readonly<Record<ConnectorTypeName, { standards: readonly ConnectorStandard[]; powerTypes: readonly PowerType[]; format: ConnectorFormat }>> = {
  CCS: { standards: ['IEC_62196_T2_COMBO', 'IEC_62196_T1_COMBO'], powerTypes: ['DC'], format: 'CABLE' },
  CHAdeMO: { standards: ['CHADEMO'], powerTypes: ['DC'], format: 'CABLE' },
  Type2: { standards: ['IEC_62196_T2'], powerTypes: ['AC_3_PHASE', 'AC_1_PHASE', 'AC_2_PHASE'], format: 'SOCKET' },
  Type1: { standards: ['IEC_62196_T1'], powerTypes: ['AC_1_PHASE', 'AC_2_PHASE_SPLIT'], format: 'CABLE' },
  Schuko: { standards: ['DOMESTIC_F', 'DOMESTIC_E'], powerTypes: ['AC_1_PHASE'], format: 'SOCKET' },
};

// Fuse ratings an AC charger is built for; the default amperage is the smallest that gives the power.
const AC_CURRENTS = [6, 10, 13, 16, 20, 25, 32, 40, 50, 63, 80];
const AC_VOLTAGE = 230;

/**
 * The most a connector of this voltage, amperage and power type can give, in
 * W, rounded up to 100 W: ratings are written to a tenth of a kW, so 230 V ×
 * 32 A (7,360 W) is sold as 7.4 kW.
 */
export function ratedPowerW(maxVoltage: number, maxAmperage: number, powerType: PowerType): number {
  return Math.ceil((maxVoltage * maxAmperage * PHASES[powerType]) / 100) * 100;
}

function plugOf(type: string) {
  return isOneOf(CONNECTOR_TYPES, type) ? PLUGS[type] : undefined;
}

/** The OCPI standards and power types a connector of this type may be, the usual first. */
export function choicesFor(type: string): { standards: readonly ConnectorStandard[]; powerTypes: readonly PowerType[] } {
  const plug = plugOf(type);
  return { standards: plug?.standards ?? [], powerTypes: plug?.powerTypes ?? [] };
}

/**
 * A connector's feed data as its plug and rating suggest: the usual standard,
 * format and power type of the plug (a Type 2 socket up to 7.4 kW is single
 * phase, above it three phase); for AC, 230 V and the smallest usual fuse that
 * gives the power. A DC charger's voltage and amperage cannot be guessed: null.
 */
export function connectorDefaults(type: string, maxPowerW: number): ConnectorData {
  const plug = plugOf(type);
  if (!plug) return { standard: null, format: null, powerType: null, maxVoltage: null, maxAmperage: null, cardTerminal: false };
  const powerType: PowerType = type === 'Type2' && maxPowerW <= 7400 ? 'AC_1_PHASE' : (plug.powerTypes[0] as PowerType);
  const amperage = powerType === 'DC' ? undefined : AC_CURRENTS.find((a) => ratedPowerW(AC_VOLTAGE, a, powerType) >= maxPowerW);
  return {
    standard: plug.standards[0] ?? null,
    format: plug.format,
    powerType,
    maxVoltage: amperage === undefined ? null : AC_VOLTAGE,
    maxAmperage: amperage ?? null,
    cardTerminal: false,
  };
}

/** As given: a field left out keeps its current value (a new connector's come from connectorDefaults). */
export interface ConnectorSpecInput {
  type?: string;
  maxPowerW?: number;
  standard?: string | null;
  format?: string | null;
  powerType?: string | null;
  maxVoltage?: number | null;
  maxAmperage?: number | null;
  cardTerminal?: boolean;
}

export type ConnectorDataErrorCode = 'unknown_value' | 'not_for_type' | 'out_of_range' | 'power_exceeds' | 'required';

export interface ConnectorDataError {
  readonly field: string;
  readonly code: ConnectorDataErrorCode;
  readonly value?: string;
  readonly type?: string; // not_for_type: the connector's type
  readonly min?: number;
  readonly max?: number;
  readonly ratedW?: number; // power_exceeds: what voltage × amperage allow
}

const DATA_FIELDS = ['standard', 'format', 'powerType', 'maxVoltage', 'maxAmperage'] as const;

function electrical(d: ConnectorData): Pick<ConnectorData, 'powerType' | 'maxVoltage' | 'maxAmperage'> {
  return { powerType: d.powerType, maxVoltage: d.maxVoltage, maxAmperage: d.maxAmperage };
}

// Power type, voltage and amperage just as the rating suggested them (never
// set by hand, or set to the same): a new rating brings its own.
function followsRating(c: ConnectorSpec): boolean {
  const suggested = electrical(connectorDefaults(c.type, c.maxPowerW));
  return suggested.powerType === c.powerType && suggested.maxVoltage === c.maxVoltage && suggested.maxAmperage === c.maxAmperage;
}

/**
 * The connector as the input leaves it, checked: known values, a standard and
 * power type its type can be, voltage and amperage in range, and a power they
 * allow. A new type with nothing else said takes that type's defaults, so an
 * old client changing only the type never leaves a CCS described as Type 2;
 * a new power does the same for voltage and amperage that only followed the
 * old one (a 22 kW Type 2 set to 11 kW goes from 32 A to 16 A). Voltage and
 * amperage given by hand stay, and the power must fit them.
 */
export function readConnectorSpec(input: ConnectorSpecInput, current?: ConnectorSpec): Result<ConnectorSpec, ConnectorDataError[]> {
  const type = input.type ?? current?.type;
  const maxPowerW = input.maxPowerW ?? current?.maxPowerW;
  if (type === undefined || maxPowerW === undefined) return err([{ field: type === undefined ? 'type' : 'maxPowerW', code: 'required' }]);
  const base: ConnectorSpec =
    current === undefined || type !== current.type
      ? { type, maxPowerW, ...connectorDefaults(type, maxPowerW), cardTerminal: current?.cardTerminal ?? false }
      : maxPowerW !== current.maxPowerW && followsRating(current)
        ? { ...current, maxPowerW, ...electrical(connectorDefaults(type, maxPowerW)) }
        : { ...current, maxPowerW };
  const given = (f: (typeof DATA_FIELDS)[number]) => input[f] !== undefined;
  const spec = {
    ...base,
    ...Object.fromEntries(DATA_FIELDS.filter(given).map((f) => [f, input[f]])),
    ...(input.cardTerminal !== undefined ? { cardTerminal: input.cardTerminal } : {}),
  } as ConnectorSpec;
  const errors = checkSpec(spec);
  const power = errors.length === 0 ? powerError(spec, input) : undefined;
  if (power) errors.push(power);
  return errors.length > 0 ? err(errors) : ok(Object.freeze(spec));
}

function checkSpec(s: ConnectorSpec): ConnectorDataError[] {
  const errors: ConnectorDataError[] = [];
  const plug = plugOf(s.type);
  if (!plug) return [{ field: 'type', code: 'unknown_value', value: s.type }];
  if (s.standard !== null && !isOneOf(CONNECTOR_STANDARDS, s.standard)) errors.push({ field: 'standard', code: 'unknown_value', value: String(s.standard) });
  else if (s.standard !== null && !plug.standards.includes(s.standard)) errors.push({ field: 'standard', code: 'not_for_type', value: s.standard, type: s.type });
  if (s.format !== null && !isOneOf(CONNECTOR_FORMATS, s.format)) errors.push({ field: 'format', code: 'unknown_value', value: String(s.format) });
  if (s.powerType !== null && !isOneOf(POWER_TYPES, s.powerType)) errors.push({ field: 'powerType', code: 'unknown_value', value: String(s.powerType) });
  else if (s.powerType !== null && !plug.powerTypes.includes(s.powerType)) errors.push({ field: 'powerType', code: 'not_for_type', value: s.powerType, type: s.type });
  const ranges = { maxVoltage: VOLTAGE_RANGE, maxAmperage: AMPERAGE_RANGE } as const;
  for (const field of ['maxVoltage', 'maxAmperage'] as const) {
    const v = s[field];
    const { min, max } = ranges[field];
    if (v !== null && (!Number.isInteger(v) || v < min || v > max)) errors.push({ field, code: 'out_of_range', min, max });
  }
  return errors;
}

// Named after what the input changed (the power, the amperage …), so the
// refusal points at the field the caller just wrote.
function powerError(s: ConnectorSpec, input: ConnectorSpecInput): ConnectorDataError | undefined {
  if (s.maxVoltage === null || s.maxAmperage === null || s.powerType === null) return undefined;
  const ratedW = ratedPowerW(s.maxVoltage, s.maxAmperage, s.powerType);
  if (s.maxPowerW <= ratedW) return undefined;
  const field = (['maxPowerW', 'maxAmperage', 'maxVoltage', 'powerType'] as const).find((f) => input[f] !== undefined) ?? 'maxPowerW';
  return { field, code: 'power_exceeds', ratedW };
}
