import { DAY_MS, osloWallClock } from './oslo-clock.ts';
import type { Weekday } from './oslo-clock.ts';
import { err, ok } from './result.ts';
import type { Result } from './result.ts';
import { checkTariff, TARIFF_LIMITS } from './tariff.ts';
import type { Tariff, TariffErrorCode } from './tariff.ts';

/** What a period may price differently from the base: every component but the currency and VAT. */
export type PeriodPrices = Omit<Tariff, 'currency' | 'vatRateBasisPoints'>;

/**
 * A time of the week with its own prices: on each of `days`, from `from` until `to` on Norway's wall
 * clock ("HH:MM"; `to` may be "24:00"). A `to` at or before `from` runs past midnight into the next
 * day ("22:00"–"06:00" on Friday ends Saturday 06:00).
 */
export interface TariffPeriod {
  readonly days: readonly Weekday[];
  readonly from: string;
  readonly to: string;
  readonly prices: PeriodPrices;
}

/** A tariff with a schedule: the base prices apply whenever no period does. */
export interface ScheduledTariff {
  readonly base: Tariff;
  readonly periods: readonly TariffPeriod[];
}

export const MOST_PERIODS = 20;
const WEEK_MINUTES = 7 * 1440;
const PRICE_FIELDS = Object.keys(TARIFF_LIMITS).filter((f) => f !== 'vatRateBasisPoints') as Array<keyof PeriodPrices>;

export type PeriodErrorCode =
  | 'not_a_list'
  | 'too_many'
  | 'not_an_object'
  | 'unknown_field'
  | 'no_days'
  | 'bad_day'
  | 'bad_time'
  | 'empty_period'
  | 'overlap'
  | TariffErrorCode;

export interface PeriodError {
  /** The period's index in the list; null when the list as a whole is wrong. */
  readonly period: number | null;
  readonly field: string | null;
  readonly code: PeriodErrorCode;
  readonly limit?: number;
  /** overlap: the other period, and where on the week they first meet. */
  readonly other?: number;
  readonly weekday?: Weekday;
  readonly at?: string;
}

/**
 * Periods as given (`{ days, from, to, perKwhOre, … }`, a price left out is the base's) → checked
 * periods, each with its full set of prices. Refused: unknown fields, a day outside 1–7, a time not
 * "HH:MM", a period of no length, prices the base tariff would refuse, and two periods that overlap
 * anywhere in the week (which would make the price at that time ambiguous).
 */
export function validatePeriods(base: Tariff, input: unknown): Result<TariffPeriod[], PeriodError[]> {
  if (input === undefined || input === null) return ok([]);
  if (!Array.isArray(input)) return err([{ period: null, field: null, code: 'not_a_list' }]);
  if (input.length > MOST_PERIODS) return err([{ period: null, field: null, code: 'too_many', limit: MOST_PERIODS }]);
  const errors: PeriodError[] = [];
  const periods: TariffPeriod[] = [];
  input.forEach((raw: unknown, i) => {
    const read = readPeriod(base, raw, i);
    if (read.ok) periods.push(read.value);
    else errors.push(...read.error);
  });
  if (errors.length > 0) return err(errors);
  errors.push(...overlaps(periods));
  return errors.length > 0 ? err(errors) : ok(periods);
}

function readPeriod(base: Tariff, raw: unknown, i: number): Result<TariffPeriod, PeriodError[]> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return err([{ period: i, field: null, code: 'not_an_object' }]);
  const r = raw as Record<string, unknown>;
  const known = ['days', 'from', 'to', ...PRICE_FIELDS] as string[];
  const errors: PeriodError[] = Object.keys(r)
    .filter((k) => !known.includes(k))
    .map((field) => ({ period: i, field, code: 'unknown_field' as const }));
  const days = Array.isArray(r.days) ? [...new Set(r.days as unknown[])] : [];
  if (days.length === 0) errors.push({ period: i, field: 'days', code: 'no_days' });
  else if (!days.every((d) => Number.isInteger(d) && (d as number) >= 1 && (d as number) <= 7)) errors.push({ period: i, field: 'days', code: 'bad_day' });
  const from = minutesOf(r.from, false);
  const to = minutesOf(r.to, true);
  if (from === undefined) errors.push({ period: i, field: 'from', code: 'bad_time' });
  if (to === undefined) errors.push({ period: i, field: 'to', code: 'bad_time' });
  // "00:00"–"24:00" is the whole day; any other start and end on the same minute is no time at all.
  if (from !== undefined && to !== undefined && to % 1440 === from && !(from === 0 && to === 1440)) {
    errors.push({ period: i, field: 'to', code: 'empty_period' });
  }
  const prices = {} as Record<keyof PeriodPrices, unknown>;
  for (const f of PRICE_FIELDS) prices[f] = r[f] ?? base[f];
  for (const e of checkTariff({ ...base, ...prices })) errors.push({ period: i, field: e.field, code: e.code, ...(e.limit !== undefined ? { limit: e.limit } : {}) });
  if (errors.length > 0) return err(errors);
  return ok(
    Object.freeze({
      days: Object.freeze((days as Weekday[]).sort((a, b) => a - b)),
      from: r.from as string,
      to: r.to as string,
      prices: Object.freeze(prices as PeriodPrices),
    }),
  );
}

/** "HH:MM" → minutes since midnight; "24:00" only where it may end a day. */
function minutesOf(value: unknown, mayBeMidnightEnd: boolean): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (value === '24:00') return mayBeMidnightEnd ? 1440 : undefined;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** The period's stretches of the week as [start, end) in minutes from Monday 00:00, split at the week's end. */
function weekStretches(p: Pick<TariffPeriod, 'days' | 'from' | 'to'>): Array<[number, number]> {
  const from = minutesOf(p.from, false) ?? 0;
  const to = minutesOf(p.to, true) ?? 0;
  const length = to > from ? to - from : to + 1440 - from;
  const out: Array<[number, number]> = [];
  for (const day of p.days) {
    const start = (day - 1) * 1440 + from;
    const end = start + length;
    if (end <= WEEK_MINUTES) out.push([start, end]);
    else out.push([start, WEEK_MINUTES], [0, end - WEEK_MINUTES]);
  }
  return out;
}

function overlaps(periods: readonly TariffPeriod[]): PeriodError[] {
  const errors: PeriodError[] = [];
  const stretches = periods.map(weekStretches);
  for (let j = 1; j < periods.length; j++) {
    for (let i = 0; i < j; i++) {
      const meet = firstMeeting(stretches[i] ?? [], stretches[j] ?? []);
      if (meet !== undefined) {
        const hhmm = `${String(Math.floor((meet % 1440) / 60)).padStart(2, '0')}:${String(meet % 60).padStart(2, '0')}`;
        errors.push({ period: j, field: null, code: 'overlap', other: i, weekday: (Math.floor(meet / 1440) + 1) as Weekday, at: hhmm });
        break;
      }
    }
  }
  return errors;
}

function firstMeeting(a: ReadonlyArray<[number, number]>, b: ReadonlyArray<[number, number]>): number | undefined {
  let first: number | undefined;
  for (const [s1, e1] of a) {
    for (const [s2, e2] of b) {
      const start = Math.max(s1, s2);
      if (start < Math.min(e1, e2) && (first === undefined || start < first)) first = start;
    }
  }
  return first;
}

/** The period in effect at an instant, by Norway's wall clock then; undefined: the base applies. */
export function periodAt(s: ScheduledTariff, at: Date): TariffPeriod | undefined {
  if (s.periods.length === 0) return undefined;
  const wall = osloWallClock(at);
  const minute = (wall.weekday - 1) * 1440 + wall.minuteOfDay;
  return s.periods.find((p) => weekStretches(p).some(([start, end]) => minute >= start && minute < end));
}

/** The prices in effect at an instant: a period's, or the base's outside every period. */
export function tariffAt(s: ScheduledTariff, at: Date): Tariff {
  const period = periodAt(s, at);
  return period ? Object.freeze({ ...s.base, ...period.prices }) : s.base;
}

export function samePrices(a: Tariff, b: Tariff): boolean {
  return (Object.keys(TARIFF_LIMITS) as Array<keyof Tariff>).every((f) => a[f] === b[f]) && a.currency === b.currency;
}

/**
 * When the prices next change after `at`, and to what; undefined when they stay the same for the
 * coming `horizonDays` (no schedule, or periods of the same prices end to end).
 *
 * The prices can only change where Norway's wall clock reaches a period's start or end, or jumps.
 * Each such wall time is an instant one or two hours earlier in UTC, and EU summer time begins and
 * ends at 01:00 UTC (Directive 2000/84/EC, art. 2 and 3): those instants are tried in order, and the
 * first whose prices differ is the change. A boundary in the spring's missing hour takes effect when
 * the clock jumps over it.
 */
export function nextPriceChange(s: ScheduledTariff, at: Date, horizonDays = 8): { at: Date; tariff: Tariff } | undefined {
  if (s.periods.length === 0) return undefined;
  const now = tariffAt(s, at);
  const boundaries = new Set<number>();
  for (const p of s.periods) for (const t of [p.from, p.to]) boundaries.add((minutesOf(t, true) ?? 0) % 1440);
  const today = osloWallClock(at).dateMs;
  const candidates: number[] = [];
  for (let d = 0; d <= horizonDays; d++) {
    const dateMs = today + d * DAY_MS;
    candidates.push(dateMs + 3_600_000);
    for (const minute of boundaries) for (const hours of [1, 2]) candidates.push(dateMs + minute * 60_000 - hours * 3_600_000);
  }
  const after = [...new Set(candidates)].filter((c) => c > at.getTime()).sort((a, b) => a - b);
  for (const c of after) {
    const then = tariffAt(s, new Date(c));
    if (!samePrices(then, now)) return { at: new Date(c), tariff: then };
  }
  return undefined;
}
