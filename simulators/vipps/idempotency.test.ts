import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { DEMO_MERCHANT, startVippsSimulator } from './index.ts';
import { aCreateBody, errorCodeOf, VippsTestClient } from './vipps-test-client.ts';
import type { VippsSimulator } from './index.ts';

// docs/vipps-contract.md §11: same key + same body → the same answer; same key
// + other body → 409 with 4010/4150/4020; a used reference with a new key →
// 4150; a 4xx is sticky for its key. A key is scoped per operation and payment.

let sim: VippsSimulator;
let client: VippsTestClient;

beforeAll(async () => {
  sim = await startVippsSimulator();
  client = new VippsTestClient(sim.url, DEMO_MERCHANT);
  await client.fetchToken();
});
afterAll(() => sim.stop());

const create = (reference: string, key: string, overrides: Record<string, unknown> = {}) =>
  client.call('epayment', 'POST', '/epayment/v1/payments', { body: aCreateBody(reference, overrides), idempotencyKey: key });
const modify = (op: 'capture' | 'refund' | 'cancel', reference: string, key: string, body: unknown) =>
  client.call('epayment', 'POST', `/epayment/v1/payments/{reference}/${op}`, { params: { reference }, body, idempotencyKey: key });
const amount = (value: number) => ({ modificationAmount: { currency: 'NOK', value } });

async function authorizedPayment(reference: string): Promise<void> {
  expect((await create(reference, `create-${reference}`)).status).toBe(201);
  expect(sim.phone.approve(reference).ok).toBe(true);
}

describe('create', () => {
  it('replays the same answer for the same key and body, and creates only one payment', async () => {
    const first = await create('idem-create-1', 'k-create-1');
    const second = await create('idem-create-1', 'k-create-1', { paymentDescription: 'Lading' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.text).toBe(first.text);
    expect(sim.books('idem-create-1')?.events.map((e) => e.name)).toEqual(['CREATED']);
  });

  it('treats reordered JSON keys as the same body', async () => {
    const body = aCreateBody('idem-create-2');
    const first = await client.call('epayment', 'POST', '/epayment/v1/payments', { body, idempotencyKey: 'k-create-2' });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const second = await client.call('epayment', 'POST', '/epayment/v1/payments', { body: reordered, idempotencyKey: 'k-create-2' });
    expect(second.status).toBe(first.status);
    expect(second.text).toBe(first.text);
  });

  it('answers 409 / 4150 for the same key with another body', async () => {
    await create('idem-create-3', 'k-create-3');
    const conflict = await create('idem-create-3', 'k-create-3', { amount: { currency: 'NOK', value: 60000 } });
    expect(conflict.status).toBe(409);
    expect(errorCodeOf(conflict)).toBe('4150');
  });

  it('answers 409 / 4150 for a used reference with a new key', async () => {
    await create('idem-create-4', 'k-create-4a');
    const again = await create('idem-create-4', 'k-create-4b');
    expect(again.status).toBe(409);
    expect(errorCodeOf(again)).toBe('4150');
    expect(again.contentType).toMatch(/^application\/problem\+json/);
  });

  it('keeps a 4xx for its key even after the request would now succeed', async () => {
    const bad = await create('idem-create-5', 'k-create-5', { amount: { currency: 'NOK', value: 99 } });
    expect(bad.status).toBe(400);
    const retried = await create('idem-create-5', 'k-create-5', { amount: { currency: 'NOK', value: 99 } });
    expect(retried.text).toBe(bad.text);
    expect(sim.books('idem-create-5')).toBeUndefined();
    const fixed = await create('idem-create-5', 'k-create-5-fixed');
    expect(fixed.status).toBe(201);
  });

  it('requires an Idempotency-Key of at most 50 characters', async () => {
    const missing = await client.call('epayment', 'POST', '/epayment/v1/payments', { body: aCreateBody('idem-create-6') });
    expect(missing.status).toBe(400);
    expect((missing.json as { extraDetails: unknown[] }).extraDetails).toContainEqual({ name: 'Idempotency-Key', reason: 'The Idempotency-Key header is required.' });
    const tooLong = await create('idem-create-6', 'k'.repeat(51));
    expect(tooLong.status).toBe(400);
    expect((await create('idem-create-6', 'k'.repeat(50))).status).toBe(201);
  });
});

describe('capture, refund, cancel', () => {
  it('replays a capture instead of capturing twice', async () => {
    await authorizedPayment('idem-capture-1');
    const first = await modify('capture', 'idem-capture-1', 'k-cap-1', amount(1000));
    const second = await modify('capture', 'idem-capture-1', 'k-cap-1', amount(1000));
    expect(second.text).toBe(first.text);
    expect(sim.books('idem-capture-1')?.payment.aggregate.capturedAmount.value).toBe(1000);
    expect(sim.books('idem-capture-1')?.events.filter((e) => e.name === 'CAPTURED')).toHaveLength(1);
  });

  it('answers 4010 for a capture key reused with another amount', async () => {
    await authorizedPayment('idem-capture-2');
    await modify('capture', 'idem-capture-2', 'k-cap-2', amount(1000));
    const conflict = await modify('capture', 'idem-capture-2', 'k-cap-2', amount(2000));
    expect(conflict.status).toBe(409);
    expect(errorCodeOf(conflict)).toBe('4010');
  });

  it('answers 4150 for a refund key reused with another amount', async () => {
    await authorizedPayment('idem-refund-1');
    await modify('capture', 'idem-refund-1', 'k-cap-r1', amount(5000));
    expect((await modify('refund', 'idem-refund-1', 'k-ref-1', amount(1000))).status).toBe(200);
    const conflict = await modify('refund', 'idem-refund-1', 'k-ref-1', amount(1500));
    expect(conflict.status).toBe(409);
    expect(errorCodeOf(conflict)).toBe('4150');
  });

  it('scopes a key per operation and payment: one key for create, capture, refund and cancel, as in Vipps\' examples', async () => {
    const key = 'one-key-for-the-payment';
    expect((await create('idem-one-key-1', key)).status).toBe(201);
    sim.phone.approve('idem-one-key-1');
    const captured = await modify('capture', 'idem-one-key-1', key, amount(20000));
    expect(captured.status).toBe(200);
    const refunded = await modify('refund', 'idem-one-key-1', key, amount(5000));
    expect(refunded.status).toBe(200);
    const cancelled = await modify('cancel', 'idem-one-key-1', key, { cancelTransactionOnly: false });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ aggregate: { capturedAmount: { value: 20000 }, refundedAmount: { value: 5000 }, cancelledAmount: { value: 30000 } } });
    // Within each operation the key still means "the same request again".
    expect((await modify('capture', 'idem-one-key-1', key, amount(20000))).text).toBe(captured.text);
    expect((await modify('refund', 'idem-one-key-1', key, amount(5000))).text).toBe(refunded.text);
    expect(errorCodeOf(await modify('capture', 'idem-one-key-1', key, amount(1000)))).toBe('4010');
    expect(errorCodeOf(await modify('refund', 'idem-one-key-1', key, amount(1000)))).toBe('4150');
    // The same key on another payment is another request.
    await authorizedPayment('idem-one-key-2');
    expect((await modify('capture', 'idem-one-key-2', key, amount(1000))).status).toBe(200);
  });

  it('replays a too-early capture error after approval (a 4xx is sticky)', async () => {
    expect((await create('idem-sticky-1', 'k-sticky-create')).status).toBe(201);
    const early = await modify('capture', 'idem-sticky-1', 'k-sticky-cap', amount(1000));
    expect(errorCodeOf(early)).toBe('6080');
    sim.phone.approve('idem-sticky-1');
    const retried = await modify('capture', 'idem-sticky-1', 'k-sticky-cap', amount(1000));
    expect(retried.text).toBe(early.text);
    expect((await modify('capture', 'idem-sticky-1', 'k-sticky-cap-2', amount(1000))).status).toBe(200);
  });

  it('treats an empty cancel body and {"cancelTransactionOnly": false} as the same request', async () => {
    await authorizedPayment('idem-cancel-1');
    const empty = await client.call('epayment', 'POST', '/epayment/v1/payments/{reference}/cancel', {
      params: { reference: 'idem-cancel-1' },
      idempotencyKey: 'k-cancel-1',
    });
    expect(empty.status).toBe(200);
    const explicit = await modify('cancel', 'idem-cancel-1', 'k-cancel-1', { cancelTransactionOnly: false });
    expect(explicit.text).toBe(empty.text);
    const other = await modify('cancel', 'idem-cancel-1', 'k-cancel-1', { cancelTransactionOnly: true });
    expect(other.status).toBe(409);
    expect(errorCodeOf(other)).toBe('4020');
  });

  it('keys are per merchant: another MSN may use the same key', async () => {
    const other = { ...DEMO_MERCHANT, clientId: 'other-id', clientSecret: 'other-secret', subscriptionKey: 'other-key', msn: '654321', name: 'Other AS' };
    const twoMerchants = await startVippsSimulator({ merchants: [DEMO_MERCHANT, other] });
    try {
      const a = new VippsTestClient(twoMerchants.url, DEMO_MERCHANT);
      const b = new VippsTestClient(twoMerchants.url, other);
      await a.fetchToken();
      await b.fetchToken();
      const body = aCreateBody('shared-ref-0001');
      expect((await a.call('epayment', 'POST', '/epayment/v1/payments', { body, idempotencyKey: 'same-key' })).status).toBe(201);
      expect((await b.call('epayment', 'POST', '/epayment/v1/payments', { body, idempotencyKey: 'same-key' })).status).toBe(201);
      expect(() => twoMerchants.books('shared-ref-0001')).toThrow(/several merchants/);
      expect(twoMerchants.books('shared-ref-0001', '654321')?.payment.reference).toBe('shared-ref-0001');
    } finally {
      await twoMerchants.stop();
    }
  });
});
