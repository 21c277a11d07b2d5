import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { DEMO_MERCHANT, SimulatorClock, startVippsSimulator } from './index.ts';
import { readResponse, VippsTestClient } from './vipps-test-client.ts';
import type { VippsSimulator } from './index.ts';

// docs/vipps-contract.md §3 (token call) and §1 (Bearer + subscription key on every other call).

const START = new Date('2026-03-01T12:00:00.000Z');
const clock = new SimulatorClock({ frozenAt: START });
let sim: VippsSimulator;

beforeAll(async () => {
  sim = await startVippsSimulator({
    clock,
    tokenLifetimeSeconds: 3600,
    merchants: [DEMO_MERCHANT, { ...DEMO_MERCHANT, clientId: 'b-id', clientSecret: 'b-secret', subscriptionKey: 'b-key', secondarySubscriptionKey: 'b-key-2', msn: '765432', name: 'B AS' }],
  });
});
afterAll(() => sim.stop());

const tokenCall = (path: string, headers: Record<string, string>) => fetch(`${sim.url}${path}`, { method: 'POST', headers }).then(readResponse);
const demoHeaders = {
  client_id: DEMO_MERCHANT.clientId,
  client_secret: DEMO_MERCHANT.clientSecret,
  'Ocp-Apim-Subscription-Key': DEMO_MERCHANT.subscriptionKey,
  'Merchant-Serial-Number': DEMO_MERCHANT.msn,
};

describe('POST /accesstoken/get', () => {
  it('answers the seven string-valued fields, for any casing of the path', async () => {
    for (const path of ['/accesstoken/get', '/accessToken/get', '/AccessToken/Get']) {
      const answer = await tokenCall(path, demoHeaders);
      expect(answer.status).toBe(200);
      const body = answer.json as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'expires_on', 'ext_expires_in', 'not_before', 'resource', 'token_type']);
      for (const value of Object.values(body)) expect(typeof value).toBe('string');
      expect(body).toMatchObject({
        token_type: 'Bearer',
        expires_in: '3600',
        ext_expires_in: '0',
        not_before: String(START.getTime() / 1000),
        expires_on: String(START.getTime() / 1000 + 3600),
        resource: '00000002-0000-0000-c000-000000000000',
      });
      expect(String(body['access_token']).split('.')).toHaveLength(3);
    }
  });

  it('refuses wrong credentials', async () => {
    const wrongSecret = await tokenCall('/accesstoken/get', { ...demoHeaders, client_secret: 'nope' });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.json).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    const wrongId = await tokenCall('/accesstoken/get', { ...demoHeaders, client_id: 'nope' });
    expect(wrongId.status).toBe(401);
    expect(wrongId.json).toMatchObject({ error: 'unauthorized_client' });
    const wrongKey = await tokenCall('/accesstoken/get', { ...demoHeaders, 'Ocp-Apim-Subscription-Key': 'nope' });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.json).toMatchObject({ statusCode: 401 });
    const otherMerchantsId = await tokenCall('/accesstoken/get', { ...demoHeaders, client_id: 'b-id', client_secret: 'b-secret' });
    expect(otherMerchantsId.status).toBe(401);
    const wrongMsn = await tokenCall('/accesstoken/get', { ...demoHeaders, 'Merchant-Serial-Number': '765432' });
    expect(wrongMsn.status).toBe(401);
    const missing = await tokenCall('/accesstoken/get', { 'Ocp-Apim-Subscription-Key': DEMO_MERCHANT.subscriptionKey });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ error: 'invalid_request' });
  });

  it('accepts the secondary subscription key', async () => {
    const answer = await tokenCall('/accesstoken/get', { client_id: 'b-id', client_secret: 'b-secret', 'Ocp-Apim-Subscription-Key': 'b-key-2' });
    expect(answer.status).toBe(200);
  });
});

describe('Bearer token on the APIs', () => {
  it('expires after its lifetime on the injected clock', async () => {
    const client = new VippsTestClient(sim.url, DEMO_MERCHANT);
    await client.fetchToken();
    const list = () => client.call('webhooks', 'GET', '/v1/webhooks');
    expect((await list()).status).toBe(200);
    clock.advance(3599_000);
    expect((await list()).status).toBe(200);
    clock.advance(1000);
    const expired = await list();
    expect(expired.status).toBe(401);
    expect((expired.json as { detail: string }).detail).toMatch(/expired/);
    await client.fetchToken();
    expect((await list()).status).toBe(200);
  });

  it('401 without the word Bearer, with an unknown token, or with a missing or foreign subscription key', async () => {
    const client = new VippsTestClient(sim.url, DEMO_MERCHANT);
    await client.fetchToken();
    const path = '/epayment/v1/payments/{reference}';
    const params = { reference: 'any-ref-0001' };
    expect((await client.call('epayment', 'GET', path, { params, headers: { Authorization: client.token } })).status).toBe(401);
    expect((await client.call('epayment', 'GET', path, { params, noToken: true })).status).toBe(401);
    expect((await client.call('epayment', 'GET', path, { params, headers: { Authorization: 'Bearer not-a-token' } })).status).toBe(401);
    const noKey = await client.call('epayment', 'GET', path, { params, headers: { 'Ocp-Apim-Subscription-Key': undefined }, skipContract: true });
    expect(noKey.status).toBe(401);
    expect(noKey.json).toEqual({ statusCode: 401, message: expect.stringContaining('invalid subscription key') as unknown });
    expect((await client.call('epayment', 'GET', path, { params, headers: { 'Ocp-Apim-Subscription-Key': 'b-key' } })).status).toBe(401);
    expect((await client.call('epayment', 'GET', path, { params })).status).toBe(404);
  });

  it('403 when the Merchant-Serial-Number belongs to another sales unit, 400 when ePayment lacks it', async () => {
    const client = new VippsTestClient(sim.url, DEMO_MERCHANT);
    await client.fetchToken();
    const params = { reference: 'any-ref-0001' };
    expect((await client.call('epayment', 'GET', '/epayment/v1/payments/{reference}', { params, headers: { 'Merchant-Serial-Number': '765432' } })).status).toBe(403);
    expect((await client.call('epayment', 'GET', '/epayment/v1/payments/{reference}', { params, headers: { 'Merchant-Serial-Number': undefined } })).status).toBe(400);
    expect((await client.call('webhooks', 'GET', '/v1/webhooks', { headers: { 'Merchant-Serial-Number': undefined } })).status).toBe(200);
  });

  it('400 for a Vipps-System-Name over 30 characters', async () => {
    const client = new VippsTestClient(sim.url, DEMO_MERCHANT);
    await client.fetchToken();
    const answer = await client.call('webhooks', 'GET', '/v1/webhooks', { headers: { 'Vipps-System-Name': 'x'.repeat(31) } });
    expect(answer.status).toBe(400);
  });
});
