import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.ts';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed, for the same row only, and never shows the secret in the sealed text', () => {
    const sealed = box.seal('webhook-secret-value', 'vipps.webhook:x');
    expect(SecretBox.isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('webhook-secret-value');
    expect(box.seal('webhook-secret-value', 'vipps.webhook:x')).not.toBe(sealed); // a fresh IV each time
    expect(box.open(sealed, 'vipps.webhook:x')).toBe('webhook-secret-value');
    expect(box.open(sealed, 'secret:console.cookie')).toBeUndefined();
  });

  it('refuses another key, an altered value and plain text', () => {
    const sealed = box.seal('s', 'k');
    const other = new SecretBox(randomBytes(32));
    expect(other.open(sealed, 'k')).toBeUndefined();
    expect(other.keyId).not.toBe(box.keyId);
    // One bit of the encrypted body flipped (a changed base64 character may
    // only touch padding bits, which decode to the same bytes).
    const parts = sealed.split('.');
    const body = Buffer.from(parts[parts.length - 1] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    const flipped = [...parts.slice(0, -1), body.toString('base64url')].join('.');
    expect(flipped).not.toBe(sealed);
    expect(box.open(flipped, 'k')).toBeUndefined();
    expect(box.open('plain text', 'k')).toBeUndefined();
    expect(box.open(`${sealed}.x`, 'k')).toBeUndefined();
  });
});
