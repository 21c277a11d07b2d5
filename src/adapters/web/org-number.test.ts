import { describe, expect, it } from 'vitest';
import { formatOrgNumber } from './org-number.ts';

describe('formatOrgNumber', () => {
  it.each([
    ['912345678', '912 345 678 MVA'],
    ['912 345 678', '912 345 678 MVA'],
    [' NO 912345678 ', '912 345 678 MVA'],
    ['12345', '12345 MVA'],
  ])('%j → %j', (input, expected) => {
    expect(formatOrgNumber(input)).toBe(expected);
  });
});
