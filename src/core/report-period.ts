import { addDays, firstOfNextMonth, osloMidnight, readDate } from './oslo-calendar.ts';
import { err, ok, type Result } from './result.ts';

// The period a report covers and the days or months it is cut into, all in
// Europe/Oslo (oslo-calendar.ts): a day runs from midnight to midnight there.

export const REPORT_GROUPS = ['day', 'month'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];
export const REPORT_BYS = ['site', 'station'] as const;
export type ReportBy = (typeof REPORT_BYS)[number];

export interface ReportBucket {
  label: string; // "2026-03-29" for a day, "2026-03" for a month
  startMs: number; // UTC, inclusive
  endMs: number; // UTC, exclusive
}

export interface ReportPeriod {
  from: string; // first Oslo day, inclusive
  to: string; // last Oslo day, inclusive
  group: ReportGroup;
  startMs: number;
  endMs: number;
  buckets: ReportBucket[];
}

// A year of days or ten years of months: what a page and a spreadsheet hold.
export const MAX_DAYS = 366;
export const MAX_MONTHS = 120;

// "2026-03-29" as it is; "2026-03" as its first day (from) or last day (to).
function dayOf(text: string, end: 'from' | 'to'): string | undefined {
  if (/^\d{4}-\d{2}$/.test(text)) {
    const first = `${text}-01`;
    if (!readDate(first)) return undefined;
    return end === 'from' ? first : addDays(firstOfNextMonth(first), -1);
  }
  return readDate(text) ? text : undefined;
}

export function isReportGroup(v: string): v is ReportGroup {
  return (REPORT_GROUPS as readonly string[]).includes(v);
}

export function isReportBy(v: string): v is ReportBy {
  return (REPORT_BYS as readonly string[]).includes(v);
}

// From and to are Oslo dates (YYYY-MM-DD) or months (YYYY-MM), both included.
export function reportPeriod(fromText: string, toText: string, group: ReportGroup): Result<ReportPeriod, string> {
  const from = dayOf(fromText.trim(), 'from');
  const to = dayOf(toText.trim(), 'to');
  if (!from) return err('"from" must be a date (YYYY-MM-DD) or a month (YYYY-MM).');
  if (!to) return err('"to" must be a date (YYYY-MM-DD) or a month (YYYY-MM).');
  if (to < from) return err('"to" must not be before "from".');
  const last = addDays(to, 1);
  const buckets: ReportBucket[] = [];
  let day = from;
  while (day < last) {
    const next = group === 'day' ? addDays(day, 1) : firstOfNextMonth(day);
    const end = next < last ? next : last;
    buckets.push({ label: group === 'day' ? day : day.slice(0, 7), startMs: osloMidnight(day), endMs: osloMidnight(end) });
    if (buckets.length > (group === 'day' ? MAX_DAYS : MAX_MONTHS)) {
      return err(group === 'day' ? `At most ${MAX_DAYS} days by day; group by month for longer.` : `At most ${MAX_MONTHS} months.`);
    }
    day = end;
  }
  return ok({ from, to, group, startMs: osloMidnight(from), endMs: osloMidnight(last), buckets });
}
