import { describe, expect, it } from 'vitest';
import { generateSecret, hashPassword, verifyPassword } from './password-hash.ts';
import { hashStationSecret } from './station-secret.ts';

describe('station secrets', () => {
  it('keeps a long generated secret as a salted HMAC that verifies fast', async () => {
    const secret = generateSecret();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const stored = await hashStationSecret(secret);
    expect(stored).toMatch(/^hmac-sha256\$/);
    expect(stored).not.toContain(secret);
    expect(await verifyPassword(secret, stored)).toBe(true);
    expect(await verifyPassword(`${secret}x`, stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
    // The salt makes two hashes of one secret differ.
    expect(await hashStationSecret(secret)).not.toBe(stored);
  });

  it('gives a short, hand-picked password scrypt', async () => {
    const stored = await hashStationSecret('kort-pass');
    expect(stored).toMatch(/^scrypt\$/);
    expect(await verifyPassword('kort-pass', stored)).toBe(true);
  });

  it('still verifies station passwords stored with scrypt, and refuses garbage', async () => {
    expect(await verifyPassword('a-long-station-secret', await hashPassword('a-long-station-secret'))).toBe(true);
    expect(await verifyPassword('x', 'hmac-sha256$bad')).toBe(false);
    expect(await verifyPassword('x', 'nonsense')).toBe(false);
  });
});
