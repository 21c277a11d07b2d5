import { afterAll, afterEach, beforeAll, describe, it, expect } from 'vitest';
import { DEMO_MERCHANT, startVippsSimulator } from './index.ts';
import { aCreateBody, VippsTestClient } from './vipps-test-client.ts';
import { startWebhookReceiver, verifyVippsSignature } from './webhook-test-receiver.ts';
import type { VippsSimulator } from './index.ts';
import type { WebhookReceiver } from './webhook-test-receiver.ts';

// Webhooks API v1 (docs/vipps-contract.md §14 to §17): registration rules, signed delivery, retries and per-registration order.

let sim: VippsSimulator;
let client: VippsTestClient;
let receiver: WebhookReceiver;
let counter = 0;

// A receiver gets 2 s to answer: a healthy one always does, even on a busy
// machine, and the test of one that never answers waits no longer than that.
const ANSWER_WITHIN_MS = 2_000;

beforeAll(async () => {
  sim = await startVippsSimulator({ webhookRetry: { backoffMs: [10, 20], maxAttempts: 3, timeoutMs: ANSWER_WITHIN_MS } });
  client = new VippsTestClient(sim.url, DEMO_MERCHANT);
  await client.fetchToken();
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await sim.idle();
  const list = (await client.call('webhooks', 'GET', '/v1/webhooks')).json as { webhooks: Array<{ id: string }> };
  for (const { id } of list.webhooks) await client.call('webhooks', 'DELETE', '/v1/webhooks/{id}', { params: { id } });
  receiver.received.length = 0;
  receiver.respond = () => 200;
});
afterAll(async () => {
  await sim.stop();
  await receiver.stop();
});

const register = (url: string, events: unknown) => client.call('webhooks', 'POST', '/v1/webhooks', { body: { url, events } });
const ALL = ['created', 'authorized', 'aborted', 'expired', 'captured', 'cancelled', 'refunded', 'terminated'].map((e) => `epayments.payment.${e}.v1`);

async function createPayment(): Promise<string> {
  const reference = `hook-ref-${String(++counter).padStart(4, '0')}`;
  const answer = await client.call('epayment', 'POST', '/epayment/v1/payments', { body: aCreateBody(reference), idempotencyKey: `hook-${counter}` });
  expect(answer.status).toBe(201);
  return reference;
}

describe('registration', () => {
  it.each([
    ['a plain-http URL that is not loopback', 'http://example.com/hook', ALL],
    ['a URL that is not a URL', 'not a url', ALL],
    ['an unknown event', 'https://example.com/hook', ['epayments.payment.paid.v1']],
    ['no events', 'https://example.com/hook', []],
  ])('400 for %s', async (_name, url, events) => {
    const answer = await register(url, events);
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
  });

  it('400 for unknown properties and malformed JSON', async () => {
    expect((await client.call('webhooks', 'POST', '/v1/webhooks', { body: { url: 'https://example.com/h', events: ALL, extra: 1 } })).status).toBe(400);
    expect((await client.call('webhooks', 'POST', '/v1/webhooks', { rawBody: '{"url":' })).status).toBe(400);
  });

  it('allows 25 registrations per event type and MSN, not 26', async () => {
    for (let i = 0; i < 25; i += 1) expect((await register(`https://example.com/hook/${i}`, ['epayments.payment.captured.v1'])).status).toBe(201);
    const answer = await register('https://example.com/hook/26', ['epayments.payment.captured.v1', 'epayments.payment.created.v1']);
    expect(answer.status).toBe(400);
    expect((answer.json as { detail: string }).detail).toContain('epayments.payment.captured.v1');
    expect((await register('https://example.com/hook/26', ['epayments.payment.created.v1'])).status).toBe(201);
  });

  it('404 for deleting an unknown id, 400 for an id that is not a UUID', async () => {
    expect((await client.call('webhooks', 'DELETE', '/v1/webhooks/{id}', { params: { id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
    expect((await client.call('webhooks', 'DELETE', '/v1/webhooks/{id}', { params: { id: 'nope' } })).status).toBe(400);
  });
});

describe('delivery', () => {
  it('sends only subscribed events, each registration signed with its own secret', async () => {
    const a = (await register(receiver.url('/a'), ['epayments.payment.authorized.v1'])).json as { secret: string };
    const b = (await register(receiver.url('/b?x=1'), ALL)).json as { secret: string };
    const reference = await createPayment();
    sim.phone.approve(reference);
    await sim.idle();
    const byPath = (path: string) => receiver.received.filter((w) => w.path === path);
    expect(byPath('/a').map((w) => w.json['name'])).toEqual(['AUTHORIZED']);
    expect(byPath('/b?x=1').map((w) => w.json['name'])).toEqual(['CREATED', 'AUTHORIZED']);
    expect(byPath('/a').every((w) => verifyVippsSignature(w, a.secret, receiver.url('/a')))).toBe(true);
    expect(byPath('/b?x=1').every((w) => verifyVippsSignature(w, b.secret, receiver.url('/b?x=1')))).toBe(true);
    expect(byPath('/a').every((w) => verifyVippsSignature(w, b.secret, receiver.url('/a')))).toBe(false);
  });

  it('carries the Idempotency-Key of the request behind each event: the create request\'s on AUTHORIZED', async () => {
    await register(receiver.url('/keys'), ALL);
    const reference = await createPayment();
    const createKey = `hook-${counter}`;
    sim.phone.approve(reference);
    const modify = (op: string, key: string, body: unknown) =>
      client.call('epayment', 'POST', `/epayment/v1/payments/{reference}/${op}`, { params: { reference }, body, idempotencyKey: key });
    expect((await modify('capture', 'key-capture', { modificationAmount: { currency: 'NOK', value: 10000 } })).status).toBe(200);
    expect((await modify('refund', 'key-refund', { modificationAmount: { currency: 'NOK', value: 2000 } })).status).toBe(200);
    expect((await modify('cancel', 'key-cancel', { cancelTransactionOnly: false })).status).toBe(200);
    await sim.idle();
    const expected = [
      ['CREATED', createKey],
      ['AUTHORIZED', createKey],
      ['CAPTURED', 'key-capture'],
      ['REFUNDED', 'key-refund'],
      ['CANCELLED', 'key-cancel'],
    ];
    expect(receiver.received.map((w) => [w.json['name'], w.json['idempotencyKey']])).toEqual(expected);
    const log = await client.call('epayment', 'GET', '/epayment/v1/payments/{reference}/events', { params: { reference } });
    expect((log.json as Array<{ name: string; idempotencyKey: string | null }>).map((e) => [e.name, e.idempotencyKey])).toEqual(expected);
  });

  it('retries a failing receiver and holds later events of that registration back until it succeeds', async () => {
    receiver.respond = (index) => (index < 2 ? 500 : 200);
    await register(receiver.url(), ALL);
    const reference = await createPayment();
    sim.phone.approve(reference);
    await sim.idle();
    expect(receiver.received.map((w) => w.json['name'])).toEqual(['CREATED', 'CREATED', 'CREATED', 'AUTHORIZED']);
    const deliveries = sim.webhookDeliveries().filter((d) => d.reference === reference);
    expect(deliveries.map((d) => [d.payload.name, d.state, d.attempts.map((a) => a.status)])).toEqual([
      ['CREATED', 'delivered', [500, 500, 200]],
      ['AUTHORIZED', 'delivered', [200]],
    ]);
  });

  it('gives an event up after maxAttempts and then sends the next one', async () => {
    receiver.respond = (_index, webhook) => (webhook.json['name'] === 'CREATED' ? 503 : 200);
    await register(receiver.url(), ALL);
    const reference = await createPayment();
    sim.phone.reject(reference);
    await sim.idle();
    expect(receiver.received.map((w) => w.json['name'])).toEqual(['CREATED', 'CREATED', 'CREATED', 'ABORTED']);
    const created = sim.webhookDeliveries().find((d) => d.reference === reference && d.payload.name === 'CREATED');
    expect(created?.state).toBe('failed');
    expect(created?.attempts).toHaveLength(3);
  });

  it('counts a receiver that does not answer in time as a failure', async () => {
    receiver.respond = (index) => (index === 0 ? 'hang' : 200);
    await register(receiver.url(), ['epayments.payment.created.v1']);
    const reference = await createPayment();
    await sim.idle();
    const delivery = sim.webhookDeliveries().find((d) => d.reference === reference);
    expect(delivery?.state).toBe('delivered');
    expect(delivery?.attempts[0]?.error).toBe(`no answer within ${ANSWER_WITHIN_MS} ms`);
    expect(delivery?.attempts[1]?.status).toBe(200);
  });

  it('counts a network error as a failure', async () => {
    const closed = await startWebhookReceiver();
    const url = closed.url('/gone');
    await closed.stop();
    await register(url, ['epayments.payment.created.v1']);
    const reference = await createPayment();
    await sim.idle();
    const delivery = sim.webhookDeliveries().find((d) => d.reference === reference);
    expect(delivery?.state).toBe('failed');
    expect(delivery?.attempts.every((a) => a.error !== undefined && a.status === undefined)).toBe(true);
  });

  it('sends the EXPIRED event when the approval window ends on the clock', async () => {
    await register(receiver.url(), ['epayments.payment.expired.v1']);
    const reference = await createPayment();
    sim.clock.advance(10 * 60 * 1000);
    await sim.idle();
    // Payments left CREATED by earlier tests expire too; this one must be among them, once.
    expect(receiver.received.filter((w) => w.json['reference'] === reference).map((w) => w.json['name'])).toEqual(['EXPIRED']);
    expect(receiver.received.every((w) => w.json['name'] === 'EXPIRED')).toBe(true);
    const events = sim.books(reference)?.events ?? [];
    expect(events.map((e) => e.name)).toEqual(['CREATED', 'EXPIRED']);
    expect(Date.parse(events[1]?.timestamp ?? '') - Date.parse(events[0]?.timestamp ?? '')).toBe(10 * 60 * 1000);
  });
});

describe('deliverWebhooksNow', () => {
  it('skips a long retry wait', async () => {
    const slow = await startVippsSimulator({ webhookRetry: { backoffMs: [3_600_000], maxAttempts: 5 } });
    try {
      const slowClient = new VippsTestClient(slow.url, DEMO_MERCHANT);
      await slowClient.fetchToken();
      receiver.respond = (index) => (index === 0 ? 500 : 200);
      await slowClient.call('webhooks', 'POST', '/v1/webhooks', { body: { url: receiver.url('/slow'), events: ['epayments.payment.created.v1'] } });
      await slowClient.call('epayment', 'POST', '/epayment/v1/payments', { body: aCreateBody('slow-ref-0001'), idempotencyKey: 'slow-1' });
      await expect.poll(() => slow.webhookDeliveries()[0]?.attempts.length, { timeout: 60_000 }).toBe(1);
      const idle = slow.idle();
      const http = await fetch(`${slow.url}/_sim/webhooks/deliver-now`, { method: 'POST' });
      expect(http.status).toBe(200);
      await idle;
      expect(slow.webhookDeliveries()[0]).toMatchObject({ state: 'delivered', attempts: [{ status: 500 }, { status: 200 }] });
    } finally {
      await slow.stop();
    }
  });
});

describe('webhookDateClock', () => {
  it('dates and signs a webhook by its own clock while the payments run on another', async () => {
    const world = { now: () => new Date(Date.now() + 86_400_000) }; // a world a day ahead
    const wall = new Date('2026-12-06T12:00:00Z');
    const sim2 = await startVippsSimulator({ clock: world, webhookDateClock: { now: () => wall } });
    try {
      const client2 = new VippsTestClient(sim2.url, DEMO_MERCHANT);
      await client2.fetchToken();
      const hook = receiver.url('/dated');
      const { secret } = (await client2.call('webhooks', 'POST', '/v1/webhooks', { body: { url: hook, events: ['epayments.payment.created.v1'] } })).json as { secret: string };
      await client2.call('epayment', 'POST', '/epayment/v1/payments', { body: aCreateBody('dated-ref-0001'), idempotencyKey: 'dated-1' });
      await sim2.idle();
      const got = receiver.received.find((w) => w.path === '/dated');
      expect(got?.headers['x-ms-date']).toBe(wall.toUTCString());
      expect(verifyVippsSignature(got!, secret, hook)).toBe(true);
      expect(Date.parse(String(got?.json['timestamp']))).toBeGreaterThan(Date.now() + 3_600_000);
    } finally {
      await sim2.stop();
    }
  });
});
