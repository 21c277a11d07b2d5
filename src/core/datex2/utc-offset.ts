// DATEX FacilityLocation.timeZone is a UTC offset ("+01:00"), not a zone
// name. The profile does not say what to write in summer; a table that
// changed twice a year with no change of its own would be noise, so a site's
// offset is its zone's standard time: the lesser offset of January and July.

function offsetMinutes(zone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

// Formatting a time in a zone costs a new Intl.DateTimeFormat, and a table
// asks for every site and every station: each zone's answer for a year is kept
// (a handful of zones, one year at a time).
const known = new Map<string, string>();

export function standardUtcOffset(zone: string, year: number): string {
  const key = `${zone} ${year}`;
  const held = known.get(key);
  if (held !== undefined) return held;
  const offset = computeOffset(zone, year);
  if (known.size > 1000) known.clear();
  known.set(key, offset);
  return offset;
}

function computeOffset(zone: string, year: number): string {
  const minutes = Math.min(offsetMinutes(zone, new Date(Date.UTC(year, 0, 1))), offsetMinutes(zone, new Date(Date.UTC(year, 6, 1))));
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
