import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { DEMO_MERCHANT, startVippsSimulator } from './index.ts';
import { VippsTestClient } from './vipps-test-client.ts';
import type { VippsSimulator } from './index.ts';

// Order Management API (docs/vipps-contract.md §19): receipts once, categories overwrite, images, case-insensitive paymentType.

let sim: VippsSimulator;
let client: VippsTestClient;

beforeAll(async () => {
  sim = await startVippsSimulator();
  client = new VippsTestClient(sim.url, DEMO_MERCHANT);
  await client.fetchToken();
});
afterAll(() => sim.stop());

const receipt = {
  orderLines: [
    { name: 'Lading', id: 'energy', totalAmount: 10000, totalAmountExcludingTax: 8000, totalTaxAmount: 2000, taxRate: 2500, unitInfo: { unitPrice: 500, quantity: '20', quantityUnit: 'KWH' } },
  ],
  bottomLine: { currency: 'NOK' },
};
const addReceipt = (paymentType: string, orderId: string, body: unknown) =>
  client.call('orderManagement', 'POST', '/v2/{paymentType}/receipts/{orderId}', { params: { paymentType, orderId }, body });
const putCategory = (orderId: string, body: unknown, paymentType = 'ecom') =>
  client.call('orderManagement', 'PUT', '/v2/{paymentType}/categories/{orderId}', { params: { paymentType, orderId }, body });
const getOrder = (orderId: string, paymentType = 'ecom') => client.call('orderManagement', 'GET', '/v2/{paymentType}/{orderId}', { params: { paymentType, orderId } });

function pngOfHeight(height: number): string {
  const png = new PNG({ width: height, height });
  png.data.fill(200);
  return PNG.sync.write(png).toString('base64');
}

describe('receipts', () => {
  it('accepts ECOM in any casing, once; a second POST is 409', async () => {
    expect((await addReceipt('eCom', 'om-order-1', receipt)).status).toBe(201);
    expect((await addReceipt('ECOM', 'om-order-1', receipt)).status).toBe(409);
    expect((await getOrder('om-order-1', 'ecom')).json).toEqual({ receipt });
    expect((await addReceipt('recurring', 'om-order-1', receipt)).status).toBe(201);
  });

  it('does not check that a payment exists for the order id', async () => {
    expect((await addReceipt('ecom', 'typo-reference', receipt)).status).toBe(201);
  });

  it.each([
    ['an unknown paymentType', 'epayment', 'om-bad-1', receipt, 'paymentType'],
    ['an orderId with a space', 'ecom', 'om bad', receipt, 'orderId'],
    ['no order lines', 'ecom', 'om-bad-2', { orderLines: [], bottomLine: { currency: 'NOK' } }, 'orderLines'],
    ['a negative line amount', 'ecom', 'om-bad-3', { ...receipt, orderLines: [{ ...receipt.orderLines[0], totalAmount: -1 }] }, 'orderLines[0].totalAmount'],
    ['no tax rate', 'ecom', 'om-bad-4', { ...receipt, orderLines: [{ ...receipt.orderLines[0], taxRate: undefined }] }, 'orderLines[0].taxRate'],
    ['a bad quantity', 'ecom', 'om-bad-5', { ...receipt, orderLines: [{ ...receipt.orderLines[0], unitInfo: { unitPrice: 1, quantity: '1,5' } }] }, 'orderLines[0].unitInfo.quantity'],
    ['an unknown currency', 'ecom', 'om-bad-6', { ...receipt, bottomLine: { currency: 'SEK' } }, 'bottomLine.currency'],
  ])('400 for %s', async (_name, type, orderId, body, field) => {
    const answer = await addReceipt(type, orderId, JSON.parse(JSON.stringify(body)));
    expect(answer.status).toBe(400);
    expect((answer.json as { invalidParams: Array<{ name: string }> }).invalidParams.map((p) => p.name)).toContain(field);
  });

  it('400 for malformed JSON, 404 for an order with nothing stored', async () => {
    const bad = await client.call('orderManagement', 'POST', '/v2/{paymentType}/receipts/{orderId}', { params: { paymentType: 'ecom', orderId: 'om-bad-7' }, rawBody: '{' });
    expect(bad.status).toBe(400);
    expect((await getOrder('om-nothing')).status).toBe(404);
  });

  it('keeps a receipt sent with the ePayment create, so Order Management refuses another', async () => {
    const created = await client.call('epayment', 'POST', '/epayment/v1/payments', {
      body: { amount: { currency: 'NOK', value: 10000 }, paymentMethod: { type: 'WALLET' }, reference: 'om-with-receipt', userFlow: 'WEB_REDIRECT', returnUrl: 'https://x.example/r', receipt },
      idempotencyKey: 'om-create-1',
    });
    expect(created.status).toBe(201);
    expect(sim.receipts('om-with-receipt')).toEqual({ receipt });
    expect((await addReceipt('ecom', 'om-with-receipt', receipt)).status).toBe(409);
  });
});

describe('categories and images', () => {
  it('overwrites the category; only the latest is kept', async () => {
    expect((await putCategory('om-cat-1', { category: 'GENERAL', orderDetailsUrl: 'https://ladepay.example/s/1' })).status).toBe(200);
    expect((await putCategory('om-cat-1', { category: 'RECEIPT', orderDetailsUrl: 'https://ladepay.example/s/2' }, 'ECOM')).status).toBe(200);
    expect((await getOrder('om-cat-1')).json).toEqual({ category: { category: 'RECEIPT', orderDetailsUrl: 'https://ladepay.example/s/2' } });
  });

  it('400 for an unknown category or a relative URL; 404 for an image that was never uploaded', async () => {
    expect((await putCategory('om-cat-2', { category: 'INVOICE', orderDetailsUrl: 'https://ladepay.example/s/1' })).status).toBe(400);
    expect((await putCategory('om-cat-2', { category: 'RECEIPT', orderDetailsUrl: '/s/1' })).status).toBe(400);
    expect((await putCategory('om-cat-2', { category: 'RECEIPT', orderDetailsUrl: 'https://ladepay.example/s/1', imageId: 'no-such-image' })).status).toBe(404);
  });

  it('uploads an image once and links it from a category', async () => {
    const upload = (imageId: string, src: string) => client.call('orderManagement', 'POST', '/v1/images', { body: { imageId, src, type: 'base64' } });
    const answer = await upload('ladepay-logo', pngOfHeight(200));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ imageId: 'ladepay-logo' });
    expect((await upload('ladepay-logo', pngOfHeight(200))).status).toBe(409);
    expect((await upload('too-small', pngOfHeight(100))).status).toBe(400);
    expect((await upload('not-an-image', Buffer.from('hello').toString('base64'))).status).toBe(400);
    expect((await upload('bad id!', pngOfHeight(200))).status).toBe(400);
    const category = { category: 'RECEIPT', orderDetailsUrl: 'https://ladepay.example/s/3', imageId: 'ladepay-logo' };
    expect((await putCategory('om-cat-3', category)).status).toBe(200);
    expect((await getOrder('om-cat-3')).json).toEqual({ category });
  });
});
