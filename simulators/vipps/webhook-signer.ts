import { createHash, createHmac } from 'node:crypto';

export interface WebhookSignature {
  /** base64(SHA-256(raw body)), the `x-ms-content-sha256` header. */
  contentHash: string;
  stringToSign: string;
  /** The whole `Authorization` header value. */
  authorization: string;
}

/**
 * Vipps webhook signature, docs/vipps-contract.md §17: HMAC-SHA256 over
 * `POST\n<path+query of the registered URL>\n<x-ms-date>;<host of the registered URL>;<content hash>`,
 * keyed with the UTF-8 bytes of the secret exactly as returned at registration (never base64-decoded).
 */
export function signWebhook(secret: string, registeredUrl: string, date: string, rawBody: string | Buffer): WebhookSignature {
  const url = new URL(registeredUrl);
  const contentHash = createHash('sha256').update(rawBody).digest('base64');
  const stringToSign = `POST\n${url.pathname}${url.search}\n${date};${url.host};${contentHash}`;
  const signature = createHmac('sha256', Buffer.from(secret, 'utf8')).update(stringToSign, 'utf8').digest('base64');
  return {
    contentHash,
    stringToSign,
    authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`,
  };
}
