import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeReadable, encodeReadable, generateUserPassword, READABLE_ALPHABET } from './readable-secret.ts';

describe('readable secrets', () => {
  it('use 32 symbols with no look-alikes', () => {
    expect(new Set(READABLE_ALPHABET).size).toBe(32);
    for (const c of '01IOlo') expect(READABLE_ALPHABET).not.toContain(c);
  });

  it('encode 20 bytes as 32 symbols and decode them back, for any bytes', () => {
    expect(encodeReadable(Buffer.alloc(20))).toBe('2'.repeat(32));
    expect(encodeReadable(Buffer.alloc(20, 0xff))).toBe('Z'.repeat(32));
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (bytes) => {
        const text = encodeReadable(Buffer.from(bytes));
        expect(text).toMatch(/^[2-9A-HJ-NP-Z]{32}$/);
        expect(decodeReadable(text)).toEqual(Buffer.from(bytes));
      }),
    );
    expect(decodeReadable('0'.repeat(32))).toBeUndefined();
    expect(decodeReadable('2'.repeat(31))).toBeUndefined();
  });

  it('give a user a 120-bit password in groups of four', () => {
    const passwords = new Set(Array.from({ length: 200 }, () => generateUserPassword()));
    expect(passwords.size).toBe(200);
    for (const p of passwords) expect(p).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){5}$/);
    expect(generateUserPassword(() => Buffer.alloc(15))).toBe('2222-2222-2222-2222-2222-2222');
  });
});
