import type { WebhookSecretStore } from '../vipps/webhook-secret-store.ts';
import type { SealedSettings } from './sealed-settings.ts';

// The Vipps webhook registration for our URL and its secret (shown by Vipps
// only once, at registration). Kept sealed in the database, never logged.
export function settingsWebhookSecretStore(secrets: SealedSettings): WebhookSecretStore {
  const key = (url: string) => `vipps.webhook:${url}`;
  return {
    async load(url) {
      const raw = await secrets.get(key(url));
      if (!raw) return undefined;
      const parsed = JSON.parse(raw) as { id?: unknown; secret?: unknown };
      return typeof parsed.id === 'string' && typeof parsed.secret === 'string' ? { id: parsed.id, secret: parsed.secret } : undefined;
    },
    async save(url, reg) {
      await secrets.set(key(url), JSON.stringify({ id: reg.id, secret: reg.secret }));
    },
  };
}
