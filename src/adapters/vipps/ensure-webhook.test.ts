import { describe, expect, it } from 'vitest';
import { aVippsConfig } from '../../../test/vipps/a-vipps-config.ts';
import { createRecordingLogger } from '../../../test/vipps/recording-logger.ts';
import { createScriptedFetch, json, tokenAnswer, type SeenRequest } from '../../../test/vipps/scripted-fetch.ts';
import { createInMemoryWebhookSecretStore } from './in-memory-webhook-secret-store.ts';
import { createVippsClient } from './vipps-client.ts';
import { CHARGING_PAYMENT_EVENTS } from './webhooks-api.ts';

const URL_ = 'https://ladepay.example/webhooks/vipps';

// A few lines of Webhooks API (docs/vipps-contract.md §14), enough to watch what ensureWebhook does.
function fakeRegistry(initial: { id: string; url: string; events: string[] }[]) {
  const registrations = [...initial];
  let next = 1;
  return {
    registrations,
    answer(request: SeenRequest): Response {
      if (request.method === 'GET') return json(200, { webhooks: registrations });
      if (request.method === 'POST') {
        const { url, events } = JSON.parse(request.body) as { url: string; events: string[] };
        const id = `new-${next++}`;
        registrations.push({ id, url, events });
        return json(201, { id, secret: `secret-of-${id}` });
      }
      const index = registrations.findIndex((r) => request.path.endsWith(`/${r.id}`));
      if (index < 0) return json(404, {});
      registrations.splice(index, 1);
      return new Response(null, { status: 204 });
    },
  };
}

function setup(initial: { id: string; url: string; events: string[] }[]) {
  const registry = fakeRegistry(initial);
  const { fetch } = createScriptedFetch((request) =>
    request.path === '/accesstoken/get' ? tokenAnswer('t1') : registry.answer(request),
  );
  const log = createRecordingLogger();
  const client = createVippsClient(aVippsConfig(), { logger: log.logger, fetch, sleep: async () => undefined });
  return { webhooks: client.webhooks, registry, log, store: createInMemoryWebhookSecretStore() };
}

describe('ensureWebhook', () => {
  it('registers when nothing is there and keeps the secret in the store', async () => {
    const { webhooks, store, registry } = setup([]);
    const result = await webhooks.ensureWebhook(URL_, CHARGING_PAYMENT_EVENTS, store);
    expect(result).toEqual({ ok: true, value: { id: 'new-1', action: 'registered', deletedIds: [] } });
    expect(await store.load(URL_)).toEqual({ id: 'new-1', secret: 'secret-of-new-1' });
    expect(registry.registrations).toEqual([{ id: 'new-1', url: URL_, events: [...CHARGING_PAYMENT_EVENTS] }]);
  });

  it('keeps a registration whose secret is stored and whose events suffice', async () => {
    const { webhooks, store, registry } = setup([{ id: 'old', url: URL_, events: [...CHARGING_PAYMENT_EVENTS] }]);
    await store.save(URL_, { id: 'old', secret: 's' });
    const result = await webhooks.ensureWebhook(URL_, CHARGING_PAYMENT_EVENTS, store);
    expect(result).toEqual({ ok: true, value: { id: 'old', action: 'kept', deletedIds: [] } });
    expect(registry.registrations.map((r) => r.id)).toEqual(['old']);
  });

  it('replaces a registration whose secret was lost: register first, then delete the stale one', async () => {
    const other = { id: 'someone-else', url: 'https://other.example/hook', events: ['epayments.payment.captured.v1'] };
    const { webhooks, store, registry } = setup([{ id: 'old', url: URL_, events: [...CHARGING_PAYMENT_EVENTS] }, other]);
    const result = await webhooks.ensureWebhook(URL_, CHARGING_PAYMENT_EVENTS, store);
    expect(result).toEqual({ ok: true, value: { id: 'new-1', action: 'registered', deletedIds: ['old'] } });
    expect(registry.registrations.map((r) => r.id)).toEqual(['someone-else', 'new-1']);
    expect(await store.load(URL_)).toEqual({ id: 'new-1', secret: 'secret-of-new-1' });
  });

  it('replaces a registration that misses an event, and one the store knows but Vipps deleted', async () => {
    const { webhooks, store } = setup([{ id: 'old', url: URL_, events: ['epayments.payment.authorized.v1'] }]);
    await store.save(URL_, { id: 'old', secret: 's' });
    expect(await webhooks.ensureWebhook(URL_, CHARGING_PAYMENT_EVENTS, store)).toEqual({
      ok: true,
      value: { id: 'new-1', action: 'registered', deletedIds: ['old'] },
    });
    const gone = setup([]);
    await gone.store.save(URL_, { id: 'deleted-by-vipps', secret: 's' });
    const result = await gone.webhooks.ensureWebhook(URL_, CHARGING_PAYMENT_EVENTS, gone.store);
    expect(result.ok && result.value.action).toBe('registered');
  });

  it('never logs the secret', async () => {
    const { webhooks, store, log } = setup([]);
    await webhooks.ensureWebhook(URL_, CHARGING_PAYMENT_EVENTS, store);
    expect(log.text()).not.toContain('secret-of-new-1');
  });
});
