import { describe, expect, it } from 'vitest';
import { readingsFrom16, readingsFrom201 } from './meter-values.ts';
import type { SampledValue16 } from './ocpp16-types.ts';
import type { SampledValue201 } from './ocpp201-types.ts';

const T = '2025-03-01T10:00:00.000Z';

function one16(...sampledValue: SampledValue16[]) {
  return readingsFrom16([{ timestamp: T, sampledValue }]);
}
function one201(...sampledValue: SampledValue201[]) {
  return readingsFrom201([{ timestamp: T, sampledValue }]);
}

describe('readingsFrom16', () => {
  it.each([
    ['no measurand and no unit: the energy register in Wh', { value: '1234' }, { energyWh: 1234 }],
    ['Wh with decimals is rounded', { value: '1234.6', unit: 'Wh' }, { energyWh: 1235 }],
    ['kWh is converted', { value: '12.3456', unit: 'kWh' }, { energyWh: 12346 }],
    ['W', { value: '7200', measurand: 'Power.Active.Import', unit: 'W' }, { powerW: 7200 }],
    ['kW', { value: '7.2', measurand: 'Power.Active.Import', unit: 'kW' }, { powerW: 7200 }],
    ['power with no unit is W', { value: '11000', measurand: 'Power.Active.Import' }, { powerW: 11000 }],
    ['SoC', { value: '57', measurand: 'SoC', unit: 'Percent', location: 'EV' }, { socPercent: 57 }],
  ] as const)('%s', (_name, sv, expected) => {
    expect(one16(sv)).toEqual([{ at: new Date(T), context: 'sample', ...expected }]);
  });

  it.each([
    ['a unit that is not energy', { value: '5', unit: 'W' }],
    ['a value that is not a number', { value: 'abc' }],
    ['an empty value', { value: '' }],
    ['signed data', { value: 'AAECAw==', format: 'SignedData' }],
    ['a measurand Ladepay does not use', { value: '230', measurand: 'Voltage', unit: 'V' }],
    ['energy measured in the car', { value: '1000', location: 'EV' }],
    ['a negative register', { value: '-5' }],
    ['a SoC above 100', { value: '180', measurand: 'SoC', unit: 'Percent' }],
  ] as const)('ignores %s', (_name, sv) => {
    expect(one16(sv)).toEqual([]);
  });

  it('reads energy, power and SoC of one sample together', () => {
    expect(
      one16(
        { value: '5.5', unit: 'kWh', measurand: 'Energy.Active.Import.Register' },
        { value: '3.6', unit: 'kW', measurand: 'Power.Active.Import' },
        { value: '40', unit: 'Percent', measurand: 'SoC' },
        { value: '16', unit: 'A', measurand: 'Current.Import' },
      ),
    ).toEqual([{ at: new Date(T), context: 'sample', energyWh: 5500, powerW: 3600, socPercent: 40 }]);
  });

  it('prefers the total over phases, and sums the three phases when only they are sent', () => {
    expect(
      one16(
        { value: '100', measurand: 'Power.Active.Import', phase: 'L1', unit: 'W' },
        { value: '300', measurand: 'Power.Active.Import', unit: 'W' },
      ),
    ).toMatchObject([{ powerW: 300 }]);
    expect(
      one16(
        { value: '1000', measurand: 'Power.Active.Import', phase: 'L1-N', unit: 'W' },
        { value: '1100', measurand: 'Power.Active.Import', phase: 'L2-N', unit: 'W' },
        { value: '1200', measurand: 'Power.Active.Import', phase: 'L3-N', unit: 'W' },
      ),
    ).toMatchObject([{ powerW: 3300 }]);
  });

  it('prefers the outlet over the inlet', () => {
    expect(one16({ value: '900', location: 'Inlet' }, { value: '800', location: 'Outlet' })).toMatchObject([
      { energyWh: 800 },
    ]);
    expect(one16({ value: '900', location: 'Inlet' })).toMatchObject([{ energyWh: 900 }]);
  });

  it('keeps one reading per context and flags begin and end', () => {
    const readings = readingsFrom16([
      { timestamp: '2025-03-01T10:00:00Z', sampledValue: [{ value: '100', context: 'Transaction.Begin' }] },
      {
        timestamp: '2025-03-01T11:00:00Z',
        sampledValue: [
          { value: '5100', context: 'Transaction.End' },
          { value: '5000', context: 'Sample.Clock' },
        ],
      },
    ]);
    expect(readings).toEqual([
      { at: new Date('2025-03-01T10:00:00Z'), context: 'begin', energyWh: 100 },
      { at: new Date('2025-03-01T11:00:00Z'), context: 'end', energyWh: 5100 },
      { at: new Date('2025-03-01T11:00:00Z'), context: 'sample', energyWh: 5000 },
    ]);
  });
});

describe('readingsFrom201', () => {
  it.each([
    ['no unit: Wh', { value: 1234.4 }, { energyWh: 1234 }],
    ['kWh', { value: 1.5, unitOfMeasure: { unit: 'kWh' } }, { energyWh: 1500 }],
    ['Wh with multiplier 3', { value: 1.1, unitOfMeasure: { unit: 'Wh', multiplier: 3 } }, { energyWh: 1100 }],
    ['kW', { value: 11, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'kW' } }, { powerW: 11000 }],
    [
      'W with multiplier -1',
      { value: 72000, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'W', multiplier: -1 } },
      { powerW: 7200 },
    ],
    ['SoC', { value: 80, measurand: 'SoC', unitOfMeasure: { unit: 'Percent' } }, { socPercent: 80 }],
    ['SoC with no unit', { value: 80, measurand: 'SoC' }, { socPercent: 80 }],
  ] as const)('%s', (_name, sv, expected) => {
    expect(one201(sv)).toEqual([{ at: new Date(T), context: 'sample', ...expected }]);
  });

  it('flags Transaction.Begin and Transaction.End', () => {
    expect(one201({ value: 10, context: 'Transaction.Begin' })).toMatchObject([{ context: 'begin', energyWh: 10 }]);
    expect(one201({ value: 20, context: 'Transaction.End' })).toMatchObject([{ context: 'end', energyWh: 20 }]);
  });

  it('ignores a unit it does not know', () => {
    expect(one201({ value: 10, unitOfMeasure: { unit: 'varh' } })).toEqual([]);
  });
});
