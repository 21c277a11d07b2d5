import { describe, expect, it } from 'vitest';
import { hashPassword } from './password-hash.ts';
import { checkStationPassword } from './secret-strength.ts';
import { encodeReadable } from './readable-secret.ts';
import { WeakStationSecretError, authorizationKeyOctets, generateStationSecret, hashStationSecret, secretStrength, verifyStationSecret } from './station-secret.ts';

const text = (s: string) => Buffer.from(s, 'utf8');

describe('station secrets', () => {
  it('draws again rather than give out a secret the strength check refuses', () => {
    const good = Buffer.from('9f3c2a71e6b84d05c1f7a2e93b6d8c4015fe7a29', 'hex');
    const draws = [Buffer.alloc(20), Buffer.alloc(20, 0x42), good];
    let n = 0;
    const secret = generateStationSecret(() => draws[n++] as Buffer);
    expect(secret).toBe(encodeReadable(good));
    expect(n).toBe(3);
  });

  it('generates 32 characters without look-alikes (160 bits) that pass the strength rule', () => {
    const secrets = new Set(Array.from({ length: 200 }, () => generateStationSecret()));
    expect(secrets.size).toBe(200);
    for (const s of secrets) {
      expect(s).toMatch(/^[2-9A-HJ-NP-Z]{32}$/);
      expect(s).not.toMatch(/[01IOlo]/);
      expect(checkStationPassword(s).ok).toBe(true);
      expect(authorizationKeyOctets(s)).toHaveLength(20);
    }
  });

  it('verifies a generated secret as its text and as the 20 octets a 1.6 station keeps from its AuthorizationKey', async () => {
    const secret = generateStationSecret();
    const stored = await hashStationSecret(secret);
    expect(await verifyStationSecret(text(secret), stored)).toBe(true);
    const octets = authorizationKeyOctets(secret);
    expect(octets.toString('hex')).toHaveLength(40); // what ChangeConfiguration AuthorizationKey carries
    expect(await verifyStationSecret(octets, stored)).toBe(true);
    expect(await verifyStationSecret(text(secret.toLowerCase()), stored)).toBe(false);
    const other = Buffer.from(octets);
    other[0] = (other[0] ?? 0) ^ 1;
    expect(await verifyStationSecret(other, stored)).toBe(false);
  });

  it('keeps a strong secret as a salted HMAC that verifies as text and as the hex-decoded octets', async () => {
    // A secret generated before the readable alphabet: 40 hex digits.
    const secret = '9f3c2a71e6b84d05c1f7a2e93b6d8c4015fe7a29';
    const stored = await hashStationSecret(secret);
    expect(stored).toMatch(/^hmac-sha256-strong\$/);
    expect(stored).not.toContain(secret);
    expect(secretStrength(stored)).toBe('strong');
    expect(await verifyStationSecret(text(secret), stored)).toBe(true);
    // OCPP 1.6 security whitepaper: AuthorizationKey is hex; the station sends the octets.
    expect(await verifyStationSecret(Buffer.from(secret, 'hex'), stored)).toBe(true);
    expect(await verifyStationSecret(text(`${secret}x`), stored)).toBe(false);
    expect(await verifyStationSecret(text(secret.toUpperCase()), stored)).toBe(false);
    expect(await verifyStationSecret(Buffer.alloc(0), stored)).toBe(false);
    expect(await hashStationSecret(secret)).not.toBe(stored);
  });

  it('refuses to keep a weak secret', async () => {
    await expect(hashStationSecret('station-secret-1')).rejects.toThrow(WeakStationSecretError);
    await expect(hashStationSecret('kort')).rejects.toThrow(/16 to 40 characters/);
  });

  it('still verifies hashes written before the strength rule, and calls them weak or unchecked', async () => {
    const scrypt = await hashPassword('kort-pass');
    expect(secretStrength(scrypt)).toBe('weak');
    expect(await verifyStationSecret(text('kort-pass'), scrypt)).toBe(true);
    expect(await verifyStationSecret(text('kort-pasS'), scrypt)).toBe(false);
    // The fast form as it was written before: hmac-sha256$salt$digest of the text.
    const old = 'hmac-sha256$c2FsdHNhbHRzYWx0c2FsdA==$' + (await import('node:crypto')).createHmac('sha256', Buffer.from('c2FsdHNhbHRzYWx0c2FsdA==', 'base64')).update('demo-station-password').digest('base64');
    expect(secretStrength(old)).toBe('unchecked');
    expect(await verifyStationSecret(text('demo-station-password'), old)).toBe(true);
  });

  it('refuses an unknown station and garbage, through the same check', async () => {
    expect(await verifyStationSecret(text(generateStationSecret()), undefined)).toBe(false);
    expect(await verifyStationSecret(text('x'), 'hmac-sha256$bad')).toBe(false);
    expect(await verifyStationSecret(text('x'), 'nonsense')).toBe(false);
  });
});
