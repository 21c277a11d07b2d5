import { describe, expect, it } from 'vitest';
import { aTariff } from '../../../test/support/tariff-builder.ts';
import type { ScheduledTariff, TariffPeriod } from '../../core/tariff-schedule.ts';
import { tariffIdOf } from './tariff-identity.ts';

const base = aTariff({ perKwhOre: 390, startFeeOre: 1000 });
const peak: TariffPeriod = { days: [1, 2, 3, 4, 5], from: '17:00', to: '21:00', prices: { ...base, perKwhOre: 590 } };
const night: TariffPeriod = { days: [6, 7], from: '22:00', to: '06:00', prices: { ...base, perKwhOre: 290 } };
const schedule = (over: Partial<ScheduledTariff> = {}): ScheduledTariff => ({ base, periods: [peak, night], ...over });

describe('a tariff’s id in the feeds', () => {
  it('is the same for the same prices, however they were entered', () => {
    expect(tariffIdOf(schedule())).toBe(tariffIdOf(schedule()));
    expect(tariffIdOf(schedule({ periods: [night, peak] }))).toBe(tariffIdOf(schedule()));
    expect(tariffIdOf({ base: { ...base }, periods: [] })).toBe(tariffIdOf({ base, periods: [] }));
  });

  it('changes with any price, period or the VAT rate', () => {
    const id = tariffIdOf(schedule());
    expect(tariffIdOf(schedule({ base: { ...base, perKwhOre: 391 } }))).not.toBe(id);
    expect(tariffIdOf(schedule({ base: { ...base, vatRateBasisPoints: 0 } }))).not.toBe(id);
    expect(tariffIdOf(schedule({ periods: [{ ...peak, to: '20:00' }, night] }))).not.toBe(id);
    expect(tariffIdOf(schedule({ periods: [{ ...peak, days: [1, 2, 3, 4] }, night] }))).not.toBe(id);
    expect(tariffIdOf(schedule({ periods: [peak, { ...night, prices: { ...night.prices, idleGraceMinutes: 5 } }] }))).not.toBe(id);
    expect(tariffIdOf(schedule({ periods: [peak] }))).not.toBe(id);
  });

  it('fits OCPI’s CiString(36) in printable ASCII', () => {
    expect(tariffIdOf(schedule())).toMatch(/^T[0-9a-f]{32}$/);
  });
});
