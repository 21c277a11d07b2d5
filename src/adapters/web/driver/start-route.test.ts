import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aLandingView } from '../../../../test/browser/driver-view-builders.ts';
import { PUBLIC_URL, buildDriverTestApp } from '../../../../test/browser/driver-test-app.ts';
import type { ScriptedDriverActions } from '../../../../test/browser/scripted-driver-actions.ts';

let app: FastifyInstance;
let actions: ScriptedDriverActions;

beforeEach(async () => {
  ({ app, actions } = await buildDriverTestApp());
});
afterEach(async () => {
  await app.close();
});

let nextAddress = 1;
function post(code: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: `/c/${code}/start`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: PUBLIC_URL,
      'accept-language': 'en',
      // Each call its own client address unless a test says otherwise, so the per-address limit stays out of the way.
      'x-forwarded-for': `192.0.2.${nextAddress++ % 250}`,
      ...headers,
    },
    payload: new URLSearchParams(form).toString(),
  });
}

describe('POST /c/:code/start', () => {
  it('starts a payment and sends the driver to Vipps with 303', async () => {
    const res = await post('K7P2QX', { amount: '30000', terms: 'yes', method: 'WALLET' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('https://landing.vipps.example/pay?token=tok_scripted_000001');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(actions.starts).toEqual([{ connectorCode: 'K7P2QX', maxAmountOre: 30_000, method: 'WALLET', language: 'en' }]);
  });

  it('takes a typed amount in kroner', async () => {
    const res = await post('K7P2QX', { amount: 'custom', custom: '450', terms: 'yes', method: 'WALLET' });
    expect(res.statusCode).toBe(303);
    expect(actions.starts).toEqual([{ connectorCode: 'K7P2QX', maxAmountOre: 45_000, method: 'WALLET', language: 'en' }]);
  });

  it('starts a card payment where cards are offered', async () => {
    actions.landings.set('CARD22', aLandingView({ connectorCode: 'CARD22', cardPayments: true }));
    const res = await post('CARD22', { amount: '50000', terms: 'yes', method: 'CARD' });
    expect(res.statusCode).toBe(303);
    expect(actions.starts).toEqual([{ connectorCode: 'CARD22', maxAmountOre: 50_000, method: 'CARD', language: 'en' }]);
  });

  it.each([
    [{ amount: 'custom', custom: '5', terms: 'yes' }, 'The maximum amount must be at least 270\u00a0kr.'],
    [{ amount: 'custom', custom: '450,50', terms: 'yes' }, 'Type the amount in whole kroner, without øre.'],
    [{ amount: 'custom', custom: '5000', terms: 'yes' }, 'The maximum amount can be at most 1\u00a0000\u00a0kr.'],
    [{ amount: 'custom', custom: 'a lot', terms: 'yes' }, 'Type the amount in whole kroner, for example 250.'],
    [{ amount: '31337', terms: 'yes' }, 'Choose a maximum amount.'],
    [{ amount: '30000' }, 'You must accept the terms to pay.'],
  ])('refuses %j with 400, the message and the form again', async (form, message) => {
    const res = await post('K7P2QX', { method: 'WALLET', ...form });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain(message);
    expect(res.body).toContain('<form class="pay" method="post" action="/c/K7P2QX/start">');
    expect(actions.starts).toEqual([]);
  });

  it('keeps what the driver entered when showing the form again', async () => {
    const res = await post('K7P2QX', { amount: 'custom', custom: '5', terms: 'yes' });
    expect(res.body).toContain('value="custom" id="amount-custom" checked aria-invalid="true"');
    expect(res.body).toMatch(/id="custom" name="custom"[^>]*value="5" aria-invalid="true"/);
    expect(res.body).toContain('name="terms" value="yes" required checked');
  });

  it('shows the error in bokmål for a bokmål reader', async () => {
    const res = await post('K7P2QX', { amount: '30000' }, { 'accept-language': 'nb' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Du må godta vilkårene for å betale.');
  });

  it('refuses a post from another site', async () => {
    const res = await post('K7P2QX', { amount: '30000', terms: 'yes' }, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('must be started from the charge point');
    expect(actions.starts).toEqual([]);
  });

  it('refuses a connector that cannot start, showing why', async () => {
    actions.landings.set('BUSY11', aLandingView({ connectorCode: 'BUSY11', status: 'occupied', canStart: false }));
    const res = await post('BUSY11', { amount: '30000', terms: 'yes' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Someone is charging here now');
    expect(actions.starts).toEqual([]);
  });

  it('answers an unknown connector with the 404 page', async () => {
    const res = await post('NOSUCH', { amount: '30000', terms: 'yes' });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('We found no charge point with the code “NOSUCH”');
  });

  it.each([
    ['occupied', 409, 'Someone else has just started charging here. Nothing was charged.'],
    ['offline', 409, 'The charging station is not answering right now. Nothing was charged.'],
    ['faulted', 409, 'This connector is out of order. Nothing was charged.'],
    ['unavailable', 409, 'This connector is not available now. Nothing was charged.'],
    ['vipps_unavailable', 503, 'We cannot reach Vipps right now. Try again in a minute. Nothing was charged.'],
    ['invalid_amount', 400, 'The maximum amount is not valid. Choose another amount.'],
  ] as const)('maps a %s refusal to %i and plain words', async (reason, status, words) => {
    actions.startAnswer = () => ({ ok: false, reason });
    const res = await post('K7P2QX', { amount: '30000', terms: 'yes' });
    expect(res.statusCode).toBe(status);
    expect(res.body.replace(/\u00a0/g, ' ')).toContain(words);
  });

  it('maps a not_found refusal to the 404 page', async () => {
    actions.startAnswer = () => ({ ok: false, reason: 'not_found' });
    const res = await post('K7P2QX', { amount: '30000', terms: 'yes' });
    expect(res.statusCode).toBe(404);
  });

  it('answers a fault in the session logic with a 500 page and no details', async () => {
    actions.startAnswer = () => {
      throw new Error('database is on fire');
    };
    const res = await post('K7P2QX', { amount: '30000', terms: 'yes' });
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('Something went wrong');
    expect(res.body).not.toContain('fire');
  });

  it('never redirects to a non-web URL', async () => {
    actions.startAnswer = () => ({ ok: true, token: 'tok_weird_00000001', redirectUrl: 'javascript:alert(1)' });
    const res = await post('K7P2QX', { amount: '30000', terms: 'yes' });
    expect(res.statusCode).toBe(500);
    expect(res.headers.location).toBeUndefined();
  });

  it('limits payment starts per client address', async () => {
    const address = { 'x-forwarded-for': '198.51.100.7' };
    const answers: number[] = [];
    for (let i = 0; i < 11; i++) answers.push((await post('K7P2QX', { amount: '30000', terms: 'yes' }, address)).statusCode);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(303));
    expect(answers[10]).toBe(429);
    const limited = await post('K7P2QX', { amount: '30000', terms: 'yes' }, address);
    expect(limited.body).toContain('Too many attempts');
    expect(limited.headers['content-type']).toBe('text/html; charset=utf-8');
    // Another address is not affected.
    expect((await post('K7P2QX', { amount: '30000', terms: 'yes' })).statusCode).toBe(303);
  });

  it('limits payment starts per connector, whatever the address', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 21; i++) answers.push((await post('K7P2QX', { amount: '30000', terms: 'yes' })).statusCode);
    expect(answers.slice(0, 20)).toEqual(Array(20).fill(303));
    expect(answers[20]).toBe(429);
    expect(actions.starts).toHaveLength(20);
    // Another connector is not affected.
    actions.landings.set('OTHER1', aLandingView({ connectorCode: 'OTHER1' }));
    expect((await post('OTHER1', { amount: '30000', terms: 'yes' })).statusCode).toBe(303);
  });

  it('does not count invalid forms against the connector', async () => {
    for (let i = 0; i < 25; i++) expect((await post('K7P2QX', { amount: '1' })).statusCode).toBe(400);
    expect((await post('K7P2QX', { amount: '30000', terms: 'yes' })).statusCode).toBe(303);
  });
});
