import type { WebhookSecretStore } from './webhook-secret-store.ts';

export function createInMemoryWebhookSecretStore(): WebhookSecretStore {
  const registrations = new Map<string, { id: string; secret: string }>();
  return {
    async load(url) {
      const reg = registrations.get(url);
      return reg ? { ...reg } : undefined;
    },
    async save(url, reg) {
      registrations.set(url, { ...reg });
    },
  };
}
