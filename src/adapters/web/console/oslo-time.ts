// The console shows and reads times in Norwegian time; the database holds UTC.
// Every time shown names its zone: CET in winter, CEST in summer (Europe/Oslo),
// so no one reads it as UTC or as their own laptop's time.

import { osloDateOf, osloOffsetMinutes, wallParts } from '../../../core/oslo-calendar.ts';

// Oslo's wall clock comes from the core's calendar (core/oslo-calendar.ts).
const osloParts = (at: Date) => wallParts(at.getTime());

// Oslo is one hour ahead of UTC in winter (CET), two in summer (CEST).
function zoneName(at: Date): 'CET' | 'CEST' {
  return offsetMs(at) >= 2 * 3_600_000 ? 'CEST' : 'CET';
}

function parsed(iso: string | undefined | null): Date | undefined {
  if (!iso) return undefined;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

// How far Oslo's wall clock is ahead of UTC at that instant, in ms.
function offsetMs(at: Date): number {
  return osloOffsetMinutes(at.getTime()) * 60_000;
}

// "2026-11-26 11:00:05 CET"
export function formatOslo(iso: string | undefined | null): string {
  const at = parsed(iso);
  if (!at) return '–';
  const p = osloParts(at);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${zoneName(at)}`;
}

// "11:00:05 CET": a time of day beside a full one on the same page (a timeline's run of meter values).
export function formatOsloClock(iso: string | undefined | null): string {
  const at = parsed(iso);
  if (!at) return '–';
  const p = osloParts(at);
  return `${p.hour}:${p.minute}:${p.second} ${zoneName(at)}`;
}

// The Oslo calendar date of an instant: "2026-11-26".
export function osloDate(iso: string): string {
  return osloDateOf(new Date(iso).getTime());
}

// "2026-11-26T11:00" or "2026-11-26" (midnight), read as Oslo time → the UTC
// instant; undefined when it is not such a string or not a real date.
export function osloLocalToUtc(input: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(input.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  // Twice: the offset at the guess may differ from the offset at the answer
  // around a daylight-saving change.
  let at = new Date(wall - offsetMs(new Date(wall)));
  at = new Date(wall - offsetMs(at));
  return at;
}

// The day after an Oslo date, for an inclusive "to" date: "2026-11-26" → start of the 27th.
export function osloDayEndUtc(date: string): Date | undefined {
  const start = osloLocalToUtc(date);
  if (!start) return undefined;
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return osloLocalToUtc(next.toISOString().slice(0, 10));
}
