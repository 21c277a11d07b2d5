import type { Weekday } from '../oslo-clock.ts';
import { err, ok, type Result } from '../result.ts';

// When a site is open, as OCPI 2.2.1 Hours has it: around the clock, or
// regular periods per weekday in the site's local time. A weekday with no
// period is closed. OCPI: a period_end "must be later than period_begin", so
// a period never runs past midnight (23:59 is the latest end).

export interface RegularHours {
  readonly weekday: Weekday; // 1 = Monday … 7 = Sunday
  readonly periodBegin: string; // "HH:MM"
  readonly periodEnd: string;
}

export type OpeningHours = { readonly twentyFourSeven: true } | { readonly twentyFourSeven: false; readonly regularHours: readonly RegularHours[] };

export const TWENTY_FOUR_SEVEN: OpeningHours = Object.freeze({ twentyFourSeven: true });
export const MOST_PERIODS_A_DAY = 4;

export type HoursErrorCode = 'not_hours' | 'no_periods' | 'too_many_periods' | 'bad_weekday' | 'bad_time' | 'end_not_after_begin' | 'overlap';

export interface HoursError {
  readonly code: HoursErrorCode;
  readonly weekday?: Weekday; // the day whose periods are wrong
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** `{ twentyFourSeven: true }` or `{ twentyFourSeven: false, regularHours: [...] }` → checked hours, periods sorted by day and time. */
export function readOpeningHours(input: unknown): Result<OpeningHours, HoursError> {
  if (typeof input !== 'object' || input === null) return err({ code: 'not_hours' });
  const r = input as Record<string, unknown>;
  if (r.twentyFourSeven === true) return ok(TWENTY_FOUR_SEVEN);
  if (r.twentyFourSeven !== false && r.twentyFourSeven !== undefined) return err({ code: 'not_hours' });
  if (!Array.isArray(r.regularHours)) return err({ code: r.regularHours === undefined ? 'no_periods' : 'not_hours' });
  const periods: RegularHours[] = [];
  for (const raw of r.regularHours as unknown[]) {
    const p = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const weekday = p.weekday;
    if (!Number.isInteger(weekday) || (weekday as number) < 1 || (weekday as number) > 7) return err({ code: 'bad_weekday' });
    const day = weekday as Weekday;
    if (typeof p.periodBegin !== 'string' || typeof p.periodEnd !== 'string' || !TIME.test(p.periodBegin) || !TIME.test(p.periodEnd)) return err({ code: 'bad_time', weekday: day });
    if (p.periodEnd <= p.periodBegin) return err({ code: 'end_not_after_begin', weekday: day });
    periods.push(Object.freeze({ weekday: day, periodBegin: p.periodBegin, periodEnd: p.periodEnd }));
  }
  if (periods.length === 0) return err({ code: 'no_periods' });
  periods.sort((a, b) => a.weekday - b.weekday || a.periodBegin.localeCompare(b.periodBegin));
  for (let i = 1; i < periods.length; i++) {
    const [before, p] = [periods[i - 1] as RegularHours, periods[i] as RegularHours];
    if (before.weekday === p.weekday && p.periodBegin < before.periodEnd) return err({ code: 'overlap', weekday: p.weekday });
  }
  for (const day of new Set(periods.map((p) => p.weekday))) {
    if (periods.filter((p) => p.weekday === day).length > MOST_PERIODS_A_DAY) return err({ code: 'too_many_periods', weekday: day });
  }
  return ok(Object.freeze({ twentyFourSeven: false, regularHours: Object.freeze(periods) }));
}

/**
 * One weekday's periods as an operator types them ("07:00–22:00", several
 * separated by commas, "-" or "–" between the times, "7:00" for "07:00"; empty:
 * closed) → periods of that day; undefined when the text is not that.
 */
export function parseDayText(weekday: Weekday, text: string): RegularHours[] | undefined {
  const parts = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const out: RegularHours[] = [];
  for (const part of parts) {
    const m = /^(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})$/.exec(part);
    if (!m) return undefined;
    out.push({ weekday, periodBegin: `${m[1]?.padStart(2, '0')}:${m[2]}`, periodEnd: `${m[3]?.padStart(2, '0')}:${m[4]}` });
  }
  return out;
}

/** A weekday's periods as parseDayText reads them back ("07:00–22:00, 23:00–23:59"); '' when closed or open around the clock. */
export function dayText(hours: OpeningHours | null, weekday: Weekday): string {
  if (!hours || hours.twentyFourSeven) return '';
  return hours.regularHours
    .filter((p) => p.weekday === weekday)
    .map((p) => `${p.periodBegin}–${p.periodEnd}`)
    .join(', ');
}
