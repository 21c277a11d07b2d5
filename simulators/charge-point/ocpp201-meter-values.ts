import type { MeterSample } from './energy-meter.ts';

// OCPP 2.0.1 MeterValueType / SampledValueType: values are numbers, the unit
// sits in unitOfMeasure.

export interface MeterValue201 {
  timestamp: string;
  sampledValue: Array<{
    value: number;
    context: string;
    measurand: string;
    location: string;
    unitOfMeasure: { unit: string };
  }>;
}

export function meterValue201(sample: MeterSample, energyUnit: 'Wh' | 'kWh'): MeterValue201 {
  const context = sample.context;
  const energy = energyUnit === 'kWh' ? Number((sample.energyWh / 1000).toFixed(3)) : sample.energyWh;
  const sampledValue: MeterValue201['sampledValue'] = [
    { value: energy, context, measurand: 'Energy.Active.Import.Register', location: 'Outlet', unitOfMeasure: { unit: energyUnit } },
    { value: sample.powerW, context, measurand: 'Power.Active.Import', location: 'Outlet', unitOfMeasure: { unit: 'W' } },
  ];
  if (sample.socPercent !== undefined) {
    sampledValue.push({ value: sample.socPercent, context, measurand: 'SoC', location: 'EV', unitOfMeasure: { unit: 'Percent' } });
  }
  return { timestamp: sample.at.toISOString(), sampledValue };
}
