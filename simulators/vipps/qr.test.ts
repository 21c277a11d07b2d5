import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { DEMO_MERCHANT, SimulatorClock, startVippsSimulator } from './index.ts';
import { aCreateBody, VippsTestClient } from './vipps-test-client.ts';
import type { VippsSimulator } from './index.ts';

// QR API merchant redirect (docs/vipps-contract.md §18), and the images a phone camera scans.

// jsqr is CommonJS; under NodeNext its default import is the module object, which carries `default`.
const jsQR = jsQRModule.default;

let sim: VippsSimulator;
let client: VippsTestClient;
const clock = new SimulatorClock({ frozenAt: new Date('2026-05-01T08:00:00.000Z') });

beforeAll(async () => {
  sim = await startVippsSimulator({ clock });
  client = new VippsTestClient(sim.url, DEMO_MERCHANT);
  await client.fetchToken();
});
afterAll(() => sim.stop());

type Qr = { id: string; url: string; redirectUrl: string; expiresIn: number };
const createQr = (body: unknown, accept = 'image/png', extra: Record<string, string> = {}) =>
  client.call('qr', 'POST', '/v1/merchant-redirect', { body, headers: { Accept: accept, ...extra } });
const getQr = (id: string, accept = 'image/svg+xml') => client.call('qr', 'GET', '/v1/merchant-redirect/{id}', { params: { id }, headers: { Accept: accept } });

async function scan(pngUrl: string): Promise<string | undefined> {
  const response = await fetch(pngUrl);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/png');
  const png = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

describe('merchant redirect QR', () => {
  it('creates a code whose PNG scans to a link that redirects to the target', async () => {
    const created = await createQr({ id: 'station-21678 A', redirectUrl: 'https://ladepay.example/c/21678-1' }, 'image/png', { Size: '300' });
    expect(created.status).toBe(200);
    const qr = created.json as Qr;
    expect(qr).toMatchObject({ id: 'station-21678 A', redirectUrl: 'https://ladepay.example/c/21678-1', expiresIn: -1 });
    expect(qr.url).toMatch(new RegExp(`^${sim.url}/qr-image/[A-Za-z0-9_-]+\\.png\\?size=300$`));
    const content = await scan(qr.url);
    const target = (await getQr('station-21678 A', 'text/targetUrl')).json as Qr;
    expect(content).toBe(target.url);
    const followed = await fetch(target.url, { redirect: 'manual' });
    expect(followed.status).toBe(302);
    expect(followed.headers.get('location')).toBe('https://ladepay.example/c/21678-1');
  });

  it('serves SVG for image/* and image/svg+xml, with no auth on the image', async () => {
    await createQr({ id: 'svg-code', redirectUrl: 'https://ladepay.example/c/2' });
    for (const accept of ['image/*', 'image/svg+xml']) {
      const qr = (await getQr('svg-code', accept)).json as Qr;
      expect(qr.url).toMatch(/\.svg$/);
      const image = await fetch(qr.url);
      expect(image.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(await image.text()).toMatch(/^<svg /);
    }
  });

  it('415 for an Accept outside the spec, 400 for a bad Size', async () => {
    const body = { id: 'accept-code', redirectUrl: 'https://ladepay.example/c/3' };
    for (const accept of ['application/json', '*/*']) {
      const answer = await createQr(body, accept);
      expect(answer.status).toBe(415);
    }
    expect((await client.call('qr', 'GET', '/v1/merchant-redirect', { headers: { Accept: 'text/html' } })).status).toBe(415);
    expect((await createQr(body, 'image/png', { Size: '99' })).status).toBe(400);
  });

  it('409 with the id for a duplicate id', async () => {
    await createQr({ id: 'dup-code', redirectUrl: 'https://ladepay.example/c/4' });
    const again = await createQr({ id: 'dup-code', redirectUrl: 'https://ladepay.example/c/5' });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ id: 'dup-code' });
  });

  it.each([
    ['an http redirectUrl', { id: 'v1', redirectUrl: 'http://ladepay.example/c/1' }, 'RedirectUrl'],
    ['a localhost http redirectUrl', { id: 'v2', redirectUrl: 'http://localhost:3000/c/1' }, 'RedirectUrl'],
    ['an id with a slash', { id: 'a/b', redirectUrl: 'https://ladepay.example/c/1' }, 'Id'],
    ['an id over 128 characters', { id: 'x'.repeat(129), redirectUrl: 'https://ladepay.example/c/1' }, 'Id'],
    ['a ttl under 300', { id: 'v3', redirectUrl: 'https://ladepay.example/c/1', ttl: 299 }, 'Ttl'],
  ])('400 for %s', async (_name, body, field) => {
    const answer = await createQr(body);
    expect(answer.status).toBe(400);
    expect((answer.json as { invalidParams: Array<{ name: string }> }).invalidParams.map((p) => p.name)).toContain(field);
  });

  it('counts expiresIn down on the clock and forgets an expired code', async () => {
    const created = (await createQr({ id: 'ttl-code', redirectUrl: 'https://ladepay.example/c/6', ttl: 600 })).json as Qr;
    expect(created.expiresIn).toBe(600);
    clock.advance(250_000);
    expect(((await getQr('ttl-code')).json as Qr).expiresIn).toBe(350);
    clock.advance(350_000);
    expect((await getQr('ttl-code')).status).toBe(404);
    expect((await fetch(created.url)).status).toBe(404);
  });

  it('lists, updates the target at once, and deletes for good', async () => {
    const created = (await createQr({ id: 'life-code', redirectUrl: 'https://ladepay.example/c/7' }, 'text/targetUrl')).json as Qr;
    const list = await client.call('qr', 'GET', '/v1/merchant-redirect', { headers: { Accept: 'image/png' } });
    expect((list.json as Qr[]).map((q) => q.id)).toContain('life-code');

    const updated = await client.call('qr', 'PUT', '/v1/merchant-redirect/{id}', {
      params: { id: 'life-code' },
      body: { redirectUrl: 'https://ladepay.example/c/8' },
      headers: { Accept: 'text/targetUrl' },
    });
    expect(updated.status).toBe(200);
    expect((updated.json as Qr).url).toBe(created.url);
    expect((await fetch(created.url, { redirect: 'manual' })).headers.get('location')).toBe('https://ladepay.example/c/8');
    const badUpdate = await client.call('qr', 'PUT', '/v1/merchant-redirect/{id}', { params: { id: 'life-code' }, body: { redirectUrl: 'ftp://x' }, headers: { Accept: 'image/png' } });
    expect(badUpdate.status).toBe(400);
    const missing = await client.call('qr', 'PUT', '/v1/merchant-redirect/{id}', { params: { id: 'nope' }, body: { redirectUrl: 'https://ladepay.example/c/9' }, headers: { Accept: 'image/png' } });
    expect(missing.status).toBe(404);

    expect((await client.call('qr', 'DELETE', '/v1/merchant-redirect/{id}', { params: { id: 'life-code' } })).status).toBe(200);
    expect((await client.call('qr', 'DELETE', '/v1/merchant-redirect/{id}', { params: { id: 'life-code' } })).status).toBe(404);
    expect((await getQr('life-code')).status).toBe(404);
    expect((await fetch(created.url, { redirect: 'manual' })).status).toBe(404);
    const again = (await createQr({ id: 'life-code', redirectUrl: 'https://ladepay.example/c/7' }, 'text/targetUrl')).json as Qr;
    expect(again.url).not.toBe(created.url);
  });
});

describe('ePayment userFlow QR', () => {
  const createQrPayment = async (reference: string, qrFormat?: unknown) => {
    const created = await client.call('epayment', 'POST', '/epayment/v1/payments', {
      body: aCreateBody(reference, { userFlow: 'QR', returnUrl: undefined, ...(qrFormat ? { qrFormat } : {}) }),
      idempotencyKey: `create-${reference}`,
    });
    expect(created.status).toBe(201);
    return (created.json as { redirectUrl: string }).redirectUrl;
  };

  it('answers a PNG QR image link, the token in its query as in Vipps\' examples, whose code opens the phone page', async () => {
    const redirectUrl = await createQrPayment('qr-flow-0001', { format: 'IMAGE/PNG', size: 400 });
    const link = new URL(redirectUrl);
    expect(`${link.origin}${link.pathname}`).toBe(`${sim.url}/qr-image/v1`);
    expect(link.searchParams.get('format')).toBe('png');
    expect(link.searchParams.get('size')).toBe('400');
    const scanned = await scan(redirectUrl);
    expect(scanned).toBe(sim.books('qr-flow-0001')?.phoneUrl);
    const page = await fetch(scanned ?? '');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Reference qr-flow-0001');
  });

  it('is an SVG by default, and force approve takes the token of its redirectUrl', async () => {
    const redirectUrl = await createQrPayment('qr-flow-0002');
    const image = await fetch(redirectUrl);
    expect(image.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await image.text()).toMatch(/^<svg /);
    const token = new URL(redirectUrl).searchParams.get('token');
    const approved = await client.call('epayment', 'POST', '/epayment/v1/test/payments/{reference}/approve', { params: { reference: 'qr-flow-0002' }, body: { token } });
    expect(approved.status).toBe(200);
    expect(sim.books('qr-flow-0002')?.payment.state).toBe('AUTHORIZED');
  });

  it('TEXT/TARGETURL answers what the code holds: the phone page', async () => {
    const redirectUrl = await createQrPayment('qr-flow-0003', { format: 'TEXT/TARGETURL' });
    expect(redirectUrl).toBe(sim.books('qr-flow-0003')?.phoneUrl);
    expect(sim.paymentOfPhone(redirectUrl)).toEqual({ msn: DEMO_MERCHANT.msn, reference: 'qr-flow-0003' });
    expect((await fetch(redirectUrl)).status).toBe(200);
  });
});

describe('one-time payment QR (POST /qr/v1)', () => {
  const oneTimeQr = (url: unknown, accept = 'image/png', extra: Record<string, string> = {}) =>
    client.call('qr', 'POST', '/v1', { body: { url }, headers: { Accept: accept, ...extra } });
  const webPayment = async (reference: string) => {
    const created = await client.call('epayment', 'POST', '/epayment/v1/payments', { body: aCreateBody(reference), idempotencyKey: `create-${reference}` });
    expect(created.status).toBe(201);
    return (created.json as { redirectUrl: string }).redirectUrl;
  };

  it('turns a payment\'s landing page URL into a QR whose code opens that payment\'s phone page', async () => {
    const redirectUrl = await webPayment('otq-ref-0001');
    const answer = await oneTimeQr(redirectUrl, 'image/png', { Size: '300' });
    expect(answer.status).toBe(200);
    const qr = answer.json as { url: string; expiresIn: number };
    expect(qr.expiresIn).toBe(600);
    const scanned = await scan(qr.url);
    expect(scanned).toBe(redirectUrl);
    expect(await (await fetch(scanned ?? '')).text()).toContain('Reference otq-ref-0001');
    const svg = (await oneTimeQr(redirectUrl, 'image/svg+xml')).json as { url: string };
    expect((await fetch(svg.url)).headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const target = (await oneTimeQr(redirectUrl, 'text/targetUrl')).json as { url: string };
    expect(sim.paymentOfPhone(target.url)).toEqual({ msn: DEMO_MERCHANT.msn, reference: 'otq-ref-0001' });
  });

  it('415 for another Accept, 400 for a URL that is no payment\'s landing page', async () => {
    const redirectUrl = await webPayment('otq-ref-0002');
    expect((await oneTimeQr(redirectUrl, 'application/json')).status).toBe(415);
    const unknown = await oneTimeQr(`${sim.url}/phone/?token=not-a-token`);
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ title: 'Validation error', detail: 'Supplied landing page token is not valid' });
    expect((await oneTimeQr(42)).status).toBe(400);
  });

  it('counts down with the approval window and is refused once the payment has timed out', async () => {
    const redirectUrl = await webPayment('otq-ref-0003');
    clock.advance(60_000);
    expect(((await oneTimeQr(redirectUrl)).json as { expiresIn: number }).expiresIn).toBe(540);
    clock.advance(540_000);
    const late = await oneTimeQr(redirectUrl);
    expect(late.status).toBe(400);
    expect(late.json).toMatchObject({ title: 'Order timeout', detail: 'Payment has already timed out' });
  });
});
