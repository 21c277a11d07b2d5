import { describe, expect, it } from 'vitest';
import { aVippsConfig, FIXTURE_SECRETS } from '../../../test/vipps/a-vipps-config.ts';
import { createRecordingLogger } from '../../../test/vipps/recording-logger.ts';
import { createScriptedFetch, json, problem, tokenAnswer, type SeenRequest } from '../../../test/vipps/scripted-fetch.ts';
import { createVippsClient } from './vipps-client.ts';

const PAYMENT = {
  reference: 'ref-00000001',
  state: 'CREATED',
  amount: { currency: 'NOK', value: 50000 },
  aggregate: {
    authorizedAmount: { currency: 'NOK', value: 0 },
    capturedAmount: { currency: 'NOK', value: 0 },
    cancelledAmount: { currency: 'NOK', value: 0 },
    refundedAmount: { currency: 'NOK', value: 0 },
  },
  paymentMethod: { type: 'WALLET' },
  profile: {},
  pspReference: 'psp-1',
};

type Api = (request: SeenRequest) => Response | Promise<Response>;

function setup(tokenEndpoint: (index: number) => Response | Promise<Response>, api: Api = () => json(200, PAYMENT)) {
  let clock = 1_700_000_000_000;
  let tokenCalls = 0;
  const { fetch, requests } = createScriptedFetch((request) =>
    request.path === '/accesstoken/get' ? tokenEndpoint(tokenCalls++) : api(request),
  );
  const log = createRecordingLogger();
  const client = createVippsClient(aVippsConfig(), {
    logger: log.logger,
    fetch,
    now: () => clock,
    sleep: async () => undefined,
    random: () => 0,
  });
  const bearers = () => requests.filter((r) => r.path !== '/accesstoken/get').map((r) => r.headers['authorization']);
  return {
    client,
    requests,
    bearers,
    log,
    tokenCalls: () => tokenCalls,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('access token', () => {
  it('asks for a token with the client credentials, the Vipps headers and an empty body', async () => {
    const { client, requests } = setup(() => tokenAnswer('t1'));
    expect(await client.token.get()).toEqual({ ok: true, value: 't1' });
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.body).toBe('');
    expect(requests[0]?.headers).toMatchObject({
      client_id: FIXTURE_SECRETS.clientId,
      client_secret: FIXTURE_SECRETS.clientSecret,
      'ocp-apim-subscription-key': FIXTURE_SECRETS.subscriptionKey,
      'merchant-serial-number': '123456',
      'vipps-system-name': 'Ladepay',
    });
    expect(requests[0]?.headers['authorization']).toBeUndefined();
  });

  it('fetches once for any number of concurrent callers and reuses the token', async () => {
    let release: (r: Response) => void = () => undefined;
    const { client, bearers, tokenCalls } = setup(() => new Promise<Response>((resolve) => (release = resolve)));
    const calls = Array.from({ length: 25 }, () => client.epayment.get('ref-00000001'));
    await new Promise((resolve) => setImmediate(resolve));
    release(tokenAnswer('t1'));
    const results = await Promise.all(calls);
    expect(results.every((r) => r.ok)).toBe(true);
    await client.epayment.get('ref-00000001');
    expect(tokenCalls()).toBe(1);
    expect(new Set(bearers())).toEqual(new Set(['Bearer t1']));
  });

  it.each([
    ['a string', '3600', 3600_000 - 300_000],
    ['a number', 3600, 3600_000 - 300_000],
    ['a short string lifetime (10 % margin)', '120', 108_000],
  ])('reads expires_in as %s and refreshes ahead of expiry', async (_name, expiresIn, refreshAfterMs) => {
    const { client, advance, tokenCalls } = setup((index) => tokenAnswer(`t${index + 1}`, expiresIn));
    await client.token.get();
    advance(refreshAfterMs - 1);
    expect(await client.token.get()).toEqual({ ok: true, value: 't1' });
    advance(1);
    expect(await client.token.get()).toEqual({ ok: true, value: 't2' });
    expect(tokenCalls()).toBe(2);
  });

  it('keeps using a still-valid token when an early refresh fails', async () => {
    const { client, advance } = setup((index) => (index === 0 ? tokenAnswer('t1', '3600') : problem(500)));
    await client.token.get();
    advance(3_400_000);
    expect(await client.token.get()).toEqual({ ok: true, value: 't1' });
    advance(300_000);
    expect(await client.token.get()).toEqual({ ok: false, failure: { kind: 'unavailable', lastStatus: 500, attempts: 4 } });
  });

  it('refuses a token answer without a usable lifetime', async () => {
    const { client } = setup(() => json(200, { access_token: 't1', expires_in: 'soon' }));
    expect(await client.token.get()).toEqual({ ok: false, failure: { kind: 'unexpected', status: 200 } });
  });

  it('maps wrong keys to `unauthorized`', async () => {
    const { client } = setup(() => json(401, { error: 'invalid_client' }));
    expect(await client.epayment.get('ref-00000001')).toEqual({ ok: false, failure: { kind: 'unauthorized' } });
  });

  it('on an unexpected 401 drops the token, fetches once and retries once', async () => {
    let apiCalls = 0;
    const { client, bearers, tokenCalls } = setup(
      (index) => tokenAnswer(`t${index + 1}`),
      () => (apiCalls++ === 0 ? problem(401) : json(200, PAYMENT)),
    );
    const result = await client.epayment.get('ref-00000001');
    expect(result.ok).toBe(true);
    expect(bearers()).toEqual(['Bearer t1', 'Bearer t2']);
    expect(tokenCalls()).toBe(2);
  });

  it('does not loop when the fresh token is refused too', async () => {
    const { client, bearers, tokenCalls } = setup((index) => tokenAnswer(`t${index + 1}`), () => problem(401));
    expect(await client.epayment.get('ref-00000001')).toEqual({ ok: false, failure: { kind: 'unauthorized' } });
    expect(bearers()).toEqual(['Bearer t1', 'Bearer t2']);
    expect(tokenCalls()).toBe(2);
  });

  it('never logs the token or the client secret', async () => {
    const { client, log } = setup(() => tokenAnswer('secret-token-value'));
    await client.epayment.get('ref-00000001');
    expect(log.text()).not.toContain('secret-token-value');
    expect(log.text()).not.toContain(FIXTURE_SECRETS.clientSecret);
    expect(log.lines.map((l) => (l.obj as { vipps: { operation: string } }).vipps.operation)).toEqual([
      'accesstoken.get',
      'epayment.get',
    ]);
  });
});
