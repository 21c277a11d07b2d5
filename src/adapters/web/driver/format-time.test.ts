import { describe, expect, it } from 'vitest';
import { formatDateTime, formatElapsed, secondsBetween } from './format-time.ts';

describe('formatElapsed', () => {
  it.each([
    [0, '00:00'],
    [59, '00:59'],
    [61, '01:01'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [3909, '1:05:09'],
    [-5, '00:00'],
  ])('%i s → %s', (seconds, expected) => {
    expect(formatElapsed(seconds)).toBe(expected);
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
