import { describe, expect, it } from 'vitest';
import { aTariff } from '../../test/support/tariff-builder.ts';
import { osloWallClock } from './oslo-clock.ts';
import { nextPriceChange, tariffAt, validatePeriods, type ScheduledTariff } from './tariff-schedule.ts';

const base = aTariff({ perKwhOre: 390 });

function schedule(periods: unknown[]): ScheduledTariff {
  const checked = validatePeriods(base, periods);
  if (!checked.ok) throw new Error(JSON.stringify(checked.error));
  return { base, periods: checked.value };
}

// Weekdays 17:00–21:00 at 5,90 kr/kWh with a 10 kr start fee; Saturday night 22:00–06:00 at 2,90.
const evenings = schedule([
  { days: [1, 2, 3, 4, 5], from: '17:00', to: '21:00', perKwhOre: 590, startFeeOre: 1000 },
  { days: [6], from: '22:00', to: '06:00', perKwhOre: 290 },
]);

describe('the Oslo wall clock', () => {
  it.each([
    ['2026-01-15T15:59:00Z', 4, 16 * 60 + 59], // winter: UTC+1, a Thursday
    ['2026-06-15T15:00:00Z', 1, 17 * 60], // summer: UTC+2, a Monday
    ['2026-06-14T22:30:00Z', 1, 30], // Sunday in UTC, already Monday in Oslo
  ] as const)('%s is weekday %i, minute %i in Oslo', (iso, weekday, minute) => {
    expect(osloWallClock(new Date(iso))).toMatchObject({ weekday, minuteOfDay: minute });
  });
});

describe('tariffAt', () => {
  it.each([
    ['a winter Monday 16:59 Oslo', '2026-01-12T15:59:00Z', 390, 0],
    ['a winter Monday 17:00 Oslo', '2026-01-12T16:00:00Z', 590, 1000],
    ['a summer Monday 17:00 Oslo (UTC 15:00)', '2026-06-15T15:00:00Z', 590, 1000],
    ['a summer Monday 16:00 UTC is 18:00 Oslo', '2026-06-15T16:00:00Z', 590, 1000],
    ['a summer Monday 21:00 Oslo: the end is not in the period', '2026-06-15T19:00:00Z', 390, 0],
    ['Saturday 23:00 Oslo', '2026-06-13T21:00:00Z', 290, 0],
    ['Sunday 05:59 Oslo: the night period runs past midnight', '2026-06-14T03:59:00Z', 290, 0],
    ['Sunday 06:00 Oslo', '2026-06-14T04:00:00Z', 390, 0],
    ['a Saturday afternoon', '2026-06-13T12:00:00Z', 390, 0],
  ] as const)('%s', (_, iso, perKwhOre, startFeeOre) => {
    expect(tariffAt(evenings, new Date(iso))).toMatchObject({ perKwhOre, startFeeOre, vatRateBasisPoints: 2500 });
  });

  it('keeps the base prices a period does not name', () => {
    const withIdle = { base: aTariff({ perKwhOre: 390, idlePerMinuteOre: 100, idleGraceMinutes: 30, idleCapOre: 10_000 }), periods: evenings.periods };
    const p = validatePeriods(withIdle.base, [{ days: [1], from: '00:00', to: '24:00', perKwhOre: 490 }]);
    expect(p.ok && tariffAt({ base: withIdle.base, periods: p.value }, new Date('2026-06-15T10:00:00Z'))).toMatchObject({ perKwhOre: 490, idlePerMinuteOre: 100, idleCapOre: 10_000 });
  });
});

describe('nextPriceChange', () => {
  it.each([
    ['before the evening, winter', '2026-01-12T12:00:00Z', '2026-01-12T16:00:00.000Z', 590],
    ['before the evening, summer', '2026-06-15T12:00:00Z', '2026-06-15T15:00:00.000Z', 590],
    ['in the evening: back to the base at 21:00', '2026-06-15T16:00:00Z', '2026-06-15T19:00:00.000Z', 390],
    ['Friday night: the Saturday night period', '2026-06-19T20:00:00Z', '2026-06-20T20:00:00.000Z', 290],
    ['Saturday night: its end on Sunday 06:00', '2026-06-20T23:00:00Z', '2026-06-21T04:00:00.000Z', 390],
  ] as const)('%s', (_, iso, expected, perKwhOre) => {
    const next = nextPriceChange(evenings, new Date(iso));
    expect(next?.at.toISOString()).toBe(expected);
    expect(next?.tariff.perKwhOre).toBe(perKwhOre);
  });

  it('is undefined for a tariff without periods, and for one period over the whole week', () => {
    expect(nextPriceChange({ base, periods: [] }, new Date('2026-06-15T12:00:00Z'))).toBeUndefined();
    expect(nextPriceChange(schedule([{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00', perKwhOre: 490 }]), new Date('2026-06-15T12:00:00Z'))).toBeUndefined();
  });

  it('skips a boundary between two periods of the same prices', () => {
    const s = schedule([
      { days: [1], from: '08:00', to: '12:00', perKwhOre: 490 },
      { days: [1], from: '12:00', to: '16:00', perKwhOre: 490 },
    ]);
    expect(nextPriceChange(s, new Date('2026-06-15T07:00:00Z'))?.at.toISOString()).toBe('2026-06-15T14:00:00.000Z');
  });

  // Summer time begins Sunday 29 March 2026: 02:00 Oslo becomes 03:00 (01:00 UTC). It ends Sunday
  // 25 October 2026: 03:00 Oslo becomes 02:00 again (01:00 UTC).
  it('follows the clock across the spring change: a boundary in the missing hour takes effect at the jump', () => {
    const s = schedule([{ days: [7], from: '02:30', to: '12:00', perKwhOre: 290 }]);
    const next = nextPriceChange(s, new Date('2026-03-28T23:00:00Z'));
    expect(next?.at.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    const noon = nextPriceChange(s, new Date('2026-03-29T02:00:00Z'));
    expect(noon?.at.toISOString()).toBe('2026-03-29T10:00:00.000Z'); // 12:00 CEST
  });

  it('follows the clock across the autumn change: 17:00 on the Monday after is an hour later in UTC', () => {
    expect(nextPriceChange(evenings, new Date('2026-10-23T12:00:00Z'))?.at.toISOString()).toBe('2026-10-23T15:00:00.000Z'); // Friday, CEST
    expect(nextPriceChange(evenings, new Date('2026-10-26T12:00:00Z'))?.at.toISOString()).toBe('2026-10-26T16:00:00.000Z'); // Monday, CET
  });

  it('a period ending at the repeated 02:30 ends the first time the clock shows it', () => {
    const s = schedule([{ days: [7], from: '00:00', to: '02:30', perKwhOre: 290 }]);
    const next = nextPriceChange(s, new Date('2026-10-24T23:00:00Z')); // 01:00 CEST Sunday
    expect(next?.at.toISOString()).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
  });
});

describe('validatePeriods', () => {
  const codes = (input: unknown) => {
    const r = validatePeriods(base, input);
    return r.ok ? [] : r.error.map((e) => [e.period, e.field, e.code]);
  };

  it('accepts none, and fills a period in from the base', () => {
    expect(validatePeriods(base, undefined)).toEqual({ ok: true, value: [] });
    const r = validatePeriods(aTariff({ perKwhOre: 390, startFeeOre: 500 }), [{ days: [5, 1, 1], from: '06:00', to: '09:00', perKwhOre: 490 }]);
    expect(r.ok && r.value[0]).toMatchObject({ days: [1, 5], prices: { perKwhOre: 490, startFeeOre: 500 } });
  });

  it.each([
    ['not a list', { days: [1] }, [[null, null, 'not_a_list']]],
    ['no days', [{ days: [], from: '06:00', to: '09:00' }], [[0, 'days', 'no_days']]],
    ['a day 8', [{ days: [8], from: '06:00', to: '09:00' }], [[0, 'days', 'bad_day']]],
    ['a time 25:00', [{ days: [1], from: '25:00', to: '09:00' }], [[0, 'from', 'bad_time']]],
    ['24:00 as a start', [{ days: [1], from: '24:00', to: '09:00' }], [[0, 'from', 'bad_time']]],
    ['start and end the same', [{ days: [1], from: '09:00', to: '09:00' }], [[0, 'to', 'empty_period']]],
    ['a misspelt price', [{ days: [1], from: '06:00', to: '09:00', perKWhOre: 1 }], [[0, 'perKWhOre', 'unknown_field']]],
    ['a negative price', [{ days: [1], from: '06:00', to: '09:00', perKwhOre: -1 }], [[0, 'perKwhOre', 'negative']]],
    ['an idle fee without a cap', [{ days: [1], from: '06:00', to: '09:00', idlePerMinuteOre: 100 }], [[0, 'idleCapOre', 'idle_fee_needs_cap']]],
  ] as const)('refuses %s', (_, input, expected) => {
    expect(codes(input)).toEqual(expected);
  });

  it('refuses two periods that meet anywhere in the week, naming where', () => {
    const r = validatePeriods(base, [
      { days: [1, 2, 3, 4, 5], from: '17:00', to: '21:00', perKwhOre: 590 },
      { days: [6], from: '22:00', to: '06:00', perKwhOre: 290 },
      { days: [7], from: '05:00', to: '08:00', perKwhOre: 190 },
      { days: [3], from: '20:00', to: '22:00', perKwhOre: 190 },
    ]);
    expect(r.ok ? [] : r.error).toEqual([
      { period: 2, field: null, code: 'overlap', other: 1, weekday: 7, at: '05:00' },
      { period: 3, field: null, code: 'overlap', other: 0, weekday: 3, at: '20:00' },
    ]);
  });

  it('finds an overlap across the end of the week: Sunday night into Monday morning', () => {
    const r = validatePeriods(base, [
      { days: [7], from: '22:00', to: '07:00', perKwhOre: 290 },
      { days: [1], from: '06:00', to: '09:00', perKwhOre: 490 },
    ]);
    expect(r.ok ? [] : r.error).toEqual([{ period: 1, field: null, code: 'overlap', other: 0, weekday: 1, at: '06:00' }]);
  });

  it('lets periods touch end to start', () => {
    expect(codes([
      { days: [1], from: '06:00', to: '09:00', perKwhOre: 490 },
      { days: [1], from: '09:00', to: '24:00', perKwhOre: 590 },
      { days: [1], from: '00:00', to: '06:00', perKwhOre: 290 },
    ])).toEqual([]);
  });
});
