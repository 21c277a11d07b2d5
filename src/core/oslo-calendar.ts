// Norwegian calendar days and months as UTC instants. Ladepay keeps time in
// UTC; the operator's books count days and months in Europe/Oslo, where a day
// is 23 or 25 hours long when daylight saving starts or ends.
// Intl with a fixed zone is deterministic: no clock, no I/O.

export const OSLO_ZONE = 'Europe/Oslo';

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: OSLO_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

type Part = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

// Oslo's wall clock at an instant, as its parts ("2026", "03", "29", "03" …).
export function wallParts(ms: number): Record<Part, string> {
  const out: Record<string, string> = {};
  for (const p of PARTS.formatToParts(new Date(ms))) out[p.type] = p.value;
  return out as Record<Part, string>;
}

// How far Oslo's wall clock is ahead of UTC at that instant, in whole minutes.
export function osloOffsetMinutes(ms: number): number {
  const p = wallParts(ms);
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

// The Oslo calendar date of an instant: "2026-11-26".
export function osloDateOf(ms: number): string {
  const p = wallParts(ms);
  return `${p.year}-${p.month}-${p.day}`;
}

// "2026-03-29T03:00:00+02:00": ISO 8601 in Oslo's wall time with its offset,
// which Excel and every ISO parser read back as the same instant.
export function osloIsoWithOffset(ms: number): string {
  const p = wallParts(ms);
  const offset = osloOffsetMinutes(ms);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${sign}${hh}:${mm}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// A real calendar date "YYYY-MM-DD", or undefined.
export function readDate(text: string): { y: number; m: number; d: number } | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (y < 2000 || y > 2999 || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
  return { y, m, d };
}

// The instant Oslo's day `date` begins (midnight there). Twice: the offset at
// the guess may differ from the one at the answer around a change of offset.
export function osloMidnight(date: string): number {
  const parsed = readDate(date);
  if (!parsed) throw new RangeError(`not a date: ${date}`);
  const wall = Date.UTC(parsed.y, parsed.m - 1, parsed.d);
  let at = wall - osloOffsetMinutes(wall) * 60_000;
  at = wall - osloOffsetMinutes(at) * 60_000;
  return at;
}

// Calendar arithmetic on dates, with no zone: "2026-02-28" + 1 → "2026-03-01".
export function addDays(date: string, days: number): string {
  const parsed = readDate(date);
  if (!parsed) throw new RangeError(`not a date: ${date}`);
  return new Date(Date.UTC(parsed.y, parsed.m - 1, parsed.d + days)).toISOString().slice(0, 10);
}

// The first day of the month after the date's: "2026-12-15" → "2027-01-01".
export function firstOfNextMonth(date: string): string {
  const parsed = readDate(date);
  if (!parsed) throw new RangeError(`not a date: ${date}`);
  return new Date(Date.UTC(parsed.y, parsed.m, 1)).toISOString().slice(0, 10);
}
