import type { WebhookSecretStore } from '../vipps/webhook-secret-store.ts';
import type { SettingsStore } from './settings-store.ts';

// The Vipps webhook registration for our URL and its secret (shown by Vipps
// only once, at registration). Kept in the database, never logged.
export function settingsWebhookSecretStore(settings: SettingsStore, now: () => Date): WebhookSecretStore {
  const key = (url: string) => `vipps.webhook:${url}`;
  return {
    async load(url) {
      const raw = await settings.get(key(url));
      if (!raw) return undefined;
      const parsed = JSON.parse(raw) as { id?: unknown; secret?: unknown };
      return typeof parsed.id === 'string' && typeof parsed.secret === 'string' ? { id: parsed.id, secret: parsed.secret } : undefined;
    },
    async save(url, reg) {
      await settings.set(key(url), JSON.stringify({ id: reg.id, secret: reg.secret }), now());
    },
  };
}
