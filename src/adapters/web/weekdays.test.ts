import { describe, expect, it } from 'vitest';
import { parseWeekdays, weekdayRuns } from './weekdays.ts';

const EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

describe('weekdays', () => {
  it.each([
    [[1, 2, 3, 4, 5], 'Mon–Fri'],
    [[6, 7], 'Sat, Sun'],
    [[1, 3, 4, 5, 7], 'Mon, Wed–Fri, Sun'],
    [[2], 'Tue'],
  ])('%j reads %s', (days, text) => expect(weekdayRuns(days, EN)).toBe(text));

  it.each([
    ['Mon-Fri', [1, 2, 3, 4, 5]],
    ['man–fre', [1, 2, 3, 4, 5]],
    ['1-5', [1, 2, 3, 4, 5]],
    ['Sat, Sun', [6, 7]],
    ['lør søn', [6, 7]],
    ['Sat-Mon', [1, 6, 7]],
    ['all', [1, 2, 3, 4, 5, 6, 7]],
    ['Monday', [1]],
  ])('%s is %j', (text, days) => expect(parseWeekdays(text)).toEqual(days));

  it.each(['', 'Mon-', 'Funday', '8', 'Mon-Tue-Wed'])('refuses %j', (text) => expect(parseWeekdays(text)).toBeUndefined());
});
