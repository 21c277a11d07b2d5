// Norwegian wall-clock time of a UTC instant. Prices follow the clock on the wall in Norway
// (Europe/Oslo, summer time included), while every instant Ladepay keeps is UTC. The time zone rules
// come from the runtime's ICU data, so this stays a pure function of its argument.

import { OSLO_ZONE, wallParts } from './oslo-calendar.ts';

export { OSLO_ZONE };

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface OsloWallClock {
  readonly weekday: Weekday;
  /** Minutes since local midnight, 0 … 1439. */
  readonly minuteOfDay: number;
  /** The local calendar date as a UTC midnight, in ms: steps from one local day to the next. */
  readonly dateMs: number;
}

export const DAY_MS = 86_400_000;

export function osloWallClock(at: Date): OsloWallClock {
  const w = wallParts(at.getTime());
  const p = { year: Number(w.year), month: Number(w.month), day: Number(w.day), hour: Number(w.hour), minute: Number(w.minute) };
  const dateMs = Date.UTC(p.year, p.month - 1, p.day);
  // 1970-01-01 was a Thursday (ISO weekday 4).
  const weekday = ((((Math.floor(dateMs / DAY_MS) + 3) % 7) + 7) % 7) + 1;
  return { weekday: weekday as Weekday, minuteOfDay: p.hour * 60 + p.minute, dateMs };
}
