import { randomBytes } from 'node:crypto';
import type { SealedSettings } from './sealed-settings.ts';

// A server key that every process and every restart shares (it signs forms
// and cookies): made once, kept sealed in the database.
export async function stableSecret(secrets: SealedSettings, name: string): Promise<string> {
  const existing = await secrets.get(`secret:${name}`);
  if (existing) return existing;
  // Another process may have raced us: the first one stored wins.
  return secrets.setIfAbsent(`secret:${name}`, randomBytes(32).toString('base64url'));
}
