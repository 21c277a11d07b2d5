import { describe, expect, it } from 'vitest';
import { formatDateTime, formatElapsed, secondsBetween } from './format-time.ts';

describe('formatElapsed', () => {
  it.each([
    [0, '0 min 00 s'],
    [59, '0 min 59 s'],
    [61, '1 min 01 s'],
    [1200, '20 min 00 s'],
    [3599, '59 min 59 s'],
    [3600, '1 t 00 min'],
    [3909, '1 t 05 min'],
    [-5, '0 min 00 s'],
  ])('%i s → %s', (seconds, expected) => {
    expect(formatElapsed(seconds, 't').replace(/\u00a0/g, ' ')).toBe(expected);
  });

  it('names the hour in the language of the page', () => {
    expect(formatElapsed(3909, 'h').replace(/\u00a0/g, ' ')).toBe('1 h 05 min');
  });
});

describe('formatDateTime', () => {
  it('shows Oslo time: UTC+1 in winter, UTC+2 in summer', () => {
    expect(formatDateTime('2026-11-26T10:40:00.000Z', 'en')).toBe('26 Nov 2026, 11:40');
    expect(formatDateTime('2026-07-01T10:40:00.000Z', 'en')).toBe('1 Jul 2026, 12:40');
    expect(formatDateTime('2026-11-26T10:40:00.000Z', 'nb')).toBe('26. nov. 2026, 11:40');
  });
});

describe('secondsBetween', () => {
  it('counts whole seconds and never goes below zero', () => {
    expect(secondsBetween('2026-11-26T10:00:00.000Z', '2026-11-26T10:01:30.900Z')).toBe(90);
    expect(secondsBetween('2026-11-26T10:01:00.000Z', '2026-11-26T10:00:00.000Z')).toBe(0);
  });
});
