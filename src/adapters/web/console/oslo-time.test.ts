import { describe, expect, it } from 'vitest';
import { formatOslo, formatOsloClock, osloDate, osloDayEndUtc, osloLocalToUtc } from './oslo-time.ts';

describe('Oslo time', () => {
  it('reads local times in winter and summer', () => {
    expect(osloLocalToUtc('2026-01-15T12:00')?.toISOString()).toBe('2026-01-15T11:00:00.000Z');
    expect(osloLocalToUtc('2026-07-15T12:00')?.toISOString()).toBe('2026-07-15T10:00:00.000Z');
    expect(osloLocalToUtc('2026-07-15')?.toISOString()).toBe('2026-07-14T22:00:00.000Z');
  });

  it('refuses what is not a date', () => {
    expect(osloLocalToUtc('2026-02-30')).toBeUndefined();
    expect(osloLocalToUtc('2026-01-01T25:00')).toBeUndefined();
    expect(osloLocalToUtc('yesterday')).toBeUndefined();
  });

  it('names the zone on each side of a daylight-saving change', () => {
    // 2026-03-29 01:00 UTC: clocks in Oslo jump from 02:00 CET to 03:00 CEST.
    expect(formatOslo('2026-03-29T00:59:59.000Z')).toBe('2026-03-29 01:59:59 CET');
    expect(formatOslo('2026-03-29T01:00:00.000Z')).toBe('2026-03-29 03:00:00 CEST');
    // 2026-10-25 01:00 UTC: back from 03:00 CEST to 02:00 CET; 02:30 happens twice, told apart by the zone.
    expect(formatOslo('2026-10-25T00:30:00.000Z')).toBe('2026-10-25 02:30:00 CEST');
    expect(formatOslo('2026-10-25T01:30:00.000Z')).toBe('2026-10-25 02:30:00 CET');
  });

  it('ends a day at the next midnight, across a daylight-saving change', () => {
    expect(osloDayEndUtc('2026-03-28')?.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(osloDayEndUtc('2026-03-29')?.toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('shows instants on the Oslo clock', () => {
    expect(formatOslo('2026-11-26T10:00:05.000Z')).toBe('2026-11-26 11:00:05 CET');
    expect(formatOslo('2026-07-15T10:00:05.000Z')).toBe('2026-07-15 12:00:05 CEST');
    expect(formatOsloClock('2026-11-26T23:30:00.000Z')).toBe('00:30:00 CET');
    expect(osloDate('2026-11-26T23:30:00.000Z')).toBe('2026-11-27');
    expect(formatOslo(undefined)).toBe('–');
  });
});
