import { describe, expect, it } from 'vitest';
import { dayText, parseDayText, readOpeningHours, TWENTY_FOUR_SEVEN } from './opening-hours.ts';

const weekdays = (begin: string, end: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, periodBegin: begin, periodEnd: end }));

describe('opening hours', () => {
  it('are around the clock, or regular periods sorted by day and time', () => {
    expect(readOpeningHours({ twentyFourSeven: true })).toEqual({ ok: true, value: TWENTY_FOUR_SEVEN });
    const r = readOpeningHours({
      twentyFourSeven: false,
      regularHours: [{ weekday: 6, periodBegin: '10:00', periodEnd: '16:00' }, ...weekdays('07:00', '22:00').reverse(), { weekday: 1, periodBegin: '22:30', periodEnd: '23:59' }],
    });
    expect(r.ok && !r.value.twentyFourSeven && r.value.regularHours.map((p) => `${p.weekday} ${p.periodBegin}-${p.periodEnd}`)).toEqual([
      '1 07:00-22:00',
      '1 22:30-23:59',
      '2 07:00-22:00',
      '3 07:00-22:00',
      '4 07:00-22:00',
      '5 07:00-22:00',
      '6 10:00-16:00',
    ]);
  });

  it.each([
    ['not an object', 'open', 'not_hours'],
    ['twentyFourSeven not a flag', { twentyFourSeven: 'yes' }, 'not_hours'],
    ['no periods and not around the clock', { twentyFourSeven: false, regularHours: [] }, 'no_periods'],
    ['neither', {}, 'no_periods'],
    ['weekday 0', { regularHours: [{ weekday: 0, periodBegin: '07:00', periodEnd: '08:00' }] }, 'bad_weekday'],
    ['weekday 8', { regularHours: [{ weekday: 8, periodBegin: '07:00', periodEnd: '08:00' }] }, 'bad_weekday'],
    ['a time without its leading zero', { regularHours: [{ weekday: 1, periodBegin: '7:00', periodEnd: '08:00' }] }, 'bad_time'],
    ['24:00', { regularHours: [{ weekday: 1, periodBegin: '07:00', periodEnd: '24:00' }] }, 'bad_time'],
    ['an end before the begin (OCPI: later than period_begin)', { regularHours: [{ weekday: 1, periodBegin: '22:00', periodEnd: '06:00' }] }, 'end_not_after_begin'],
    ['a period of no length', { regularHours: [{ weekday: 1, periodBegin: '08:00', periodEnd: '08:00' }] }, 'end_not_after_begin'],
    [
      'two periods of a day that overlap',
      { regularHours: [{ weekday: 2, periodBegin: '07:00', periodEnd: '12:00' }, { weekday: 2, periodBegin: '11:00', periodEnd: '13:00' }] },
      'overlap',
    ],
    ['five periods in a day', { regularHours: ['00', '02', '04', '06', '08'].map((h) => ({ weekday: 3, periodBegin: `${h}:00`, periodEnd: `${h}:30` })) }, 'too_many_periods'],
  ])('refuse %s', (_what, input, code) => {
    const r = readOpeningHours(input);
    expect(r.ok ? undefined : r.error.code).toBe(code);
  });

  it('let one period end where the next begins', () => {
    expect(readOpeningHours({ regularHours: [{ weekday: 1, periodBegin: '07:00', periodEnd: '12:00' }, { weekday: 1, periodBegin: '12:00', periodEnd: '13:00' }] }).ok).toBe(true);
  });
});

describe("a day's periods as typed", () => {
  it.each([
    ['07:00–22:00', [['07:00', '22:00']]],
    ['7:00-22:00', [['07:00', '22:00']]],
    ['07:00 — 11:30, 12:00-23:59', [['07:00', '11:30'], ['12:00', '23:59']]],
    ['', []],
    [' , ', []],
  ])('%j', (text, periods) => {
    expect(parseDayText(4, text)).toEqual(periods.map(([periodBegin, periodEnd]) => ({ weekday: 4, periodBegin, periodEnd })));
  });

  it.each(['07-22', 'closed', '07:00 to 22:00', '07:00–'])('refuse %j', (text) => expect(parseDayText(1, text)).toBeUndefined());

  it('read back as typed', () => {
    const r = readOpeningHours({ regularHours: [{ weekday: 1, periodBegin: '07:00', periodEnd: '11:30' }, { weekday: 1, periodBegin: '12:00', periodEnd: '23:59' }] });
    if (!r.ok) throw new Error('refused');
    expect(dayText(r.value, 1)).toBe('07:00–11:30, 12:00–23:59');
    expect(dayText(r.value, 2)).toBe('');
    expect(dayText(TWENTY_FOUR_SEVEN, 1)).toBe('');
  });
});
