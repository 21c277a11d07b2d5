import { describe, expect, it } from 'vitest';
import { energyUsedWh, type Session } from './session.ts';

const meters = (m: Pick<Session, 'meterStartWh' | 'meterLastWh' | 'meterCapWh'>) => m as Session;

describe('energy used', () => {
  it.each([
    ['no start', { meterStartWh: undefined, meterLastWh: 5_000 }, 0],
    ['start to last', { meterStartWh: 1_000, meterLastWh: 5_000 }, 4_000],
    ['a cap below the last reading bills to the cap', { meterStartWh: 1_000, meterLastWh: 5_000, meterCapWh: 3_000 }, 2_000],
    ['a cap above the last reading changes nothing', { meterStartWh: 1_000, meterLastWh: 5_000, meterCapWh: 9_000 }, 4_000],
    ['a cap below the start bills nothing', { meterStartWh: 1_000, meterLastWh: 5_000, meterCapWh: 500 }, 0],
  ])('%s', (_name, m, wh) => {
    expect(energyUsedWh(meters(m))).toBe(wh);
  });
});
