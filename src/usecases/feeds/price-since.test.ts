import { describe, expect, it } from 'vitest';
import { aTariff } from '../../../test/support/tariff-builder.ts';
import type { ScheduledTariff } from '../../core/tariff-schedule.ts';
import { priceSince } from './price-since.ts';

const base = aTariff({ perKwhOre: 390 });
// Weekdays 17:00–21:00 on Norway's clock; Saturday night into Sunday.
const schedule: ScheduledTariff = {
  base,
  periods: [
    { days: [1, 2, 3, 4, 5], from: '17:00', to: '21:00', prices: { ...base, perKwhOre: 590 } },
    { days: [6], from: '22:00', to: '06:00', prices: { ...base, perKwhOre: 290 } },
  ],
};
const long = '2020-01-01T00:00:00.000Z';

describe('since when the price in force has held', () => {
  it.each([
    // Tuesday 2026-01-13, winter (UTC+1).
    ['2026-01-13T17:30:00.000Z', '2026-01-13T16:00:00.000Z'], // in the peak: since 17:00 Oslo
    ['2026-01-13T15:59:00.000Z', '2026-01-12T20:00:00.000Z'], // 16:59 Oslo, before it: since Monday's peak ended
    ['2026-01-13T20:00:00.000Z', '2026-01-13T20:00:00.000Z'], // the peak ends at this very instant
    // Sunday 2026-01-18 03:00 Oslo: in Saturday's night period, which began Saturday 22:00.
    ['2026-01-18T02:00:00.000Z', '2026-01-17T21:00:00.000Z'],
    // Tuesday 2026-06-16, summer (UTC+2): 17:00 Oslo is 15:00 UTC.
    ['2026-06-16T15:30:00.000Z', '2026-06-16T15:00:00.000Z'],
  ])('at %s: %s', (now, expected) => {
    expect(priceSince(schedule, new Date(now), long)).toBe(expected);
  });

  it('is when the tariff began, if that is later, or if its prices never change', () => {
    expect(priceSince(schedule, new Date('2026-01-13T17:30:00.000Z'), '2026-01-13T16:30:00.000Z')).toBe('2026-01-13T16:30:00.000Z');
    expect(priceSince({ base, periods: [] }, new Date('2026-01-13T17:30:00.000Z'), long)).toBe(long);
  });
});
