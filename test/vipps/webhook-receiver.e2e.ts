import Fastify, { type FastifyInstance } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VippsSimulator } from '../../simulators/vipps/index.ts';
import { signWebhook } from '../../simulators/vipps/webhook-signer.ts';
import { createInMemoryWebhookSecretStore } from '../../src/adapters/vipps/in-memory-webhook-secret-store.ts';
import type { PaymentEventHint } from '../../src/adapters/vipps/webhook-routes.ts';
import type { VippsClient } from '../../src/adapters/vipps/vipps-client.ts';
import { vippsWebhookRoutes } from '../../src/adapters/vipps/webhook-routes.ts';
import { CHARGING_PAYMENT_EVENTS } from '../../src/adapters/vipps/webhooks-api.ts';
import type { WebhookSecretStore } from '../../src/adapters/vipps/webhook-secret-store.ts';
import { eventually } from '../support/eventually.ts';
import { recordedClient, startSimulatorTarget, uniqueReference, type ContractTarget } from './contract-targets.ts';

// Real deliveries from the simulator, signed as in docs/vipps-contract.md §17,
// into Ladepay's route on a Fastify app listening on a free port.

describe('ensureWebhook against the simulator', () => {
  let target: ContractTarget & { sim: VippsSimulator };
  let client: VippsClient;
  const url = 'http://127.0.0.1:9/webhooks/vipps';

  beforeAll(async () => {
    target = await startSimulatorTarget();
    client = recordedClient(target.config()).client;
  });
  afterAll(async () => {
    await target?.stop();
  });

  it('registers once, keeps it on the next start, and replaces it when the secret is lost', async () => {
    const store = createInMemoryWebhookSecretStore();
    const first = await client.webhooks.ensureWebhook(url, CHARGING_PAYMENT_EVENTS, store);
    expect(first.ok && first.value.action).toBe('registered');
    const firstId = first.ok ? first.value.id : '';
    expect((await store.load(url))?.id).toBe(firstId);

    expect(await client.webhooks.ensureWebhook(url, CHARGING_PAYMENT_EVENTS, store)).toEqual({
      ok: true,
      value: { id: firstId, action: 'kept', deletedIds: [] },
    });

    const emptied = createInMemoryWebhookSecretStore();
    const replaced = await client.webhooks.ensureWebhook(url, CHARGING_PAYMENT_EVENTS, emptied);
    expect(replaced.ok && replaced.value).toMatchObject({ action: 'registered', deletedIds: [firstId] });
    const listed = await client.webhooks.list();
    expect(listed.ok && listed.value.map((r) => [r.url, [...r.events].sort()])).toEqual([[url, [...CHARGING_PAYMENT_EVENTS].sort()]]);
  });

  it('deletes a registration by id, and reports an unknown one as not_found', async () => {
    const registered = await client.webhooks.register('http://127.0.0.1:9/other', ['epayments.payment.captured.v1']);
    expect(registered.ok).toBe(true);
    const id = registered.ok ? registered.value.id : '';
    expect(await client.webhooks.delete(id)).toEqual({ ok: true, value: undefined });
    expect(await client.webhooks.delete(id)).toEqual({ ok: false, failure: { kind: 'not_found' } });
  });
});

describe('the webhook route receiving the simulator\'s deliveries', () => {
  let target: ContractTarget & { sim: VippsSimulator };
  let sim: VippsSimulator;
  let client: VippsClient;
  let app: FastifyInstance;
  let url: string;
  let store: WebhookSecretStore;
  let secretOverride: string | undefined;
  let skewMs = 0;
  const hints: PaymentEventHint[] = [];
  const received: { headers: IncomingHttpHeaders; body: Buffer }[] = [];

  beforeAll(async () => {
    target = await startSimulatorTarget({ webhookRetry: { maxAttempts: 5, backoffMs: [50], timeoutMs: 5_000 } });
    sim = target.sim;
    client = recordedClient(target.config()).client;
    store = createInMemoryWebhookSecretStore();
    app = Fastify({ logger: false });
    app.addHook('preHandler', async (request) => {
      if (Buffer.isBuffer(request.body)) received.push({ headers: { ...request.headers }, body: request.body });
    });
    await app.register(vippsWebhookRoutes, {
      getSecret: async () => {
        const reg = await store.load(url);
        return reg && { secret: secretOverride ?? reg.secret, url };
      },
      onEvent: async (hint) => {
        hints.push(hint);
      },
      now: () => new Date(Date.now() + skewMs),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    url = `http://127.0.0.1:${address.port}/webhooks/vipps`;
    const ensured = await client.webhooks.ensureWebhook(url, CHARGING_PAYMENT_EVENTS, store);
    if (!ensured.ok) throw new Error(JSON.stringify(ensured.failure));
  });
  afterAll(async () => {
    await target?.stop();
    await app?.close();
  });

  async function approved(label: string): Promise<string> {
    const reference = uniqueReference(label);
    const created = await client.epayment.create({ reference, amountOre: 50_000, idempotencyKey: `create-${reference}`, returnUrl: 'https://ladepay.example/s/w' });
    if (!created.ok) throw new Error(JSON.stringify(created.failure));
    await target.approve(client, reference);
    return reference;
  }

  const hintsFor = (reference: string) => hints.filter((hint) => hint.reference === reference);
  const deliveriesFor = (reference: string) => sim.webhookDeliveries().filter((d) => d.reference === reference);

  it('hands each good delivery over as a typed hint carrying that operation\'s own pspReference', async () => {
    const reference = await approved('good');
    await client.epayment.capture({ reference, amountOre: 12_000, idempotencyKey: `capture-${reference}` });
    await client.epayment.cancel({ reference, idempotencyKey: `cancel-${reference}`, cancelTransactionOnly: false });
    await sim.idle();
    await eventually(() => hintsFor(reference).length === 3, 'three hints');
    const events = await client.epayment.events(reference);
    const logged = events.ok ? events.value.filter((e) => e.name !== 'CREATED') : [];
    // A delivery carries the fields of its entry in the payment's event log.
    expect(logged.every((e) => e.success && e.reference === reference)).toBe(true);
    expect(hintsFor(reference)).toEqual(logged);
    expect(hintsFor(reference).map((h) => [h.name, h.amountOre])).toEqual([
      ['AUTHORIZED', 50_000],
      ['CAPTURED', 12_000],
      ['CANCELLED', 38_000],
    ]);
    expect(deliveriesFor(reference).map((d) => d.attempts.map((a) => a.status))).toEqual([[200], [200], [200]]);
  });

  it('ignores a replay: a duplicate delivery from Vipps, and the same signed request sent again', async () => {
    sim.faults.set({ webhookDuplicate: { next: 1 } });
    const reference = await approved('replay');
    await sim.idle();
    sim.faults.reset();
    await eventually(() => hintsFor(reference).length > 0, 'the hint');
    expect(deliveriesFor(reference).map((d) => d.state)).toEqual(['delivered', 'delivered']);

    const original = received.find((r) => r.body.includes(reference));
    if (!original) throw new Error('the delivery was not seen');
    const { host: _host, 'content-length': _length, connection: _connection, ...headers } = original.headers;
    const replayed = await fetch(url, { method: 'POST', headers: headers as Record<string, string>, body: original.body });
    expect(replayed.status).toBe(200);
    expect(await replayed.json()).toEqual({ status: 'duplicate' });
    // A later event of the payment, delivered after the replay was answered, is
    // handed over; had the duplicate or the replay been handed over too, they
    // would be there by then.
    await client.epayment.capture({ reference, amountOre: 1_000, idempotencyKey: `capture-${reference}` });
    await eventually(() => hintsFor(reference).some((hint) => hint.name === 'CAPTURED'), 'the CAPTURED hint');
    expect(hintsFor(reference).map((hint) => hint.name)).toEqual(['AUTHORIZED', 'CAPTURED']);
  });

  it('refuses deliveries signed with another secret (401) and takes Vipps\' retry once the secret is right', async () => {
    secretOverride = 'a-secret-we-do-not-hold';
    const reference = await approved('bad-secret');
    await eventually(() => (deliveriesFor(reference)[0]?.attempts.length ?? 0) > 0, 'a delivery attempt');
    secretOverride = undefined;
    await sim.idle();
    await eventually(() => hintsFor(reference).length === 1, 'the hint');
    const attempts = deliveriesFor(reference)[0]?.attempts.map((a) => a.status) ?? [];
    expect(attempts[0]).toBe(401);
    expect(attempts.at(-1)).toBe(200);
  });

  it('refuses a stale x-ms-date (more than 15 minutes off) with 401 on every try', async () => {
    skewMs = 16 * 60_000;
    try {
      const reference = await approved('stale');
      await sim.idle();
      const [delivery] = deliveriesFor(reference);
      expect(delivery?.state).toBe('failed');
      expect(delivery?.attempts.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
      expect(hintsFor(reference)).toEqual([]);
    } finally {
      skewMs = 0;
    }
  });

  it('answers 401 with a short message to an unsigned request, and 400 to a signed body that is no payment event', async () => {
    const before = hints.length;
    const body = JSON.stringify({ reference: 'lp-forged-0001', name: 'AUTHORIZED' });
    const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ error: 'invalid signature' });

    const reg = await store.load(url);
    const date = new Date().toUTCString();
    const signed = signWebhook(reg?.secret ?? '', url, date, Buffer.from(body));
    const malformed = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-ms-date': date, 'x-ms-content-sha256': signed.contentHash, authorization: signed.authorization },
      body,
    });
    expect(malformed.status).toBe(400);
    expect(hints.length).toBe(before);
  });
});
