import { randomBytes } from 'node:crypto';
import type { SettingsStore } from './settings-store.ts';

// A server key that every process and every restart shares (it signs forms
// and cookies): made once, kept in the database.
export async function stableSecret(settings: SettingsStore, name: string, now: () => Date): Promise<string> {
  const existing = await settings.get(`secret:${name}`);
  if (existing) return existing;
  const fresh = randomBytes(32).toString('base64url');
  await settings.setIfAbsent(`secret:${name}`, fresh, now());
  // Another process may have raced us: the first one stored wins.
  return (await settings.get(`secret:${name}`)) ?? fresh;
}
