import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { DEMO_MERCHANT, startVippsSimulator } from './index.ts';
import { contract, readResponse, VippsTestClient } from './vipps-test-client.ts';
import { startWebhookReceiver, verifyVippsSignature } from './webhook-test-receiver.ts';
import type { VippsSimulator } from './index.ts';
import type { WebhookReceiver } from './webhook-test-receiver.ts';

// The EV-charging happy path of docs/vipps-contract.md §20, end to end over HTTP, every answer checked
// against the vendored schemas: create → phone approve → capture the used part → cancel the rest →
// receipt → category.

const REFERENCE = 'ladepay-session-0001';
const RETURN_URL = 'https://ladepay.example/s/abc123';
const DESCRIPTION = 'Midlertidig reservasjon av maksbeløp. Du blir kun belastet for faktisk bruk.';
const NOK = (value: number) => ({ currency: 'NOK', value });

let sim: VippsSimulator;
let receiver: WebhookReceiver;
let client: VippsTestClient;
let secret = '';
let webhookId = '';
const hookUrl = () => receiver.url('/hooks/vipps?site=oslo');

beforeAll(async () => {
  sim = await startVippsSimulator({ webhookRetry: { backoffMs: [5], maxAttempts: 3 } });
  receiver = await startWebhookReceiver();
  client = new VippsTestClient(sim.url, DEMO_MERCHANT);
  expect((await client.fetchToken()).status).toBe(200);
});

afterAll(async () => {
  await sim.stop();
  await receiver.stop();
});

describe('scripted EV charging run', () => {
  it('registers a webhook for every ePayment event', async () => {
    const events = ['created', 'authorized', 'aborted', 'expired', 'captured', 'cancelled', 'refunded', 'terminated'].map((e) => `epayments.payment.${e}.v1`);
    const registered = await client.call('webhooks', 'POST', '/v1/webhooks', { body: { url: hookUrl(), events } });
    expect(registered.status).toBe(201);
    ({ id: webhookId, secret } = registered.json as { id: string; secret: string });
    const list = await client.call('webhooks', 'GET', '/v1/webhooks');
    expect(list.json).toEqual({ webhooks: [{ id: webhookId, url: hookUrl(), events }] });
  });

  it('creates the payment with a redirectUrl to the simulated phone', async () => {
    const body = {
      amount: NOK(35000),
      paymentMethod: { type: 'WALLET' },
      reference: REFERENCE,
      userFlow: 'WEB_REDIRECT',
      returnUrl: RETURN_URL,
      customerInteraction: 'CUSTOMER_PRESENT',
      paymentDescription: DESCRIPTION,
      metadata: { station: '21678' },
    };
    expect(contract().checkRequest('epayment', 'POST', '/epayment/v1/payments', body)).toEqual([]);
    const created = await client.call('epayment', 'POST', '/epayment/v1/payments', { body, idempotencyKey: 'create-abc123' });
    expect(created.status).toBe(201);
    const { redirectUrl, reference } = created.json as { redirectUrl: string; reference: string };
    expect(reference).toBe(REFERENCE);
    expect(redirectUrl).toMatch(new RegExp(`^${sim.url}/phone/\\?token=[A-Za-z0-9_-]+$`));

    const got = await client.call('epayment', 'GET', '/epayment/v1/payments/{reference}', { params: { reference: REFERENCE } });
    expect(got.json).toMatchObject({
      state: 'CREATED',
      amount: NOK(35000),
      aggregate: { authorizedAmount: NOK(0), cancelledAmount: NOK(0), capturedAmount: NOK(0), refundedAmount: NOK(0) },
      paymentMethod: { type: 'WALLET' },
      redirectUrl,
      metadata: { station: '21678' },
    });
  });

  it('shows the payment on the phone and approves it there, then returns to the merchant', async () => {
    const phoneUrl = sim.books(REFERENCE)?.phoneUrl ?? '';
    const page = await readResponse(await fetch(phoneUrl));
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/html/);
    expect(page.text).toContain('Ladepay Demo Lading AS');
    expect(page.text).toContain('350,00\u00a0kr');
    expect(page.text).toContain(DESCRIPTION);
    const action = /<form method="post" action="(\/phone\/[^"]+\/approve)">/.exec(page.text)?.[1];
    expect(action).toBeDefined();
    expect(page.text).not.toMatch(/<(script|link|img)\b/);

    const approved = await fetch(`${sim.url}${action}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(approved.status).toBe(303);
    expect(approved.headers.get('location')).toBe(RETURN_URL);

    const got = await client.call('epayment', 'GET', '/epayment/v1/payments/{reference}', { params: { reference: REFERENCE } });
    expect(got.json).toMatchObject({ state: 'AUTHORIZED', aggregate: { authorizedAmount: NOK(35000) } });
    expect(typeof (got.json as { captureGuaranteedUntil?: string }).captureGuaranteedUntil).toBe('string');
  });

  it('captures the used amount and cancels the rest', async () => {
    const captured = await client.call('epayment', 'POST', '/epayment/v1/payments/{reference}/capture', {
      params: { reference: REFERENCE },
      body: { modificationAmount: NOK(12345) },
      idempotencyKey: 'capture-abc123',
    });
    expect(captured.status).toBe(200);
    const createdPsp = sim.books(REFERENCE)?.events[0]?.pspReference;
    expect(captured.json).toEqual({
      amount: NOK(35000),
      state: 'AUTHORIZED',
      aggregate: { authorizedAmount: NOK(35000), cancelledAmount: NOK(0), capturedAmount: NOK(12345), refundedAmount: NOK(0) },
      pspReference: createdPsp,
      reference: REFERENCE,
    });

    const cancelled = await client.call('epayment', 'POST', '/epayment/v1/payments/{reference}/cancel', {
      params: { reference: REFERENCE },
      body: { cancelTransactionOnly: false },
      idempotencyKey: 'cancel-abc123',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({
      state: 'AUTHORIZED',
      aggregate: { authorizedAmount: NOK(35000), cancelledAmount: NOK(22655), capturedAmount: NOK(12345), refundedAmount: NOK(0) },
    });
  });

  it('keeps the event log of docs/vipps-contract.md §6: one entry per operation with its own amount and pspReference', async () => {
    const events = await client.call('epayment', 'GET', '/epayment/v1/payments/{reference}/events', { params: { reference: REFERENCE } });
    const log = events.json as Array<Record<string, unknown>>;
    expect(log.map(({ name, amount, idempotencyKey, success, reference }) => ({ name, amount, idempotencyKey, success, reference }))).toEqual([
      { name: 'CREATED', amount: NOK(35000), idempotencyKey: 'create-abc123', success: true, reference: REFERENCE },
      { name: 'AUTHORIZED', amount: NOK(35000), idempotencyKey: 'create-abc123', success: true, reference: REFERENCE },
      { name: 'CAPTURED', amount: NOK(12345), idempotencyKey: 'capture-abc123', success: true, reference: REFERENCE },
      { name: 'CANCELLED', amount: NOK(22655), idempotencyKey: 'cancel-abc123', success: true, reference: REFERENCE },
    ]);
    expect(new Set(log.map((e) => e['pspReference'])).size).toBe(4);
    const timestamps = log.map((e) => Date.parse(String(e['timestamp'])));
    expect([...timestamps].sort((a, b) => a - b)).toEqual(timestamps);
    const got = await client.call('epayment', 'GET', '/epayment/v1/payments/{reference}', { params: { reference: REFERENCE } });
    expect((got.json as { pspReference: string }).pspReference).toBe(log[0]?.['pspReference']);
    expect(sim.books(REFERENCE)).toMatchObject({ payment: got.json, events: log });
  });

  it('adds the receipt once and a category link, and reads both back', async () => {
    const total = 12345;
    const excl = Math.round(total / 1.25);
    const receipt = {
      orderLines: [
        {
          name: 'Lading stasjon 21678',
          id: 'energy',
          totalAmount: total,
          totalAmountExcludingTax: excl,
          totalTaxAmount: total - excl,
          taxRate: 2500,
          unitInfo: { unitPrice: 499, quantity: '24.74', quantityUnit: 'KWH' },
        },
      ],
      bottomLine: { currency: 'NOK', receiptNumber: '0001' },
    };
    expect(contract().checkRequest('orderManagement', 'POST', '/v2/{paymentType}/receipts/{orderId}', receipt)).toEqual([]);
    const params = { paymentType: 'ecom', orderId: REFERENCE };
    const added = await client.call('orderManagement', 'POST', '/v2/{paymentType}/receipts/{orderId}', { params, body: receipt });
    expect(added.status).toBe(201);
    expect(typeof added.json).toBe('string');
    const again = await client.call('orderManagement', 'POST', '/v2/{paymentType}/receipts/{orderId}', { params, body: receipt });
    expect(again.status).toBe(409);

    const category = { category: 'RECEIPT', orderDetailsUrl: RETURN_URL };
    const put = await client.call('orderManagement', 'PUT', '/v2/{paymentType}/categories/{orderId}', { params, body: category });
    expect(put.status).toBe(200);
    const order = await client.call('orderManagement', 'GET', '/v2/{paymentType}/{orderId}', { params: { paymentType: 'ECOM', orderId: REFERENCE } });
    expect(order.json).toEqual({ category, receipt });
    expect(sim.receipts(REFERENCE)).toEqual({ category, receipt });
  });

  it('delivered one signed webhook per operation, in order, to the registered URL', async () => {
    await sim.idle();
    const log = sim.books(REFERENCE)?.events ?? [];
    expect(receiver.received.map((w) => w.json['name'])).toEqual(['CREATED', 'AUTHORIZED', 'CAPTURED', 'CANCELLED']);
    receiver.received.forEach((webhook, index) => {
      expect(webhook.path).toBe('/hooks/vipps?site=oslo');
      expect(verifyVippsSignature(webhook, secret, hookUrl())).toBe(true);
      expect(verifyVippsSignature(webhook, `${secret}x`, hookUrl())).toBe(false);
      expect(contract().checkSchema('epayment', 'WebhookEvent', webhook.json)).toEqual([]);
      const event = log[index];
      expect(webhook.json).toMatchObject({
        msn: DEMO_MERCHANT.msn,
        reference: REFERENCE,
        pspReference: event?.pspReference,
        name: event?.name,
        amount: event?.amount,
        timestamp: event?.timestamp,
        idempotencyKey: event?.idempotencyKey,
        success: true,
      });
      expect(webhook.headers['x-ms-date']).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    });
    expect(receiver.received[1]?.json['captureGuaranteedUntil']).toBe((sim.books(REFERENCE)?.payment as { captureGuaranteedUntil?: string }).captureGuaranteedUntil);
    expect(sim.webhookDeliveries().map((d) => [d.event, d.state, d.attempts.map((a) => a.status)])).toEqual([
      ['epayments.payment.created.v1', 'delivered', [200]],
      ['epayments.payment.authorized.v1', 'delivered', [200]],
      ['epayments.payment.captured.v1', 'delivered', [200]],
      ['epayments.payment.cancelled.v1', 'delivered', [200]],
    ]);
  });

  it('deletes the webhook registration', async () => {
    const deleted = await client.call('webhooks', 'DELETE', '/v1/webhooks/{id}', { params: { id: webhookId } });
    expect(deleted.status).toBe(204);
    expect((await client.call('webhooks', 'GET', '/v1/webhooks')).json).toEqual({ webhooks: [] });
  });
});
