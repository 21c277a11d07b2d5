import { describe, expect, it } from 'vitest';
import { aVippsConfig, FIXTURE_SECRETS } from '../../../test/vipps/a-vipps-config.ts';
import { createRecordingLogger } from '../../../test/vipps/recording-logger.ts';
import { createScriptedFetch, hang, json, problem, type Script } from '../../../test/vipps/scripted-fetch.ts';
import { createHttpTransport, type TransportRequest } from './http-transport.ts';
import type { VippsCallObservation } from './vipps-observability.ts';

const capture: TransportRequest = {
  operation: 'epayment.capture',
  method: 'POST',
  target: '/epayment/v1/payments/ref-00000001/capture',
  headers: { 'Idempotency-Key': 'capture-s1', Authorization: 'Bearer tok' },
  body: '{"modificationAmount":{"currency":"NOK","value":1000}}',
  credentials: 'vipps',
  reference: 'ref-00000001',
  idempotencyKey: 'capture-s1',
};

function setup(script: Script, overrides: Parameters<typeof aVippsConfig>[0] = {}) {
  const { fetch, requests } = createScriptedFetch(script);
  const sleeps: number[] = [];
  const observed: VippsCallObservation[] = [];
  const log = createRecordingLogger();
  const send = createHttpTransport({
    config: aVippsConfig(overrides),
    logger: log.logger,
    metrics: { observe: (call) => observed.push(call) },
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  return { send, requests, sleeps, observed, log };
}

describe('http transport', () => {
  it.each<[string, () => Response | Promise<Response>]>([
    ['500', () => problem(500, '3010')],
    ['502 from a gateway', () => new Response('Bad gateway', { status: 502 })],
    ['429', () => problem(429)],
    ['423', () => problem(423)],
    ['6160 order processing', () => problem(409, '6160')],
    ['6280 capture failed, try later', () => problem(400, '6280')],
    ['a network error', () => Promise.reject(new TypeError('fetch failed'))],
  ])('retries %s with the same key and the same bytes', async (_name, transient) => {
    const { send, requests, sleeps } = setup((_req, index) => (index < 2 ? transient() : json(200, { ok: 1 })));
    const result = await send(capture);
    expect(result.ok && result.value.status).toBe(200);
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request.headers['idempotency-key']).toBe('capture-s1');
      expect(request.body).toBe(capture.body);
    }
    // Equal jitter with random 0.5: 3/4 of 100 ms, then of 200 ms.
    expect(sleeps).toEqual([75, 150]);
  });

  it('retries a timeout (the attempt is aborted, not left hanging)', async () => {
    const { send, requests, observed } = setup((_req, index) => (index === 0 ? hang() : json(200, {})), { timeoutMs: 20 });
    const result = await send(capture);
    expect(result.ok).toBe(true);
    expect(requests).toHaveLength(2);
    expect(observed.map((o) => o.status)).toEqual(['network', 200]);
  });

  it.each([
    [400, '6090'],
    [400, undefined],
    [404, undefined],
    [409, '4010'],
    [403, undefined],
    [401, undefined],
  ])('hands back %s (code %s) at once: permanent answers are not retried', async (status, code) => {
    const { send, requests, sleeps } = setup(() => problem(status, code));
    const result = await send(capture);
    expect(result.ok && result.value.status).toBe(status);
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('gives up after the configured number of tries with `unavailable`', async () => {
    const { send, requests } = setup(() => problem(503), { retry: { maxAttempts: 3 } });
    expect(await send(capture)).toEqual({ ok: false, failure: { kind: 'unavailable', lastStatus: 503, attempts: 3 } });
    expect(requests).toHaveLength(3);
  });

  it('reports a timeout as the last status when every try timed out', async () => {
    const { send } = setup(() => hang(), { timeoutMs: 10, retry: { maxAttempts: 2 } });
    expect(await send(capture)).toEqual({ ok: false, failure: { kind: 'unavailable', lastStatus: 'timeout', attempts: 2 } });
  });

  it('waits at least what Retry-After asks, within the maximum delay', async () => {
    const { send, sleeps } = setup((_req, index) =>
      index === 0 ? problem(429) : index === 1 ? json(429, {}, { 'retry-after': '1' }) : json(200, {}),
    );
    await send(capture);
    expect(sleeps).toEqual([75, 1000]);
  });

  it('sends the Vipps headers, and none of them to a foreign image URL', async () => {
    const { send, requests } = setup(() => json(200, {}));
    await send(capture);
    await send({ operation: 'qr.image', method: 'GET', target: 'https://qr.example/img.png?t=1', headers: {}, credentials: 'none' });
    expect(requests[0]?.headers).toMatchObject({
      'ocp-apim-subscription-key': FIXTURE_SECRETS.subscriptionKey,
      'merchant-serial-number': '123456',
      'vipps-system-name': 'Ladepay',
      'vipps-system-version': '0.1.0',
      'vipps-system-plugin-name': 'ladepay-vipps-client',
      'vipps-system-plugin-version': '0.1.0',
      'content-type': 'application/json',
    });
    expect(requests[0]?.url.href).toBe('http://vipps.test/epayment/v1/payments/ref-00000001/capture');
    expect(Object.keys(requests[1]?.headers ?? {})).toEqual(['accept']);
  });

  it('logs and counts every attempt without secrets, tokens or query strings', async () => {
    const { send, log, observed } = setup((_req, index) => (index === 0 ? problem(500) : json(200, {})));
    await send(capture);
    await send({ operation: 'qr.image', method: 'GET', target: 'https://qr.example/img.png?token=abc', headers: {}, credentials: 'none' });
    expect(observed.map(({ operation, status }) => [operation, status])).toEqual([
      ['epayment.capture', 500],
      ['epayment.capture', 200],
      ['qr.image', 200],
    ]);
    const calls = log.lines.filter((line) => line.msg === 'vipps call');
    expect(calls.map((line) => line.obj)).toContainEqual({
      vipps: expect.objectContaining({
        operation: 'epayment.capture',
        method: 'POST',
        path: '/epayment/v1/payments/ref-00000001/capture',
        status: 200,
        reference: 'ref-00000001',
        idempotencyKey: 'capture-s1',
        attempt: 2,
        durationMs: expect.any(Number),
      }),
    });
    const text = log.text();
    for (const secret of [FIXTURE_SECRETS.clientSecret, FIXTURE_SECRETS.subscriptionKey, 'Bearer tok', 'token=abc']) {
      expect(text).not.toContain(secret);
    }
  });
});
