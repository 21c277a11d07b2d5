import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { DEMO_MERCHANT, startVippsSimulator } from './index.ts';
import { aCreateBody, VippsTestClient } from './vipps-test-client.ts';
import type { VippsSimulator } from './index.ts';

// Userinfo for a payment's profile.sub: a payment created with `profile.scope` gets a `sub` once it is
// AUTHORIZED, and GET /vipps-userinfo-api/userinfo/{sub} shows the claims that scope asked for.

const OTHER = { ...DEMO_MERCHANT, clientId: 'other-id', clientSecret: 'other-secret', subscriptionKey: 'other-key', msn: '654321', name: 'Other AS' };

let sim: VippsSimulator;
let client: VippsTestClient;
let other: VippsTestClient;

beforeAll(async () => {
  sim = await startVippsSimulator({ merchants: [DEMO_MERCHANT, OTHER] });
  client = new VippsTestClient(sim.url, DEMO_MERCHANT);
  other = new VippsTestClient(sim.url, OTHER);
  await client.fetchToken();
  await other.fetchToken();
});
afterAll(() => sim.stop());

const userinfo = (sub: string, via = client, options: { noToken?: boolean } = {}) =>
  via.callUnspecified('GET', '/vipps-userinfo-api/userinfo/{sub}', { params: { sub }, ...options });

async function approvedSub(reference: string, body: Record<string, unknown> | string): Promise<string> {
  const created = await client.call('epayment', 'POST', '/epayment/v1/payments', {
    ...(typeof body === 'string' ? { rawBody: body } : { body }),
    idempotencyKey: `create-${reference}`,
  });
  expect(created.status).toBe(201);
  const before = await client.call('epayment', 'GET', '/epayment/v1/payments/{reference}', { params: { reference } });
  expect((before.json as { profile: object }).profile).toEqual({});
  expect(sim.phone.approve(reference).ok).toBe(true);
  const after = await client.call('epayment', 'GET', '/epayment/v1/payments/{reference}', { params: { reference } });
  const sub = (after.json as { profile: { sub?: string } }).profile.sub;
  expect(sub).toMatch(/^[0-9a-f-]{36}$/);
  return sub ?? '';
}

describe('GET /vipps-userinfo-api/userinfo/{sub}', () => {
  it('answers the claims of the scope the payment asked for, and no others', async () => {
    const sub = await approvedSub('userinfo-0001', aCreateBody('userinfo-0001', { profile: { scope: 'name email' } }));
    const answer = await userinfo(sub);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(answer.json).toEqual({
      sub,
      name: 'Kari Nordmann',
      given_name: 'Kari',
      family_name: 'Nordmann',
      email: 'kari.nordmann@example.com',
      email_verified: true,
    });
  });

  it('gives every scope its claims; the phone number is the one the payment was sent to', async () => {
    const body = JSON.stringify({
      amount: { currency: 'NOK', value: 1000 },
      paymentMethod: { type: 'WALLET' },
      reference: 'userinfo-0002',
      userFlow: 'PUSH_MESSAGE',
      profile: { scope: 'name email phoneNumber address birthDate' },
      customer: { phoneNumber: 'PHONE' },
    }).replace('"PHONE"', '4798765432');
    const sub = await approvedSub('userinfo-0002', body);
    const answer = await userinfo(sub);
    expect(answer.json).toMatchObject({
      sub,
      phone_number: '4798765432',
      birthdate: '1990-05-17',
      address: { street_address: 'Robert Levins gate 5', postal_code: '0154', region: 'Oslo', country: 'NO', address_type: 'home' },
      other_addresses: [],
    });
  });

  it('404 for an unknown sub or another sales unit\'s, 401 without a token', async () => {
    const sub = await approvedSub('userinfo-0003', aCreateBody('userinfo-0003', { profile: { scope: 'phoneNumber' } }));
    expect((await userinfo('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const foreign = await userinfo(sub, other);
    expect(foreign.status).toBe(404);
    expect(foreign.contentType).toMatch(/^application\/problem\+json/);
    expect((await userinfo(sub, client, { noToken: true })).status).toBe(401);
    expect((await userinfo(sub)).json).toEqual({ sub, phone_number: '4791234567' });
  });

  it('a payment without profile.scope has no sub', async () => {
    await client.call('epayment', 'POST', '/epayment/v1/payments', { body: aCreateBody('userinfo-0004'), idempotencyKey: 'create-userinfo-0004' });
    sim.phone.approve('userinfo-0004');
    expect(sim.books('userinfo-0004')?.payment.profile).toEqual({});
  });
});
