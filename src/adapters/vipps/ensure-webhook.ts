import type { WebhookSecretStore } from './webhook-secret-store.ts';
import type { WebhooksApi } from './webhooks-api.ts';
import type { VippsLogger } from './vipps-observability.ts';
import { ok, type VippsResult } from './vipps-result.ts';

export interface EnsuredWebhook {
  id: string;
  action: 'kept' | 'registered';
  deletedIds: string[];
}

// At start-up: make sure `url` is registered for `events` with a secret we
// hold. A registration whose secret we lost is useless (every delivery would
// fail verification), so it is replaced: register the new one first, save its
// secret, then delete the old ones (rotation, docs/vipps-contract.md §14;
// duplicates meanwhile are harmless because event handling is idempotent).
// Vipps also deletes registrations that stayed unresponsive for 2 weeks (same
// section), so this is worth running periodically too.
export async function ensureWebhook(
  api: WebhooksApi,
  url: string,
  events: readonly string[],
  store: WebhookSecretStore,
  logger: VippsLogger,
): Promise<VippsResult<EnsuredWebhook>> {
  const listed = await api.list();
  if (!listed.ok) return listed;
  const sameUrl = listed.value.filter((reg) => reg.url === url);
  const stored = await store.load(url);
  const current = stored && sameUrl.find((reg) => reg.id === stored.id);
  const covers = current !== undefined && events.every((event) => current.events.includes(event));

  let id: string;
  let action: EnsuredWebhook['action'];
  if (current !== undefined && covers) {
    id = current.id;
    action = 'kept';
  } else {
    const registered = await api.register(url, events);
    if (!registered.ok) return registered;
    await store.save(url, registered.value);
    id = registered.value.id;
    action = 'registered';
  }

  const deletedIds: string[] = [];
  for (const stale of sameUrl.filter((reg) => reg.id !== id)) {
    const deleted = await api.delete(stale.id);
    if (deleted.ok || deleted.failure.kind === 'not_found') deletedIds.push(stale.id);
    else logger.warn({ vipps: { webhookId: stale.id, failure: deleted.failure } }, 'could not delete stale Vipps webhook');
  }
  logger.info({ vipps: { webhookId: id, url, action, deletedIds } }, 'Vipps webhook ensured');
  return ok({ id, action, deletedIds });
}
