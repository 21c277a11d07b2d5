import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { DEMO_MERCHANT, startVippsSimulator } from './index.ts';
import { aCreateBody, errorCodeOf, VippsTestClient } from './vipps-test-client.ts';
import type { SimMerchant, VippsSimulator } from './index.ts';
import type { TestResponse } from './vipps-test-client.ts';

// Every ePayment error the simulator implements (docs/vipps-contract.md §13), each answer validated against the Problem schema.

const LONG_LIVING: SimMerchant = { clientId: 'll-id', clientSecret: 'll-secret', subscriptionKey: 'll-key', msn: '222222', name: 'Long AS', allowLongLivingPayments: true };
const STRICT: SimMerchant = { clientId: 'st-id', clientSecret: 'st-secret', subscriptionKey: 'st-key', msn: '333333', name: 'Strict AS', mustCaptureFullAmount: true, allowPushMessage: false };

let sim: VippsSimulator;
let client: VippsTestClient;
let longLiving: VippsTestClient;
let strict: VippsTestClient;
let counter = 0;
const nextRef = () => `err-ref-${String(++counter).padStart(4, '0')}`;

beforeAll(async () => {
  sim = await startVippsSimulator({ merchants: [DEMO_MERCHANT, LONG_LIVING, STRICT] });
  client = new VippsTestClient(sim.url, DEMO_MERCHANT);
  longLiving = new VippsTestClient(sim.url, LONG_LIVING);
  strict = new VippsTestClient(sim.url, STRICT);
  await Promise.all([client.fetchToken(), longLiving.fetchToken(), strict.fetchToken()]);
});
afterAll(() => sim.stop());

function expectProblem(answer: TestResponse, status: number, code: string | undefined): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.contentType).toMatch(/^application\/problem\+json/);
  const body = answer.json as { traceId: string; instance: string; status: number; type: string };
  expect(body.status).toBe(status);
  expect(body.traceId).toMatch(/^[0-9a-f]{32}$/);
  expect(body.instance).toMatch(/^\/v1\//);
  expect(errorCodeOf(answer)).toBe(code);
}

const create = (body: unknown, via = client) => via.call('epayment', 'POST', '/epayment/v1/payments', { body, idempotencyKey: `key-${++counter}` });
const op = (name: 'capture' | 'refund' | 'cancel', reference: string, body: unknown, via = client) =>
  via.call('epayment', 'POST', `/epayment/v1/payments/{reference}/${name}`, { params: { reference }, body, idempotencyKey: `key-${++counter}` });
const nok = (value: number) => ({ modificationAmount: { currency: 'NOK', value } });
const receipt = { orderLines: [{ name: 'Lading', id: 'e', totalAmount: 100, totalAmountExcludingTax: 80, totalTaxAmount: 20, taxRate: 2500 }], bottomLine: { currency: 'NOK' } };
const inMinutes = (minutes: number) => new Date(sim.clock.now().getTime() + minutes * 60_000).toISOString();
const push = { userFlow: 'PUSH_MESSAGE', customer: { phoneNumber: '4791234567' }, returnUrl: undefined };

async function inState(state: 'CREATED' | 'AUTHORIZED' | 'ABORTED' | 'EXPIRED' | 'TERMINATED', via = client, value = 50000): Promise<string> {
  const reference = nextRef();
  expect((await create(aCreateBody(reference, { amount: { currency: 'NOK', value } }), via)).status).toBe(201);
  if (state === 'AUTHORIZED') sim.phone.approve(reference, via.merchant.msn);
  if (state === 'ABORTED') sim.phone.reject(reference, via.merchant.msn);
  if (state === 'TERMINATED') await op('cancel', reference, {}, via);
  if (state === 'EXPIRED') {
    sim.clock.advance(10 * 60_000);
  }
  expect(sim.books(reference, via.merchant.msn)?.payment.state).toBe(state);
  return reference;
}

describe('create payment validation', () => {
  const cases: Array<[string, Record<string, unknown>, number, string | undefined]> = [
    ['decimal amount → 4040', { amount: { currency: 'NOK', value: 100.5 } }, 400, '4040'],
    ['amount above 65 000 000 → 4040', { amount: { currency: 'NOK', value: 65_000_001 } }, 400, '4040'],
    ['negative amount → 4040', { amount: { currency: 'NOK', value: -1 } }, 400, '4040'],
    ['empty customerToken → 4050', { ...push, customer: { customerToken: '' } }, 400, '4050'],
    ['short personalQr → 4060', { ...push, customer: { personalQr: 'abc' } }, 400, '4060'],
    ['bad phone number → 4070', { ...push, customer: { phoneNumber: '+4791234567' } }, 400, '4070'],
    ['unknown scope → 4080', { profile: { scope: 'name shoeSize' } }, 400, '4080'],
    ['plain-http returnUrl → 4090', { returnUrl: 'http://ladepay.example/s/1' }, 400, '4090'],
    ['six metadata pairs → 4100', { metadata: { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' } }, 400, '4100'],
    ['metadata key over 100 → 4120', { metadata: { ['k'.repeat(101)]: 'v' } }, 400, '4120'],
    ['metadata value over 500 → 4130', { metadata: { k: 'v'.repeat(501) } }, 400, '4130'],
    ['WEB_REDIRECT without returnUrl → 4140', { returnUrl: undefined }, 400, '4140'],
    ['PUSH_MESSAGE without customer → 4140', { ...push, customer: undefined }, 400, '4140'],
    ['CARD_PASSTHROUGH → 4160', { paymentMethod: { type: 'CARD_PASSTHROUGH' } }, 400, '4160'],
    ['CARD without WEB_REDIRECT → 4160', { ...push, paymentMethod: { type: 'CARD' } }, 400, '4160'],
    ['nin scope → 5030', { profile: { scope: 'name nin' } }, 400, '5030'],
    ['EUR on a NOK sales unit → 5040', { amount: { currency: 'EUR', value: 5000 } }, 400, '5040'],
    ['expiresAt without approval → 5050', { ...push, expiresAt: '2099-01-01T00:00:00Z', receipt }, 400, '5050'],
    ['99 øre → 6010', { amount: { currency: 'NOK', value: 99 } }, 400, '6010'],
    ['short reference → validation', { reference: 'short' }, 400, undefined],
    ['65-character reference → validation', { reference: 'r'.repeat(65) }, 400, undefined],
    ['reference with underscore → validation', { reference: 'ref_000001' }, 400, undefined],
    ['unknown userFlow → validation', { userFlow: 'TELEPATHY' }, 400, undefined],
    ['two customer identities → validation', { ...push, customer: { phoneNumber: '4791234567', personalQr: 'https://qr.example/1' } }, 400, undefined],
    ['2-character paymentDescription → validation', { paymentDescription: 'ab' }, 400, undefined],
    ['101-character paymentDescription → validation', { paymentDescription: 'd'.repeat(101) }, 400, undefined],
    ['missing amount → validation', { amount: undefined }, 400, undefined],
    ['metadata value not a string → validation', { metadata: { n: 5 } }, 400, undefined],
    ['receipt without order lines → validation', { receipt: { orderLines: [], bottomLine: { currency: 'NOK' } } }, 400, undefined],
  ];
  it.each(cases)('%s', async (_name, overrides, status, code) => {
    const body = JSON.parse(JSON.stringify(aCreateBody(nextRef(), overrides))) as unknown;
    expectProblem(await create(body), status, code);
  });

  it('accepts a 64-character reference (ePayment 1.7.0) and a custom app scheme returnUrl', async () => {
    const answer = await create(aCreateBody('R'.repeat(64), { returnUrl: 'ladepay://session/1' }));
    expect(answer.status).toBe(201);
  });

  it('names the failed fields in extraDetails', async () => {
    const answer = await create(aCreateBody('bad', { userFlow: 'NOPE' }));
    const details = (answer.json as { extraDetails: Array<{ name: string }> }).extraDetails.map((d) => d.name);
    expect(details).toEqual(expect.arrayContaining(['reference', 'userFlow']));
  });

  it('5080 when the sales unit may not use PUSH_MESSAGE', async () => {
    expectProblem(await create(aCreateBody(nextRef(), push), strict), 400, '5080');
  });

  it.each([
    ['6120 expiresAt too soon', () => inMinutes(5), receipt, '6120'],
    ['6110 expiresAt too late', () => inMinutes(61 * 24 * 60), receipt, '6110'],
    ['6130 long-living payment without receipt', () => inMinutes(60), undefined, '6130'],
  ])('%s', async (_name, expiresAt, withReceipt, code) => {
    expectProblem(await create(aCreateBody(nextRef(), { ...push, expiresAt: expiresAt(), receipt: withReceipt }), longLiving), 400, code);
  });

  it('a long-living payment lives until expiresAt instead of 10 minutes', async () => {
    const reference = nextRef();
    const expiresAt = inMinutes(120);
    expect((await create(aCreateBody(reference, { ...push, expiresAt, receipt }), longLiving)).status).toBe(201);
    expect(sim.books(reference)?.approvalDeadline).toBe(expiresAt);
    sim.clock.advance(11 * 60_000);
    expect(sim.books(reference)?.payment.state).toBe('CREATED');
    expect(sim.receipts(reference)).toEqual({ receipt });
  });

  it('rejects malformed JSON and non-object bodies with 400 problems', async () => {
    const bad = await client.call('epayment', 'POST', '/epayment/v1/payments', { rawBody: '{"amount": ', idempotencyKey: `key-${++counter}` });
    expectProblem(bad, 400, undefined);
    expectProblem(await client.call('epayment', 'POST', '/epayment/v1/payments', { rawBody: '[]', idempotencyKey: `key-${++counter}` }), 400, undefined);
    expectProblem(await client.call('epayment', 'POST', '/epayment/v1/payments', { idempotencyKey: `key-${++counter}` }), 400, undefined);
  });
});

describe('payment operations', () => {
  it('404 / 5090 for an unknown reference, 400 for an invalid one', async () => {
    expectProblem(await client.call('epayment', 'GET', '/epayment/v1/payments/{reference}', { params: { reference: 'no-such-ref-1' } }), 404, '5090');
    expectProblem(await client.call('epayment', 'GET', '/epayment/v1/payments/{reference}/events', { params: { reference: 'no-such-ref-1' } }), 404, '5090');
    expectProblem(await op('capture', 'no-such-ref-1', nok(100)), 404, '5090');
    expectProblem(await client.call('epayment', 'GET', '/epayment/v1/payments/{reference}', { params: { reference: 'a_b' } }), 400, undefined);
  });

  it('5090 for another merchant\'s reference', async () => {
    const reference = await inState('CREATED');
    expectProblem(await strict.call('epayment', 'GET', '/epayment/v1/payments/{reference}', { params: { reference } }), 404, '5090');
  });

  const cases: Array<[string, Parameters<typeof inState>[0], 'capture' | 'refund' | 'cancel', unknown, string, (ref: string) => Promise<unknown>]> = [
    ['6080 capture before approval', 'CREATED', 'capture', nok(100), '6080', async () => {}],
    ['6070 capture after cancel', 'AUTHORIZED', 'capture', nok(100), '6070', (ref) => op('cancel', ref, {})],
    ['6070 capture a terminated payment', 'TERMINATED', 'capture', nok(100), '6070', async () => {}],
    ['6200 capture an expired payment', 'EXPIRED', 'capture', nok(100), '6200', async () => {}],
    ['6090 capture more than authorized', 'AUTHORIZED', 'capture', nok(50001), '6090', async () => {}],
    ['6170 capture a fully captured payment', 'AUTHORIZED', 'capture', nok(100), '6170', (ref) => op('capture', ref, nok(50000))],
    ['6010 capture zero', 'AUTHORIZED', 'capture', nok(0), '6010', async () => {}],
    ['6020 refund before capture', 'AUTHORIZED', 'refund', nok(100), '6020', async () => {}],
    ['6020 refund before approval', 'CREATED', 'refund', nok(100), '6020', async () => {}],
    ['6150 refund more than captured', 'AUTHORIZED', 'refund', nok(1001), '6150', (ref) => op('capture', ref, nok(1000))],
    ['6180 refund a fully refunded payment', 'AUTHORIZED', 'refund', nok(100), '6180', async (ref) => {
      await op('capture', ref, nok(1000));
      await op('refund', ref, nok(1000));
    }],
    ['6210 refund a terminated payment', 'TERMINATED', 'refund', nok(100), '6210', async () => {}],
    ['5100 refund test amount 123', 'AUTHORIZED', 'refund', nok(123), '5100', (ref) => op('capture', ref, nok(1000))],
    ['6220 refund test amount 124', 'AUTHORIZED', 'refund', nok(124), '6220', (ref) => op('capture', ref, nok(1000))],
    ['6040 cancel a fully captured payment', 'AUTHORIZED', 'cancel', {}, '6040', (ref) => op('capture', ref, nok(50000))],
    ['6050 cancel an aborted payment', 'ABORTED', 'cancel', {}, '6050', async () => {}],
    ['6050 cancel an expired payment', 'EXPIRED', 'cancel', {}, '6050', async () => {}],
    ['6060 cancelTransactionOnly on an authorized payment', 'AUTHORIZED', 'cancel', { cancelTransactionOnly: true }, '6060', async () => {}],
    ['6190 cancel twice', 'AUTHORIZED', 'cancel', {}, '6190', (ref) => op('cancel', ref, {})],
    ['6190 cancel a terminated payment', 'TERMINATED', 'cancel', {}, '6190', async () => {}],
  ];
  it.each(cases)('%s', async (_name, state, operation, body, code, before) => {
    const reference = await inState(state);
    await before(reference);
    expectProblem(await op(operation, reference, body), code === '5090' ? 404 : 400, code);
  });

  it('6140 when the sales unit must capture the full amount', async () => {
    const reference = await inState('AUTHORIZED', strict);
    expectProblem(await op('capture', reference, nok(100), strict), 400, '6140');
    expect((await op('capture', reference, nok(50000), strict)).status).toBe(200);
  });

  it('400 for a capture in another currency or without modificationAmount, or a non-boolean cancelTransactionOnly', async () => {
    const reference = await inState('AUTHORIZED');
    expectProblem(await op('capture', reference, { modificationAmount: { currency: 'EUR', value: 100 } }), 400, undefined);
    expectProblem(await op('capture', reference, {}), 400, undefined);
    expectProblem(await op('refund', reference, { modificationAmount: { currency: 'NOK', value: 1.5 } }), 400, '4040');
    expectProblem(await op('cancel', reference, { cancelTransactionOnly: 'yes' }), 400, undefined);
  });

  it('cancelTransactionOnly terminates a payment that is not yet authorized', async () => {
    const reference = await inState('CREATED');
    const answer = await op('cancel', reference, { cancelTransactionOnly: true });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ state: 'TERMINATED', aggregate: { authorizedAmount: { value: 0 }, cancelledAmount: { value: 50000 } } });
  });
});

describe('force approve (test environment only)', () => {
  const approve = (reference: string, body?: unknown) =>
    client.call('epayment', 'POST', '/epayment/v1/test/payments/{reference}/approve', { params: { reference }, ...(body === undefined ? {} : { body }) });

  it('approves with a customer, or with the token from redirectUrl', async () => {
    const first = await inState('CREATED');
    const ok = await approve(first, { customer: { phoneNumber: '4791234567' } });
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    expect(sim.books(first)?.payment.state).toBe('AUTHORIZED');
    const second = await inState('CREATED');
    const token = new URL(sim.books(second)?.phoneUrl ?? '').searchParams.get('token');
    expect((await approve(second, { token })).status).toBe(200);
  });

  it('10010 for a wrong token, a second approval, or a declined test amount', async () => {
    const reference = await inState('CREATED');
    expectProblem(await approve(reference, { token: 'not-the-token' }), 400, '10010');
    expect((await approve(reference)).status).toBe(200);
    expectProblem(await approve(reference), 400, '10010');
    const declined = await inState('CREATED', client, 151);
    expectProblem(await approve(declined), 400, '10010');
    expect(sim.books(declined)?.payment.state).toBe('ABORTED');
  });
});
