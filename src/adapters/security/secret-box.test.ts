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
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    expect(box.open(flipped, 'k')).toBeUndefined();
    expect(box.open('plain text', 'k')).toBeUndefined();
    expect(box.open(`${sealed}.x`, 'k')).toBeUndefined();
  });
});
