// A driver's phone as plain HTTP: the landing page, the payment form, the
// Vipps phone page's Approve button, the status page and its Stop form, each
// exactly as a browser would post them (same-origin, form-encoded, no
// redirects followed, so every answer is seen).

import { phoneButtonUrl } from '../simulators/vipps/index.ts';

export interface DriverIdentity {
  // Ladepay is started with the bench as its trusted proxy (TRUSTED_PROXIES);
  // each driver gets an address of its own, as phones on the mobile network have.
  address: string;
}

async function form(url: string, fields: Record<string, string>, headers: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

function location(res: Response, what: string): string {
  const to = res.headers.get('location');
  if (res.status !== 303 || !to) throw new Error(`${what}: expected 303, got ${res.status}`);
  return to;
}

export async function openLanding(base: string, code: string, d: DriverIdentity): Promise<void> {
  const res = await fetch(`${base}/c/${code}`, { headers: { 'x-forwarded-for': d.address, 'accept-encoding': 'gzip, br' } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`landing page: ${res.status}`);
}

// Pay with Vipps: answers the Vipps (simulator) phone URL. origin: the page's
// own (PUBLIC_URL), when the form goes to one node directly instead.
export async function pay(base: string, code: string, d: DriverIdentity, amountOre: number, origin = base): Promise<string> {
  const res = await form(
    `${base}/c/${code}/start`,
    { amount: String(amountOre), terms: 'yes', method: 'WALLET' },
    { origin, 'x-forwarded-for': d.address },
  );
  await res.arrayBuffer();
  return location(res, 'payment start');
}

// The phone's Approve button: answers the returnUrl (Ladepay's status page), not followed.
export async function approveOnPhone(phoneUrl: string): Promise<string> {
  const res = await form(phoneButtonUrl(phoneUrl, 'approve'), {}, {});
  await res.arrayBuffer();
  return location(res, 'approve');
}

export async function sessionJson(statusUrl: string, d: DriverIdentity): Promise<{ reference: string; phase: string; receipt: string }> {
  const res = await fetch(`${statusUrl}.json`, { headers: { 'x-forwarded-for': d.address } });
  if (res.status !== 200) throw new Error(`session json: ${res.status}`);
  return (await res.json()) as { reference: string; phase: string; receipt: string };
}

// The status page, as the driver sees it after Vipps: answers the stop form's check value.
export async function stopCheck(statusUrl: string, d: DriverIdentity): Promise<string> {
  const res = await fetch(statusUrl, { headers: { 'x-forwarded-for': d.address, 'accept-encoding': 'gzip, br' } });
  const html = await res.text();
  const check = /name="check" value="([^"]+)"/.exec(html)?.[1];
  if (res.status !== 200 || !check) throw new Error(`status page: ${res.status}${check ? '' : ', no stop form'}`);
  return check;
}

export async function pressStop(statusUrl: string, check: string, d: DriverIdentity): Promise<void> {
  const origin = new URL(statusUrl).origin;
  const res = await form(`${statusUrl}/stop`, { check }, { origin, 'x-forwarded-for': d.address });
  await res.arrayBuffer();
  location(res, 'stop');
}
