import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { signWebhook } from '../../../simulators/vipps/webhook-signer.ts';
import { vippsWebhookRoutes, type PaymentEventHint, type VippsWebhookRoutesOptions } from './webhook-routes.ts';

const REGISTERED_URL = 'https://ladepay.example/webhooks/vipps';
const SECRET = 'c2VjcmV0LWxvb2tzLWxpa2UtYmFzZTY0';
const NOW = new Date('2026-03-01T12:00:00Z');

const event = {
  msn: '123456',
  reference: 'ref-00000001',
  pspReference: 'psp-auth-1',
  name: 'AUTHORIZED',
  amount: { currency: 'NOK', value: 50000 },
  timestamp: '2026-03-01T11:59:58.120Z',
  idempotencyKey: 'create-s1',
  success: true,
};

function signed(body: string, options: { secret?: string; date?: Date; url?: string } = {}) {
  const date = (options.date ?? NOW).toUTCString();
  const { contentHash, authorization } = signWebhook(options.secret ?? SECRET, options.url ?? REGISTERED_URL, date, Buffer.from(body));
  return { 'content-type': 'application/json', 'x-ms-date': date, 'x-ms-content-sha256': contentHash, authorization };
}

let app: ReturnType<typeof Fastify> | undefined;

async function setup(overrides: Partial<VippsWebhookRoutesOptions> = {}) {
  const hints: PaymentEventHint[] = [];
  let handled: () => void = () => undefined;
  const settled = new Promise<void>((resolve) => (handled = resolve));
  const options: VippsWebhookRoutesOptions = {
    getSecret: async () => ({ secret: SECRET, url: REGISTERED_URL }),
    onEvent: async (hint) => {
      hints.push(hint);
      handled();
    },
    now: () => NOW,
    ...overrides,
  };
  const server = Fastify({ logger: false });
  app = server;
  await server.register(vippsWebhookRoutes, options);
  server.post('/elsewhere', async (request) => ({ parsed: request.body }));
  const post = (body: string, headers: Record<string, string>) =>
    server.inject({ method: 'POST', url: overrides.path ?? '/webhooks/vipps', payload: body, headers });
  return { post, hints, settled };
}

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('vippsWebhookRoutes', () => {
  it('answers 200 to a good delivery and hands the typed hint over', async () => {
    const { post, hints, settled } = await setup();
    const body = JSON.stringify(event);
    const response = await post(body, signed(body));
    expect(response.statusCode).toBe(200);
    await settled;
    expect(hints).toEqual([
      {
        reference: 'ref-00000001',
        name: 'AUTHORIZED',
        pspReference: 'psp-auth-1',
        amountOre: 50000,
        currency: 'NOK',
        success: true,
        timestamp: '2026-03-01T11:59:58.120Z',
        idempotencyKey: 'create-s1',
      },
    ]);
  });

  it('verifies the exact bytes received, whitespace and all', async () => {
    const { post, settled, hints } = await setup();
    const body = JSON.stringify(event, null, 2);
    expect((await post(body, signed(body))).statusCode).toBe(200);
    await settled;
    expect(hints).toHaveLength(1);
  });

  it.each([
    ['no signature headers', (body: string) => ({ 'content-type': 'application/json', 'x-ms-date': signed(body)['x-ms-date'] })],
    ['a signature made with another secret', (body: string) => signed(body, { secret: 'another' })],
    ['a signature for another URL', (body: string) => signed(body, { url: 'https://ladepay.example/other' })],
    ['a date 16 minutes old', (body: string) => signed(body, { date: new Date(NOW.getTime() - 16 * 60_000) })],
    ['a body that was changed after signing', (body: string) => signed(body.replace('50000', '5000'))],
  ])('answers 401 and calls nothing for %s', async (_name, headersFor) => {
    let calls = 0;
    let secretReads = 0;
    const { post } = await setup({
      onEvent: async () => {
        calls++;
      },
      getSecret: async () => {
        secretReads++;
        return { secret: SECRET, url: REGISTERED_URL };
      },
    });
    const body = JSON.stringify(event);
    const response = await post(body, headersFor(body));
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: 'invalid signature' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(secretReads).toBe(1);
    expect(calls).toBe(0);
  });

  it('answers 400 to a signed body that is not a payment event', async () => {
    const { post, hints } = await setup();
    for (const body of ['{"reference":"ref-00000001"}', 'not json', '']) {
      const response = await post(body, signed(body));
      expect(response.statusCode).toBe(400);
    }
    expect(hints).toEqual([]);
  });

  it('ignores a replay of the same (reference, name, pspReference)', async () => {
    const { post, hints, settled } = await setup();
    const body = JSON.stringify(event);
    expect((await post(body, signed(body))).json()).toEqual({ status: 'accepted' });
    await settled;
    expect((await post(body, signed(body))).json()).toEqual({ status: 'duplicate' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(hints).toHaveLength(1);
  });

  it('remembers the last replayCapacity deliveries, forgetting the oldest first', async () => {
    const { post } = await setup({ replayCapacity: 2, onEvent: async () => undefined });
    const deliver = async (pspReference: string) => {
      const body = JSON.stringify({ ...event, pspReference });
      return ((await post(body, signed(body))).json() as { status: string }).status;
    };
    expect([await deliver('psp-1'), await deliver('psp-2'), await deliver('psp-2')]).toEqual(['accepted', 'accepted', 'duplicate']);
    expect(await deliver('psp-3')).toBe('accepted');
    expect([await deliver('psp-2'), await deliver('psp-1')]).toEqual(['duplicate', 'accepted']);
  });

  it('answers 200 even when the handler fails (the failure is logged, not sent to Vipps)', async () => {
    let failed: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (failed = resolve));
    const { post } = await setup({
      onEvent: async () => {
        failed();
        throw new Error('database down');
      },
    });
    const body = JSON.stringify(event);
    expect((await post(body, signed(body))).statusCode).toBe(200);
    await done;
  });

  it('answers 503 while no secret is known', async () => {
    const { post } = await setup({ getSecret: async () => undefined });
    const body = JSON.stringify(event);
    expect((await post(body, signed(body))).statusCode).toBe(503);
  });

  it('listens on a configured path, and leaves JSON parsing elsewhere in the app alone', async () => {
    const { post, settled } = await setup({ path: '/hooks/v' });
    const body = JSON.stringify(event);
    expect((await post(body, signed(body))).statusCode).toBe(200);
    await settled;
    const other = await app?.inject({ method: 'POST', url: '/elsewhere', payload: { a: 1 } });
    expect(other?.json()).toEqual({ parsed: { a: 1 } });
  });

  it('accepts a delivery with a charset parameter or without a content type', async () => {
    const { post } = await setup({ onEvent: async () => undefined });
    const body = JSON.stringify(event);
    const { 'content-type': _ct, ...bare } = signed(body);
    expect((await post(body, { ...bare, 'content-type': 'application/json; charset=utf-8' })).statusCode).toBe(200);
    const second = JSON.stringify({ ...event, pspReference: 'psp-auth-2' });
    const { 'content-type': _ct2, ...bare2 } = signed(second);
    expect((await post(second, bare2)).statusCode).toBe(200);
  });
});
