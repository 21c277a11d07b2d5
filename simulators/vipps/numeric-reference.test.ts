import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { DEMO_MERCHANT, startVippsSimulator } from './index.ts';
import { errorCodeOf, VippsTestClient } from './vipps-test-client.ts';
import type { VippsSimulator } from './index.ts';

// `reference` and `customer.phoneNumber` are strings in the ePayment API, but Vipps' own request
// collections send them as JSON numbers: the simulator reads such a number as its exact digits, and a
// double would have rounded a long one.

let sim: VippsSimulator;
let client: VippsTestClient;
let counter = 0;

beforeAll(async () => {
  sim = await startVippsSimulator();
  client = new VippsTestClient(sim.url, DEMO_MERCHANT);
  await client.fetchToken();
});
afterAll(() => sim.stop());

const createRaw = (json: string, key = `numeric-${++counter}`) => client.call('epayment', 'POST', '/epayment/v1/payments', { rawBody: json, idempotencyKey: key });
const amount = '"amount":{"currency":"NOK","value":1000},"paymentMethod":{"type":"WALLET"}';

describe('a reference sent as a JSON number', () => {
  it('keeps every digit of a long integer, beyond what a double holds', async () => {
    const created = await createRaw(`{${amount},"reference":1702391950346123456,"userFlow":"WEB_REDIRECT","returnUrl":"https://ladepay.example/r"}`);
    expect(created.status).toBe(201);
    expect((created.json as { reference: unknown }).reference).toBe('1702391950346123456');
    const read = await client.call('epayment', 'GET', '/epayment/v1/payments/{reference}', { params: { reference: '1702391950346123456' } });
    expect(read.status).toBe(200);
    expect((read.json as { reference: unknown }).reference).toBe('1702391950346123456');
    expect(sim.books('1702391950346123500')).toBeUndefined();
  });

  it('replays the same numeric body for the same key, and the reference is then taken', async () => {
    const body = `{${amount},"reference":98765432109876543210,"userFlow":"WEB_REDIRECT","returnUrl":"https://ladepay.example/r"}`;
    const first = await createRaw(body, 'numeric-replay');
    const again = await createRaw(body, 'numeric-replay');
    expect(first.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(errorCodeOf(await createRaw(body.replace('98765432109876543210', '"98765432109876543210"')))).toBe('4150');
  });

  it('checks the digits like a string: 8 to 64 characters, and a fraction is no reference', async () => {
    const tooShort = await createRaw(`{${amount},"reference":1234567,"userFlow":"WEB_REDIRECT","returnUrl":"https://ladepay.example/r"}`);
    expect(tooShort.status).toBe(400);
    expect((tooShort.json as { extraDetails: { name: string }[] }).extraDetails.map((d) => d.name)).toContain('reference');
    const fraction = await createRaw(`{${amount},"reference":12345678.5,"userFlow":"WEB_REDIRECT","returnUrl":"https://ladepay.example/r"}`);
    expect(fraction.status).toBe(400);
    expect(fraction.json).toMatchObject({ extraDetails: [{ name: 'reference', reason: 'Must be a string.' }] });
  });

  it('an amount too large for a double is still refused as too large (4040)', async () => {
    const huge = await createRaw('{"amount":{"currency":"NOK","value":123456789012345678901},"paymentMethod":{"type":"WALLET"},"reference":"numeric-huge-1","userFlow":"WEB_REDIRECT","returnUrl":"https://ladepay.example/r"}');
    expect(errorCodeOf(huge)).toBe('4040');
    expect(huge.json).toMatchObject({ extraDetails: expect.arrayContaining([{ name: 'amount.value', reason: 'Must be at most 65000000.' }]) });
  });
});

describe('a customer phone number sent as a JSON number', () => {
  it('is taken as its digits for a push payment', async () => {
    const created = await createRaw(`{${amount},"reference":"numeric-push-0001","userFlow":"PUSH_MESSAGE","customer":{"phoneNumber":4791234567}}`);
    expect(created.status).toBe(201);
    const tooShort = await createRaw(`{${amount},"reference":"numeric-push-0002","userFlow":"PUSH_MESSAGE","customer":{"phoneNumber":479123456}}`);
    expect(errorCodeOf(tooShort)).toBe('4070');
  });
});
