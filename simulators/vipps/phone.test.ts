import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { DEMO_MERCHANT, phoneButtonUrl, SimulatorClock, startVippsSimulator } from './index.ts';
import { formatKroner } from './phone-page.ts';
import { aCreateBody, readResponse, VippsTestClient } from './vipps-test-client.ts';
import type { VippsSimulator } from './index.ts';

// The simulated phone: the landing page, its buttons, and the same actions over /_sim and in-process.

const clock = new SimulatorClock({ frozenAt: new Date('2026-06-01T09:00:00.000Z') });
let sim: VippsSimulator;
let client: VippsTestClient;
let counter = 0;

beforeAll(async () => {
  sim = await startVippsSimulator({ clock });
  client = new VippsTestClient(sim.url, DEMO_MERCHANT);
  await client.fetchToken();
});
afterAll(() => sim.stop());

async function created(overrides: Record<string, unknown> = {}): Promise<{ reference: string; phoneUrl: string }> {
  const reference = `phone-ref-${String(++counter).padStart(4, '0')}`;
  const answer = await client.call('epayment', 'POST', '/epayment/v1/payments', { body: aCreateBody(reference, overrides), idempotencyKey: `phone-${counter}` });
  expect(answer.status).toBe(201);
  return { reference, phoneUrl: sim.books(reference)?.phoneUrl ?? '' };
}
const press = (phoneUrl: string, button: 'approve' | 'reject') => fetch(phoneButtonUrl(phoneUrl, button), { method: 'POST', redirect: 'manual' });

describe('phone page', () => {
  it('formats kroner the Norwegian way', () => {
    expect(formatKroner({ currency: 'NOK', value: 35000 })).toBe('350,00\u00a0kr');
    expect(formatKroner({ currency: 'NOK', value: 123456789 })).toBe('1\u00a0234\u00a0567,89\u00a0kr');
    expect(formatKroner({ currency: 'EUR', value: 5 })).toBe('0,05\u00a0EUR');
  });

  it('is a self-contained page for a phone screen, with the description escaped', async () => {
    const { phoneUrl } = await created({ paymentDescription: 'Lading <b>&</b> "parkering"' });
    const page = await readResponse(await fetch(phoneUrl));
    expect(page.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page.text).toContain('Lading &lt;b&gt;&amp;&lt;/b&gt; &quot;parkering&quot;');
    expect(page.text).toContain('500,00\u00a0kr');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.text).not.toMatch(/https?:\/\/(?!ladepay\.example)/);
  });

  it('is linked with the token as ?token=, like Vipps\' landing page links, and the older links still work', async () => {
    const { reference, phoneUrl } = await created();
    const answer = (await client.call('epayment', 'GET', '/epayment/v1/payments/{reference}', { params: { reference } })).json as { redirectUrl: string };
    expect(answer.redirectUrl).toBe(phoneUrl);
    const link = new URL(answer.redirectUrl);
    expect(`${link.origin}${link.pathname}`).toBe(`${sim.url}/phone/`);
    const token = link.searchParams.get('token') ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    for (const url of [answer.redirectUrl, `${sim.url}/phone?token=${token}`, `${sim.url}/phone/${token}`]) {
      const page = await readResponse(await fetch(url));
      expect(page.status).toBe(200);
      expect(page.text).toContain(`Reference ${reference}`);
    }
    for (const form of [answer.redirectUrl, `${sim.url}/phone/${token}`, `${sim.url}/phone/${token}/approve`, token]) {
      expect(sim.paymentOfPhone(form)).toEqual({ msn: DEMO_MERCHANT.msn, reference });
    }
    expect(phoneButtonUrl(answer.redirectUrl, 'approve')).toBe(`${sim.url}/phone/approve?token=${token}`);
    expect(phoneButtonUrl(`${sim.url}/phone/${token}`, 'reject')).toBe(`${sim.url}/phone/${token}/reject`);
    const approved = await press(answer.redirectUrl, 'approve');
    expect(approved.status).toBe(303);
    expect(sim.books(reference)?.payment.state).toBe('AUTHORIZED');
  });

  it('404 for an unknown token', async () => {
    expect((await fetch(`${sim.url}/phone/not-a-token`)).status).toBe(404);
    expect((await fetch(`${sim.url}/phone/?token=not-a-token`)).status).toBe(404);
    expect((await fetch(`${sim.url}/phone/`)).status).toBe(404);
    expect((await fetch(`${sim.url}/phone/not-a-token/approve`, { method: 'POST', redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${sim.url}/phone/approve?token=not-a-token`, { method: 'POST', redirect: 'manual' })).status).toBe(404);
  });

  it('Reject ends the payment ABORTED and returns to the merchant', async () => {
    const { reference, phoneUrl } = await created();
    const answer = await press(phoneUrl, 'reject');
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('https://ladepay.example/s/token');
    expect(sim.books(reference)?.payment.state).toBe('ABORTED');
    const page = await readResponse(await fetch(phoneUrl));
    expect(page.text).toContain('This payment was stopped.');
    expect(page.text).not.toContain('<button');
  });

  it('test amount 151 (insufficient funds) makes Approve fail: ABORTED', async () => {
    const { reference, phoneUrl } = await created({ amount: { currency: 'NOK', value: 151 } });
    expect((await press(phoneUrl, 'approve')).status).toBe(303);
    expect(sim.books(reference)?.events.map((e) => e.name)).toEqual(['CREATED', 'ABORTED']);
  });

  it('a second press changes nothing', async () => {
    const { reference, phoneUrl } = await created();
    await press(phoneUrl, 'approve');
    await press(phoneUrl, 'reject');
    expect(sim.books(reference)?.events.map((e) => e.name)).toEqual(['CREATED', 'AUTHORIZED']);
  });

  it('without a returnUrl (push flow) it returns to its own page', async () => {
    const { reference } = await created({ userFlow: 'PUSH_MESSAGE', returnUrl: undefined, customer: { phoneNumber: '4791234567' } });
    const books = sim.books(reference);
    expect(books?.payment.redirectUrl).toBeUndefined();
    const answer = await press(books?.phoneUrl ?? '', 'approve');
    expect(answer.headers.get('location')).toBe(`/phone/?token=${new URL(books?.phoneUrl ?? '').searchParams.get('token')}`);
  });

  it('after the approval window the page shows EXPIRED and Approve does nothing', async () => {
    const { reference, phoneUrl } = await created();
    clock.advance(9 * 60 * 1000 + 59_999);
    expect(sim.books(reference)?.payment.state).toBe('CREATED');
    clock.advance(1);
    const page = await readResponse(await fetch(phoneUrl));
    expect(page.text).toContain('This payment request has expired.');
    await press(phoneUrl, 'approve');
    expect(sim.books(reference)?.payment.state).toBe('EXPIRED');
  });
});

describe('phone actions as a test API', () => {
  it('in-process approve and reject report the outcome', async () => {
    const { reference } = await created();
    expect(sim.phone.approve(reference)).toEqual({ ok: true, state: 'AUTHORIZED', detail: 'Approved.' });
    expect(sim.phone.reject(reference)).toMatchObject({ ok: false, state: 'AUTHORIZED' });
    expect(sim.phone.approve('phone-no-such-ref')).toMatchObject({ ok: false, state: null });
  });

  it('HTTP endpoints under /_sim', async () => {
    const { reference } = await created();
    const approved = await readResponse(await fetch(`${sim.url}/_sim/payments/${reference}/approve`, { method: 'POST' }));
    expect(approved.json).toMatchObject({ ok: true, state: 'AUTHORIZED' });
    const books = await readResponse(await fetch(`${sim.url}/_sim/payments/${reference}`));
    expect(books.json).toMatchObject({ payment: { state: 'AUTHORIZED', reference }, events: [{ name: 'CREATED' }, { name: 'AUTHORIZED' }] });
    expect((await fetch(`${sim.url}/_sim/payments/phone-no-such-ref/reject`, { method: 'POST' })).status).toBe(404);
    const advanced = await readResponse(await fetch(`${sim.url}/_sim/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ms":1000}' }));
    expect(advanced.status).toBe(200);
    expect((advanced.json as { now: string }).now).toBe(clock.now().toISOString());
    const deliveries = await readResponse(await fetch(`${sim.url}/_sim/webhook-deliveries`));
    expect(Array.isArray(deliveries.json)).toBe(true);
    expect((await readResponse(await fetch(`${sim.url}/_sim/webhooks/idle`))).json).toEqual({ idle: true });
  });

  it('a caller-supplied clock without advance cannot be advanced through the simulator', async () => {
    const fixed = { now: () => new Date('2026-01-01T00:00:00Z') };
    const other = await startVippsSimulator({ clock: fixed });
    try {
      expect(() => other.clock.advance(1000)).toThrow(/supplied by the caller/);
      const answer = await fetch(`${other.url}/_sim/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ms":1}' });
      expect(answer.status).toBe(409);
    } finally {
      await other.stop();
    }
  });
});
