// A driver's phone on Ladepay's real pages over HTTP, and on the Vipps
// simulator's phone page: Pay, Approve or Reject, the status page, Stop. Each
// driver comes from an address of its own through the proxy (X-Forwarded-For).
// While Ladepay is down (killed and restarting) the phone retries, as a driver
// reloads a page that did not load.

import { phoneButtonUrl } from '../simulators/vipps/index.ts';

export interface Answer {
  status: number;
  location?: string;
  text: string;
  sentAtRealMs: number; // when the attempt that got this answer was sent (Date.now())
}

const RETRY_FOR_MS = 180_000; // real: a restart of Ladepay on a busy machine takes a while
const RETRY_EVERY_MS = 300;

async function request(url: string, init: RequestInit, retry = true): Promise<Answer> {
  const until = Date.now() + RETRY_FOR_MS;
  for (;;) {
    const sentAtRealMs = Date.now();
    try {
      const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
      const text = await res.text();
      // 502/504 come from nothing here; a 503 may be Ladepay's "Vipps unavailable", which a driver retries too.
      if (retry && res.status === 503 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, RETRY_EVERY_MS * 3));
        continue;
      }
      return { status: res.status, location: res.headers.get('location') ?? undefined, text, sentAtRealMs };
    } catch (e) {
      if (!retry || Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, RETRY_EVERY_MS));
    }
  }
}

export interface SessionJson {
  phase: string;
  reference: string;
  energyWh: number;
  final?: { capturedOre: number; totalOre: number; releasedOre: number; refundedOre: number; lines: Array<{ amountOre: number }> };
}

export class DriverClient {
  constructor(
    private readonly ladepayUrl: () => string,
    private readonly address: string,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { 'x-forwarded-for': this.address, 'user-agent': 'chaos-driver', ...extra };
  }

  // The landing page's form: a preset maximum, the terms, Pay with Vipps.
  pay(code: string, amountOre: number): Promise<Answer> {
    const body = new URLSearchParams({ amount: String(amountOre), terms: 'yes', method: 'WALLET' }).toString();
    const url = this.ladepayUrl();
    return request(`${url}/c/${code}/start`, {
      method: 'POST',
      body,
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded', origin: url, referer: `${url}/c/${code}` }),
    });
  }

  // The phone's Approve or Reject button; the answer redirects to the returnUrl.
  async phone(phoneUrl: string, button: 'approve' | 'reject'): Promise<Answer> {
    return request(phoneButtonUrl(phoneUrl, button), { method: 'POST', headers: { 'user-agent': 'chaos-phone' } });
  }

  // The status page (back from Vipps); its stop form's check value.
  async statusPage(token: string): Promise<{ status: number; check?: string }> {
    const answer = await request(`${this.ladepayUrl()}/s/${token}`, { headers: this.headers() });
    const check = /name="check" value="([^"]+)"/.exec(answer.text)?.[1];
    return { status: answer.status, check };
  }

  async session(token: string): Promise<SessionJson | undefined> {
    const answer = await request(`${this.ladepayUrl()}/s/${token}.json`, { headers: this.headers() });
    return answer.status === 200 ? (JSON.parse(answer.text) as SessionJson) : undefined;
  }

  stop(token: string, check: string): Promise<Answer> {
    const url = this.ladepayUrl();
    return request(`${url}/s/${token}/stop`, {
      method: 'POST',
      body: new URLSearchParams({ check }).toString(),
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded', origin: url, referer: `${url}/s/${token}` }),
    });
  }
}

export function tokenFromReturnUrl(location: string | undefined): string | undefined {
  return location ? /\/s\/([A-Za-z0-9_-]+)/.exec(location)?.[1] : undefined;
}
