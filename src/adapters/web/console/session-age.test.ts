import { describe, expect, it } from 'vitest';
import { ageText } from './session-age.ts';

describe('the age of a session in the live view', () => {
  const from = '2026-11-26T10:00:00.000Z';
  it.each([
    [0, '0 s'],
    [45_900, '45 s'],
    [125_000, '2 min 05 s'],
    [3_599_999, '59 min 59 s'],
    [3_780_000, '1 h 03 min'],
    [-5_000, '0 s'],
  ])('%i ms after it began reads %s', (ms, text) => {
    expect(ageText(from, new Date(Date.parse(from) + ms))).toBe(text);
  });
});
