import fc from 'fast-check';
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { DEMO_MERCHANT, startVippsSimulator } from './index.ts';
import { readResponse, VippsTestClient } from './vipps-test-client.ts';
import type { VippsSimulator } from './index.ts';

// Nothing a client sends may crash the simulator or reach a 5xx: every malformed request gets a 4xx.

let sim: VippsSimulator;
let client: VippsTestClient;

beforeAll(async () => {
  sim = await startVippsSimulator();
  client = new VippsTestClient(sim.url, DEMO_MERCHANT);
  await client.fetchToken();
  await client.call('epayment', 'POST', '/epayment/v1/payments', {
    body: { amount: { currency: 'NOK', value: 1000 }, paymentMethod: { type: 'WALLET' }, reference: 'robust-0001', userFlow: 'WEB_REDIRECT', returnUrl: 'https://x.example/r' },
    idempotencyKey: 'robust-create',
  });
  sim.phone.approve('robust-0001');
});
afterAll(() => sim.stop());

const ENDPOINTS: Array<[string, string]> = [
  ['POST', '/epayment/v1/payments'],
  ['POST', '/epayment/v1/payments/robust-0001/capture'],
  ['POST', '/epayment/v1/payments/robust-0001/refund'],
  ['POST', '/epayment/v1/payments/robust-0001/cancel'],
  ['POST', '/epayment/v1/test/payments/robust-0001/approve'],
  ['POST', '/webhooks/v1/webhooks'],
  ['POST', '/qr/v1/merchant-redirect'],
  ['PUT', '/qr/v1/merchant-redirect/some-id'],
  ['POST', '/order-management/v2/ecom/receipts/robust-order'],
  ['PUT', '/order-management/v2/ecom/categories/robust-order'],
  ['POST', '/order-management/v1/images'],
  ['PUT', '/_sim/faults'],
  ['POST', '/_sim/clock/advance'],
];

async function send(method: string, path: string, body: string, contentType = 'application/json', key = `k-${Math.random()}`) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${client.token}`,
      'Ocp-Apim-Subscription-Key': DEMO_MERCHANT.subscriptionKey,
      'Merchant-Serial-Number': DEMO_MERCHANT.msn,
      'Idempotency-Key': key,
      Accept: 'image/png',
      'Content-Type': contentType,
    },
    body,
  });
  return readResponse(response);
}

describe('malformed input', () => {
  it.each(ENDPOINTS)('%s %s: bad JSON, wrong types and odd content types give 4xx', async (method, path) => {
    for (const body of ['{', '{"a":', 'null', '[]', '"text"', '42', 'true', '{"amount":"lots"}', '{"modificationAmount":{"value":1e400}}']) {
      const answer = await send(method, path, body);
      expect(answer.status, `${body} → ${answer.text}`).toBeGreaterThanOrEqual(200);
      expect(answer.status, `${body} → ${answer.text}`).toBeLessThan(500);
    }
    expect((await send(method, path, 'a=1&b=2', 'application/x-www-form-urlencoded')).status).toBeLessThan(500);
  });

  it('random JSON bodies never give a 5xx on any endpoint', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS), fc.jsonValue({ maxDepth: 3 }), async ([method, path], value) => {
        const answer = await send(method, path, JSON.stringify(value));
        expect(answer.status, answer.text).toBeLessThan(500);
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it('answers 413 for a body over the limit and 404 for unknown routes, both as problem bodies', async () => {
    const big = await send('POST', '/order-management/v1/images', JSON.stringify({ src: 'A'.repeat(5 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    const unknown = await readResponse(await fetch(`${sim.url}/epayment/v2/payments`));
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toMatch(/^application\/problem\+json/);
  });

  it('still serves normally afterwards', async () => {
    // The fuzzing may have moved the clock past the token's lifetime through /_sim/clock/advance.
    await client.fetchToken();
    const got = await client.call('epayment', 'GET', '/epayment/v1/payments/{reference}', { params: { reference: 'robust-0001' } });
    expect(got.status).toBe(200);
    expect((got.json as { state: string }).state).toBe('AUTHORIZED');
  });
});
