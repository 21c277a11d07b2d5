import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export type WebhookSignatureCheck =
  | { ok: true }
  | { ok: false; reason: 'missing_header' | 'malformed_date' | 'stale_date' | 'content_hash_mismatch' | 'signature_mismatch' };

// Vipps documents no freshness window for x-ms-date; 15 minutes is ours (docs/vipps-contract.md §21).
export const DEFAULT_WEBHOOK_MAX_SKEW_MS = 15 * 60_000;

function header(headers: WebhookHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    const single = typeof value === 'string' ? value : value?.[0];
    return single === undefined || single === '' ? undefined : single;
  }
  return undefined;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

// docs/vipps-contract.md §17: the content hash over the raw bytes, and an
// HMAC-SHA256 over method, path and query, date, host and that hash. The path,
// query and host come from the URL as registered, not from this request (a
// proxy may have rewritten them); the key is the secret's UTF-8 bytes even
// though it looks like base64.
export function verifyWebhookSignature(input: {
  secret: string;
  registeredUrl: string;
  headers: WebhookHeaders;
  rawBody: Uint8Array;
  now: Date;
  maxSkewMs?: number;
}): WebhookSignatureCheck {
  const date = header(input.headers, 'x-ms-date');
  const contentHash = header(input.headers, 'x-ms-content-sha256');
  const authorization = header(input.headers, 'authorization');
  if (date === undefined || contentHash === undefined || authorization === undefined) {
    return { ok: false, reason: 'missing_header' };
  }
  const sentAt = Date.parse(date);
  if (Number.isNaN(sentAt)) return { ok: false, reason: 'malformed_date' };
  if (Math.abs(input.now.getTime() - sentAt) > (input.maxSkewMs ?? DEFAULT_WEBHOOK_MAX_SKEW_MS)) {
    return { ok: false, reason: 'stale_date' };
  }
  const bodyHash = createHash('sha256').update(input.rawBody).digest('base64');
  if (!sameText(contentHash, bodyHash)) return { ok: false, reason: 'content_hash_mismatch' };
  const url = new URL(input.registeredUrl);
  const toSign = `POST\n${url.pathname}${url.search}\n${date};${url.host};${bodyHash}`;
  const signature = createHmac('sha256', Buffer.from(input.secret, 'utf8')).update(toSign, 'utf8').digest('base64');
  if (!sameText(authorization, `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`)) {
    return { ok: false, reason: 'signature_mismatch' };
  }
  return { ok: true };
}
