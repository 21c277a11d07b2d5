import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
// Deliveries are signed as the Vipps simulator signs them: a signer written apart from this check.
import { signWebhook } from '../../../simulators/vipps/webhook-signer.ts';
import { verifyWebhookSignature } from './webhook-signature.ts';

// Vipps' own worked example, byte for byte (docs/vipps-contract.md §17).
const vector = {
  secret: 'A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A==',
  url: 'https://webhook.site/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63',
  date: 'Thu, 30 Mar 2023 08:38:32 GMT',
  body: Buffer.from('{"some-unique-content":"ee6e441b-cc4a-46f8-895d-a5af79bcc233/hello-world"}', 'utf8'),
  contentHash: 'lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4=',
  authorization:
    'HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=',
};
const sentAt = new Date('2023-03-30T08:38:32Z');

function headers(overrides: Record<string, string | undefined> = {}) {
  return {
    host: 'localhost:3000',
    'x-ms-date': vector.date,
    'x-ms-content-sha256': vector.contentHash,
    authorization: vector.authorization,
    ...overrides,
  };
}

function check(overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]> = {}) {
  return verifyWebhookSignature({
    secret: vector.secret,
    registeredUrl: vector.url,
    headers: headers(),
    rawBody: vector.body,
    now: sentAt,
    ...overrides,
  });
}

describe('verifyWebhookSignature', () => {
  it('accepts the worked example on the Vipps request-authentication page, whatever Host the request arrived with', () => {
    expect(check()).toEqual({ ok: true });
  });

  it('keys the HMAC with the secret string itself: the base64-decoded bytes give the documented wrong value', () => {
    const toSign = `POST\n/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63\n${vector.date};webhook.site;${vector.contentHash}`;
    const decodedKey = createHmac('sha256', Buffer.from(vector.secret, 'base64')).update(toSign).digest('base64');
    expect(decodedKey).toBe('T3+NXHMmhNVEjW5PeJ4Gql70nf0MOXCAY9CoZDxuVQw=');
    expect(vector.authorization.endsWith(decodedKey)).toBe(false);
    expect(check({ headers: headers({ authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${decodedKey}` }) })).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
  });

  it('accepts a date up to the allowed skew either way and refuses past it', () => {
    expect(check({ now: new Date(sentAt.getTime() + 15 * 60_000) })).toEqual({ ok: true });
    expect(check({ now: new Date(sentAt.getTime() - 15 * 60_000) })).toEqual({ ok: true });
    expect(check({ now: new Date(sentAt.getTime() + 15 * 60_000 + 1000) })).toEqual({ ok: false, reason: 'stale_date' });
    expect(check({ now: new Date(sentAt.getTime() + 60_000), maxSkewMs: 30_000 })).toEqual({ ok: false, reason: 'stale_date' });
  });

  it.each([
    ['x-ms-date', 'missing_header'],
    ['x-ms-content-sha256', 'missing_header'],
    ['authorization', 'missing_header'],
  ])('refuses a delivery without %s', (name, reason) => {
    expect(check({ headers: headers({ [name]: undefined }) })).toEqual({ ok: false, reason });
  });

  it('refuses a date it cannot read', () => {
    expect(check({ headers: headers({ 'x-ms-date': 'yesterday-ish' }) })).toEqual({ ok: false, reason: 'malformed_date' });
  });

  it('refuses a body that is not the one hashed, even with its own matching hash header', () => {
    const body = Buffer.from('{"some-unique-content":"tampered"}');
    expect(check({ rawBody: body })).toEqual({ ok: false, reason: 'content_hash_mismatch' });
    const rehashed = signWebhook('not-the-secret', vector.url, vector.date, body);
    expect(check({ rawBody: body, headers: headers({ 'x-ms-content-sha256': rehashed.contentHash }) })).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
  });

  it('refuses re-serialized JSON (a space changes the bytes)', () => {
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(vector.body.toString()), null, 1));
    expect(check({ rawBody: reformatted }).ok).toBe(false);
  });

  it('refuses the wrong secret, path, query, host or port', () => {
    expect(check({ secret: `${vector.secret}x` })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(check({ registeredUrl: 'https://webhook.site/other' })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(check({ registeredUrl: `${vector.url}?x=1` })).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(check({ registeredUrl: 'https://example.com/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63' })).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
    expect(check({ registeredUrl: 'https://webhook.site:8443/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63' }).ok).toBe(false);
  });

  it('signs the query and a non-default port of the registered URL', () => {
    const registeredUrl = 'http://127.0.0.1:8080/hooks/vipps?tenant=7';
    const signed = signWebhook('s3cret', registeredUrl, vector.date, vector.body);
    const result = verifyWebhookSignature({
      secret: 's3cret',
      registeredUrl,
      headers: { 'X-Ms-Date': vector.date, 'X-Ms-Content-Sha256': signed.contentHash, Authorization: signed.authorization },
      rawBody: vector.body,
      now: sentAt,
    });
    expect(result).toEqual({ ok: true });
  });
});
