import { describe, expect, it } from 'vitest';
import { formatOslo, osloDate, osloDayEndUtc, osloLocalToUtc } from './oslo-time.ts';

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

  it('ends a day at the next midnight, across a daylight-saving change', () => {
    expect(osloDayEndUtc('2026-03-28')?.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(osloDayEndUtc('2026-03-29')?.toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('shows instants on the Oslo clock', () => {
    expect(formatOslo('2026-11-26T10:00:05.000Z')).toBe('2026-11-26 11:00:05');
    expect(osloDate('2026-11-26T23:30:00.000Z')).toBe('2026-11-27');
    expect(formatOslo(undefined)).toBe('–');
  });
});
