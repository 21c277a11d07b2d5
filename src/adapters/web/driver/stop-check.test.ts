import { describe, expect, it } from 'vitest';
import { isSameOriginPost } from './same-origin.ts';
import { isValidStopCheck, stopCheckValue } from './stop-check.ts';

const key = Buffer.from('k'.repeat(32));

describe('stop check value', () => {
  it('is accepted for its own token and key only', () => {
    const value = stopCheckValue(key, 'tok_aaaaaaaaaaaa');
    expect(isValidStopCheck(key, 'tok_aaaaaaaaaaaa', value)).toBe(true);
    expect(isValidStopCheck(key, 'tok_bbbbbbbbbbbb', value)).toBe(false);
    expect(isValidStopCheck(Buffer.from('x'.repeat(32)), 'tok_aaaaaaaaaaaa', value)).toBe(false);
  });

  it('refuses a missing, truncated or non-string value', () => {
    const value = stopCheckValue(key, 'tok_aaaaaaaaaaaa');
    for (const bad of [undefined, '', value.slice(0, -1), `${value}x`, ['x'], 42]) {
      expect(isValidStopCheck(key, 'tok_aaaaaaaaaaaa', bad)).toBe(false);
    }
  });
});

describe('isSameOriginPost', () => {
  const allowed = ['https://lade.example.no'];
  it.each([
    [{ origin: 'https://lade.example.no' }, true],
    [{ origin: 'https://evil.example' }, false],
    [{ origin: 'null' }, false],
    [{ origin: 'https://lade.example.no', referer: 'https://evil.example/x' }, true],
    [{ referer: 'https://lade.example.no/s/tok' }, true],
    [{ referer: 'https://lade.example.no.evil.example/s/tok' }, false],
    [{ referer: 'not a url' }, false],
    [{}, true],
  ])('%j → %s', (headers, expected) => {
    expect(isSameOriginPost(headers, allowed)).toBe(expected);
  });
});
