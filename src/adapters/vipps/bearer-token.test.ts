import { describe, expect, it } from 'vitest';
import { aVippsConfig } from '../../../test/vipps/a-vipps-config.ts';
import { createRecordingLogger } from '../../../test/vipps/recording-logger.ts';
import { createScriptedFetch, json, problem, tokenAnswer, type SeenRequest } from '../../../test/vipps/scripted-fetch.ts';
import { createVippsClient } from './vipps-client.ts';

// The bearer token on every call but the token request and a QR image, and
// the one retry after a 401 (docs/vipps-contract.md §3).

const PAYMENT = {
  reference: 'ref-00000001',
  state: 'AUTHORIZED',
  amount: { currency: 'NOK', value: 50000 },
  aggregate: {
    authorizedAmount: { currency: 'NOK', value: 50000 },
    capturedAmount: { currency: 'NOK', value: 0 },
    cancelledAmount: { currency: 'NOK', value: 0 },
    refundedAmount: { currency: 'NOK', value: 0 },
  },
  pspReference: 'psp-1',
};

function setup(api: (request: SeenRequest, index: number) => Response) {
  let tokenCalls = 0;
  let apiCalls = 0;
  const { fetch, requests } = createScriptedFetch((request) =>
    request.path === '/accesstoken/get' ? tokenAnswer(`t${++tokenCalls}`) : api(request, apiCalls++),
  );
  const sleeps: number[] = [];
  const client = createVippsClient(aVippsConfig(), {
    logger: createRecordingLogger().logger,
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
  });
  const calls = () => requests.filter((r) => r.path !== '/accesstoken/get');
  const bearers = () => calls().map((r) => r.headers['authorization']);
  return { client, calls, bearers, sleeps, tokenCalls: () => tokenCalls };
}

describe('the bearer token on a Vipps call', () => {
  it('after transient answers, a 401 still gets a fresh token and one more try at once', async () => {
    const { client, bearers, sleeps, tokenCalls } = setup((_r, index) => (index === 0 ? problem(503) : index === 1 ? problem(401) : json(200, PAYMENT)));
    expect((await client.epayment.get('ref-00000001')).ok).toBe(true);
    expect(bearers()).toEqual(['Bearer t1', 'Bearer t1', 'Bearer t2']);
    expect(tokenCalls()).toBe(2);
    expect(sleeps).toHaveLength(1);
  });

  it('gives the retry after a 401 its own attempts for transient trouble', async () => {
    const { client, bearers } = setup((_r, index) => (index === 0 ? problem(401) : index < 4 ? problem(503) : json(200, PAYMENT)));
    expect((await client.epayment.get('ref-00000001')).ok).toBe(true);
    expect(bearers()).toEqual(['Bearer t1', 'Bearer t2', 'Bearer t2', 'Bearer t2', 'Bearer t2']);
  });

  it('sends the same Idempotency-Key on every try, before and after a fresh token, and none on a GET', async () => {
    const captured = { ...PAYMENT, aggregate: { ...PAYMENT.aggregate, capturedAmount: { currency: 'NOK', value: 100 } } };
    const { client, calls } = setup((_r, index) => (index === 0 ? problem(500) : index === 1 ? problem(401) : json(200, captured)));
    expect((await client.epayment.capture({ reference: 'ref-00000001', amountOre: 100, idempotencyKey: 'capture-s1' })).ok).toBe(true);
    await client.epayment.get('ref-00000001');
    expect(calls().map((r) => [r.method, r.headers['idempotency-key'], r.headers['authorization']])).toEqual([
      ['POST', 'capture-s1', 'Bearer t1'],
      ['POST', 'capture-s1', 'Bearer t1'],
      ['POST', 'capture-s1', 'Bearer t2'],
      ['GET', undefined, 'Bearer t2'],
    ]);
  });

  it('asks for no token for a QR image and sends it none', async () => {
    const { client, bearers, tokenCalls } = setup(() => new Response('png', { status: 200, headers: { 'content-type': 'image/png' } }));
    expect((await client.qr.fetchImage('https://qr.example/img.png')).ok).toBe(true);
    expect(tokenCalls()).toBe(0);
    expect(bearers()).toEqual([undefined]);
  });
});
