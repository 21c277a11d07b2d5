import type { MeterSample } from '../../usecases/ports/charger.ts';
import type { MeterValue16 } from './ocpp16-types.ts';
import type { MeterValue201 } from './ocpp201-types.ts';

// One reading of a connector's meter at one moment, in Ladepay's units.
export interface MeterReading {
  at: Date;
  // Transaction.Begin / Transaction.End, else an ordinary sample. Every context
  // is a reading of the same register at its own timestamp, so none is thrown
  // away; begin and end are flagged because they fix the start and final meter.
  context: 'begin' | 'end' | 'sample';
  energyWh?: number; // Energy.Active.Import.Register, integer Wh
  powerW?: number; // Power.Active.Import, integer W
  socPercent?: number;
}

// A sampled value with 1.6 and 2.0.1 differences smoothed out.
interface Sample {
  value: number;
  context: string;
  measurand: string;
  phase?: string;
  location?: string;
  unit?: string;
}

const ENERGY = 'Energy.Active.Import.Register';
const POWER = 'Power.Active.Import';
const SOC = 'SoC';

export function readingsFrom16(meterValues: MeterValue16[]): MeterReading[] {
  return meterValues.flatMap((mv) =>
    toReadings(
      mv.timestamp,
      mv.sampledValue.flatMap((sv) => {
        // OCPP 1.6 ValueFormat SignedData: the value is an opaque signed blob, not a number.
        if (sv.format === 'SignedData') return [];
        const value = sv.value.trim() === '' ? Number.NaN : Number(sv.value);
        return [sample(value, sv.context, sv.measurand, sv.phase, sv.location, sv.unit)];
      }),
    ),
  );
}

export function readingsFrom201(meterValues: MeterValue201[]): MeterReading[] {
  return meterValues.flatMap((mv) =>
    toReadings(
      mv.timestamp,
      mv.sampledValue.map((sv) => {
        // OCPP 2.0.1 UnitOfMeasureType: the multiplier is a power of ten, default 0.
        const value = sv.value * 10 ** (sv.unitOfMeasure?.multiplier ?? 0);
        return sample(value, sv.context, sv.measurand, sv.phase, sv.location, sv.unitOfMeasure?.unit);
      }),
    ),
  );
}

function sample(
  value: number,
  context: string | undefined,
  measurand: string | undefined,
  phase: string | undefined,
  location: string | undefined,
  unit: string | undefined,
): Sample {
  // Both versions: the measurand defaults to the energy register, the context
  // to Sample.Periodic.
  return { value, context: context ?? 'Sample.Periodic', measurand: measurand ?? ENERGY, phase, location, unit };
}

function toReadings(timestamp: string, samples: Sample[]): MeterReading[] {
  const at = new Date(timestamp);
  if (Number.isNaN(at.getTime())) return [];
  const byContext = new Map<string, Sample[]>();
  for (const s of samples) {
    if (!Number.isFinite(s.value)) continue;
    byContext.set(s.context, [...(byContext.get(s.context) ?? []), s]);
  }
  const readings: MeterReading[] = [];
  for (const [context, group] of byContext) {
    const energyWh = scaled(pick(group, ENERGY), { Wh: 1, kWh: 1000 }, 'Wh');
    const powerW = scaled(pick(group, POWER), { W: 1, kW: 1000 }, 'W');
    const soc = pick(group, SOC, true);
    const socPercent = soc !== undefined && soc.unit === 'Percent' && soc.value <= 100 ? soc.value : undefined;
    if (energyWh === undefined && powerW === undefined && socPercent === undefined) continue;
    const reading: MeterReading = {
      at,
      context: context === 'Transaction.Begin' ? 'begin' : context === 'Transaction.End' ? 'end' : 'sample',
    };
    if (energyWh !== undefined) reading.energyWh = energyWh;
    if (powerW !== undefined) reading.powerW = powerW;
    if (socPercent !== undefined) reading.socPercent = socPercent;
    readings.push(reading);
  }
  return readings;
}

interface Picked {
  value: number;
  unit: string | undefined;
}

// The one value for a measurand: the total (no phase) if sent, else the sum of
// the three line phases. Values measured at the outlet (the default location)
// win over the inlet; other locations only count for the state of charge.
function pick(group: Sample[], measurand: string, anyLocation = false): Picked | undefined {
  const ofMeasurand = group.filter((s) => s.measurand === measurand && s.value >= 0);
  const candidates = anyLocation
    ? ofMeasurand
    : [
        ofMeasurand.filter((s) => s.location === undefined || s.location === 'Outlet'),
        ofMeasurand.filter((s) => s.location === 'Inlet'),
      ].find((list) => list.length > 0) ?? [];
  const total = candidates.find((s) => s.phase === undefined);
  if (total) return { value: total.value, unit: total.unit ?? (measurand === SOC ? 'Percent' : undefined) };
  for (const phases of [
    ['L1', 'L2', 'L3'],
    ['L1-N', 'L2-N', 'L3-N'],
  ]) {
    const perPhase = candidates.filter((s) => s.phase !== undefined && phases.includes(s.phase));
    const units = new Set(perPhase.map((s) => s.unit));
    if (perPhase.length > 0 && units.size === 1) {
      return { value: perPhase.reduce((sum, s) => sum + s.value, 0), unit: perPhase[0]?.unit };
    }
  }
  return undefined;
}

function scaled(
  picked: Picked | undefined,
  factors: Record<string, number>,
  defaultUnit: string,
): number | undefined {
  if (!picked) return undefined;
  const factor = factors[picked.unit ?? defaultUnit];
  return factor === undefined ? undefined : Math.round(picked.value * factor);
}

export function meterSample(
  stationId: string,
  connectorNo: number | undefined,
  transactionId: string | undefined,
  reading: MeterReading,
): MeterSample {
  const { at, energyWh, powerW, socPercent } = reading;
  return { stationId, connectorNo, transactionId, at, energyWh, powerW, socPercent };
}
