import { describe, expect, it } from 'vitest';
import { err, ok } from './result.ts';
import type { Result } from './result.ts';

function half(n: number): Result<number, 'odd'> {
  return n % 2 === 0 ? ok(n / 2) : err('odd');
}

describe('Result', () => {
  it('carries a value when ok', () => {
    const result = half(4);
    expect(result).toEqual({ ok: true, value: 2 });
  });

  it('carries an error when not ok', () => {
    const result = half(3);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBe('odd');
  });
});
