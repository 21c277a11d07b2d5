import { afterAll, afterEach, beforeAll, describe, it, expect } from 'vitest';
import { DEMO_MERCHANT, startVippsSimulator } from './index.ts';
import { aCreateBody, errorCodeOf, readResponse, VippsTestClient } from './vipps-test-client.ts';
import { startWebhookReceiver } from './webhook-test-receiver.ts';
import type { VippsSimulator } from './index.ts';
import type { WebhookReceiver } from './webhook-test-receiver.ts';

// Faults on demand: the failure paths a Vipps client must survive.

let sim: VippsSimulator;
let client: VippsTestClient;
let receiver: WebhookReceiver;
let counter = 0;
const nextRef = () => `fault-ref-${String(++counter).padStart(4, '0')}`;

beforeAll(async () => {
  sim = await startVippsSimulator({ webhookRetry: { backoffMs: [10], maxAttempts: 3 } });
  client = new VippsTestClient(sim.url, DEMO_MERCHANT);
  await client.fetchToken();
  receiver = await startWebhookReceiver();
  await client.call('webhooks', 'POST', '/v1/webhooks', {
    body: { url: receiver.url(), events: ['created', 'authorized', 'aborted', 'expired', 'captured', 'cancelled'].map((e) => `epayments.payment.${e}.v1`) },
  });
});
afterEach(async () => {
  sim.faults.reset();
  await sim.idle();
  receiver.received.length = 0;
});
afterAll(async () => {
  await sim.stop();
  await receiver.stop();
});

const create = (reference: string, key: string, value = 50000) =>
  client.call('epayment', 'POST', '/epayment/v1/payments', { body: aCreateBody(reference, { amount: { currency: 'NOK', value } }), idempotencyKey: key });
const capture = (reference: string, key: string, value: number) =>
  client.call('epayment', 'POST', '/epayment/v1/payments/{reference}/capture', { params: { reference }, body: { modificationAmount: { currency: 'NOK', value } }, idempotencyKey: key });
const received = (reference: string) => receiver.received.filter((w) => w.json['reference'] === reference).map((w) => w.json['name']);

describe('API faults', () => {
  it('5xx for the next N calls, without doing the operation', async () => {
    sim.faults.set({ serverError: { epayment: { next: 2, status: 503 } } });
    const reference = nextRef();
    const first = await create(reference, 'fault-create-1');
    expect(first.status).toBe(503);
    expect(first.contentType).toMatch(/^application\/problem\+json/);
    expect(sim.books(reference)).toBeUndefined();
    expect((await create(reference, 'fault-create-1')).status).toBe(503);
    expect((await create(reference, 'fault-create-1')).status).toBe(201);
  });

  it('a share of 5xx answers follows the seed, the same on every run', async () => {
    const statuses = async (seed: number) => {
      const seeded = await startVippsSimulator({ seed, faults: { serverError: { webhooks: { share: 0.5 } } } });
      try {
        const c = new VippsTestClient(seeded.url, DEMO_MERCHANT);
        await c.fetchToken();
        const out: number[] = [];
        for (let i = 0; i < 24; i += 1) out.push((await c.call('webhooks', 'GET', '/v1/webhooks')).status);
        return out;
      } finally {
        await seeded.stop();
      }
    };
    const first = await statuses(7);
    expect(await statuses(7)).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
  });

  it('answer lost after the operation: a 500, and a retry with the same key replays the success', async () => {
    const reference = nextRef();
    await create(reference, `c-${reference}`);
    sim.phone.approve(reference);
    sim.faults.set({ answerLost: { epayment: { next: 1 } } });
    expect((await capture(reference, 'lost-capture-1', 1000)).status).toBe(500);
    expect(sim.books(reference)?.payment.aggregate.capturedAmount.value).toBe(1000);
    const retry = await capture(reference, 'lost-capture-1', 1000);
    expect(retry.status).toBe(200);
    expect(sim.books(reference)?.payment.aggregate.capturedAmount.value).toBe(1000);
  });

  it('answer lost as a reset connection', async () => {
    const reference = nextRef();
    sim.faults.set({ answerLost: { epayment: { next: 1, mode: 'reset' } } });
    await expect(create(reference, 'reset-create-1')).rejects.toThrow();
    expect(sim.books(reference)?.payment.state).toBe('CREATED');
    expect((await create(reference, 'reset-create-1')).status).toBe(201);
  });

  it('a hanging request is never answered, until the simulator stops', async () => {
    const hanging = await startVippsSimulator({ faults: { hang: { qr: { next: 1 } } } });
    const c = new VippsTestClient(hanging.url, DEMO_MERCHANT);
    await c.fetchToken();
    let settled = false;
    const pending = fetch(`${hanging.url}/qr/v1/merchant-redirect`, { headers: { Authorization: `Bearer ${c.token}`, 'Ocp-Apim-Subscription-Key': DEMO_MERCHANT.subscriptionKey, Accept: 'image/png' } }).finally(() => {
      settled = true;
    });
    expect((await c.call('qr', 'GET', '/v1/merchant-redirect', { headers: { Accept: 'image/png' } })).status).toBe(200);
    expect(settled).toBe(false);
    await hanging.stop();
    await expect(pending).rejects.toThrow();
  });

  it('adds latency', async () => {
    sim.faults.set({ latencyMs: { webhooks: 60 } });
    const started = performance.now();
    expect((await client.call('webhooks', 'GET', '/v1/webhooks')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('applies faults given to the constructor', async () => {
    const faulty = await startVippsSimulator({ faults: { serverError: { accessToken: { next: 1 } } } });
    try {
      const c = new VippsTestClient(faulty.url, DEMO_MERCHANT);
      expect((await c.fetchToken()).status).toBe(500);
      expect((await c.fetchToken()).status).toBe(200);
    } finally {
      await faulty.stop();
    }
  });

  it('refuses invalid settings', () => {
    expect(() => sim.faults.set({ serverError: { epayment: { share: 2 } } })).toThrow(RangeError);
    expect(() => sim.faults.set({ webhookDrop: { next: -1 } })).toThrow(RangeError);
  });
});

describe('payment faults', () => {
  it('the phone ignores Approve: the payment stays CREATED and expires', async () => {
    const reference = nextRef();
    await create(reference, `c-${reference}`);
    sim.faults.set({ phoneIgnoresApprove: true });
    expect(sim.phone.approve(reference)).toMatchObject({ ok: false, state: 'CREATED' });
    sim.clock.advance(10 * 60 * 1000);
    expect(sim.books(reference)?.payment.state).toBe('EXPIRED');
    await sim.idle();
    expect(received(reference)).toEqual(['CREATED', 'EXPIRED']);
  });

  it('insufficient funds: the approval fails and the payment is ABORTED', async () => {
    const reference = nextRef();
    await create(reference, `c-${reference}`);
    sim.faults.set({ insufficientFunds: { next: 1 } });
    expect(sim.phone.approve(reference)).toEqual({ ok: false, state: 'ABORTED', detail: 'The card was declined: insufficient funds.' });
    await sim.idle();
    expect(received(reference)).toEqual(['CREATED', 'ABORTED']);
  });

  it('capture fails with 6260, logged with success:false, and a retry with the same key succeeds', async () => {
    const reference = nextRef();
    await create(reference, `c-${reference}`);
    sim.phone.approve(reference);
    sim.faults.set({ captureFailure: { next: 1, code: '6260' } });
    const failed = await capture(reference, 'cap-fail-1', 2000);
    expect(failed.status).toBe(400);
    expect(errorCodeOf(failed)).toBe('6260');
    expect(sim.books(reference)?.payment.aggregate.capturedAmount.value).toBe(0);
    const retry = await capture(reference, 'cap-fail-1', 2000);
    expect(retry.status).toBe(200);
    expect(sim.books(reference)?.events.filter((e) => e.name === 'CAPTURED').map((e) => e.success)).toEqual([false, true]);
    await sim.idle();
    expect(receiver.received.filter((w) => w.json['name'] === 'CAPTURED').map((w) => w.json['success'])).toEqual([false, true]);
  });

  it('capture failure defaults to 6280 and only counts captures that would succeed', async () => {
    const reference = nextRef();
    await create(reference, `c-${reference}`);
    sim.faults.set({ captureFailure: { next: 1 } });
    expect(errorCodeOf(await capture(reference, 'cap-early', 100))).toBe('6080');
    sim.phone.approve(reference);
    expect(errorCodeOf(await capture(reference, 'cap-ok-1', 100))).toBe('6280');
    expect((await capture(reference, 'cap-ok-2', 100)).status).toBe(200);
  });
});

describe('webhook faults', () => {
  it('drops the next event', async () => {
    sim.faults.set({ webhookDrop: { next: 1 } });
    const reference = nextRef();
    await create(reference, `c-${reference}`);
    sim.phone.approve(reference);
    await sim.idle();
    expect(received(reference)).toEqual(['AUTHORIZED']);
    expect(sim.webhookDeliveries().find((d) => d.reference === reference && d.payload.name === 'CREATED')).toMatchObject({ state: 'dropped', attempts: [] });
  });

  it('duplicates the next event', async () => {
    sim.faults.set({ webhookDuplicate: { next: 1 } });
    const reference = nextRef();
    await create(reference, `c-${reference}`);
    await sim.idle();
    const copies = receiver.received.filter((w) => w.json['reference'] === reference);
    expect(copies).toHaveLength(2);
    expect(copies[1]?.raw.equals(copies[0]?.raw ?? Buffer.alloc(0))).toBe(true);
    const records = sim.webhookDeliveries().filter((d) => d.reference === reference);
    expect(records[1]?.duplicateOf).toBe(records[0]?.id);
  });

  it('reorders: the held event arrives after the next one', async () => {
    sim.faults.set({ webhookReorder: { next: 1 } });
    const reference = nextRef();
    await create(reference, `c-${reference}`);
    sim.phone.approve(reference);
    await sim.idle();
    expect(received(reference)).toEqual(['AUTHORIZED', 'CREATED']);
  });

  it('delays an event, and deliverWebhooksNow sends it at once', async () => {
    sim.faults.set({ webhookDelay: { next: 1, ms: 3_600_000 } });
    const reference = nextRef();
    await create(reference, `c-${reference}`);
    const idle = sim.idle();
    expect(received(reference)).toEqual([]);
    sim.deliverWebhooksNow();
    await idle;
    expect(received(reference)).toEqual(['CREATED']);
    expect(sim.webhookDeliveries().find((d) => d.reference === reference)?.faults).toEqual(['delayed']);
  });
});

describe('faults over HTTP', () => {
  it('sets, reads and resets faults under /_sim/faults', async () => {
    const put = await readResponse(await fetch(`${sim.url}/_sim/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serverError: { qr: { next: 1 } }, phoneIgnoresApprove: true }) }));
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ serverError: { qr: { next: 1 } }, phoneIgnoresApprove: true });
    expect((await client.call('qr', 'GET', '/v1/merchant-redirect', { headers: { Accept: 'image/png' } })).status).toBe(500);
    const bad = await fetch(`${sim.url}/_sim/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serverError: { nope: { next: 1 } } }) });
    expect(bad.status).toBe(400);
    const reset = await readResponse(await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' }));
    expect(reset.json).toMatchObject({ serverError: {}, phoneIgnoresApprove: false });
    expect(sim.faults.get().phoneIgnoresApprove).toBe(false);
  });
});
