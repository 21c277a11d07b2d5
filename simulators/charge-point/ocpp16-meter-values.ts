import type { MeterSample } from './energy-meter.ts';

// OCPP 1.6 §7.31 MeterValue / §7.45 SampledValue: values are strings.

export interface MeterValue16 {
  timestamp: string;
  sampledValue: SampledValue16[];
}

interface SampledValue16 {
  value: string;
  context: string;
  measurand: string;
  location: string;
  unit: string;
}

export function meterValue16(sample: MeterSample, energyUnit: 'Wh' | 'kWh'): MeterValue16 {
  const context = sample.context;
  const energy = energyUnit === 'kWh' ? (sample.energyWh / 1000).toFixed(3) : String(sample.energyWh);
  const values: SampledValue16[] = [
    { value: energy, context, measurand: 'Energy.Active.Import.Register', location: 'Outlet', unit: energyUnit },
    { value: String(sample.powerW), context, measurand: 'Power.Active.Import', location: 'Outlet', unit: 'W' },
  ];
  if (sample.socPercent !== undefined) {
    values.push({ value: String(sample.socPercent), context, measurand: 'SoC', location: 'EV', unit: 'Percent' });
  }
  return { timestamp: sample.at.toISOString(), sampledValue: values };
}
