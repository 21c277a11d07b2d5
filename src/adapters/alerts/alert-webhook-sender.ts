import { createHmac } from 'node:crypto';
import type { AlertWebhook, DeliveryOutcome } from '../../usecases/ports/alerts.ts';

export interface AlertWebhookSettings {
  url: string;
  // Signs each delivery (X-Ladepay-Signature), for a receiver that checks it.
  secret: string | undefined;
  // Sent as `Authorization: Bearer …`, for a receiver behind a token.
  bearerToken: string | undefined;
  timeoutMs?: number;
}

export const SIGNATURE_HEADER = 'x-ladepay-signature';
export const DELIVERY_HEADER = 'x-ladepay-delivery';

// "t=<unix seconds>,v1=<hex HMAC-SHA256 of `<t>.<body>`>": the time is signed
// with the body, so a receiver can refuse an old delivery replayed (docs/alerts.md).
export function alertSignature(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

// POSTs the alert's JSON to the operator's webhook. Any 2xx is delivered;
// anything else (or no answer in time) is tried again by the outbox.
export function alertWebhookSender(s: AlertWebhookSettings, now: () => Date): AlertWebhook {
  return {
    async send(body, deliveryId): Promise<DeliveryOutcome> {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Ladepay-Alerts/1', [DELIVERY_HEADER]: deliveryId };
      if (s.secret) headers[SIGNATURE_HEADER] = alertSignature(s.secret, body, now());
      if (s.bearerToken) headers.authorization = `Bearer ${s.bearerToken}`;
      try {
        const res = await fetch(s.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(s.timeoutMs ?? 10_000) });
        await res.body?.cancel();
        return res.ok ? { ok: true } : { ok: false, error: `HTTP ${res.status}` };
      } catch (e) {
        const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
        return { ok: false, error: `${e instanceof Error ? e.message : String(e)}${cause}` };
      }
    },
  };
}
