import { describe, expect, it } from 'vitest';
import { energyUsedWh, type Session } from './session.ts';

type Meter = Pick<Session, 'meterStartWh' | 'meterLastWh' | 'meterCapWh'>;

describe('energyUsedWh', () => {
  it.each<[string, Meter, number]>([
    ['no start yet', { meterLastWh: 1_000_500 }, 0],
    ['no reading yet', { meterStartWh: 1_000_000 }, 0],
    ['start to last', { meterStartWh: 1_000_000, meterLastWh: 1_002_500 }, 2500],
    ['a cap above the last reading changes nothing', { meterStartWh: 1_000_000, meterLastWh: 1_002_500, meterCapWh: 1_003_000 }, 2500],
    ['a cap below the last reading bills only up to it', { meterStartWh: 1_000_000, meterLastWh: 1_002_500, meterCapWh: 1_001_000 }, 1000],
    ['a cap below the start bills nothing', { meterStartWh: 1_000_000, meterLastWh: 1_002_500, meterCapWh: 999_000 }, 0],
  ])('%s', (_name, meter, expected) => {
    expect(energyUsedWh(meter as Session)).toBe(expected);
  });
});
