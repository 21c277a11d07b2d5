// Norwegian wall-clock time of a UTC instant. Prices follow the clock on the wall in Norway
// (Europe/Oslo, summer time included), while every instant Ladepay keeps is UTC. The time zone rules
// come from the runtime's ICU data, so this stays a pure function of its argument.

export const OSLO_ZONE = 'Europe/Oslo';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface OsloWallClock {
  readonly weekday: Weekday;
  /** Minutes since local midnight, 0 … 1439. */
  readonly minuteOfDay: number;
  /** The local calendar date as a UTC midnight, in ms: steps from one local day to the next. */
  readonly dateMs: number;
}

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: OSLO_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

export const DAY_MS = 86_400_000;

export function osloWallClock(at: Date): OsloWallClock {
  const p: Record<string, number> = {};
  for (const part of PARTS.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const dateMs = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1);
  // 1970-01-01 was a Thursday (ISO weekday 4).
  const weekday = ((((Math.floor(dateMs / DAY_MS) + 3) % 7) + 7) % 7) + 1;
  return { weekday: weekday as Weekday, minuteOfDay: (p.hour ?? 0) * 60 + (p.minute ?? 0), dateMs };
}
