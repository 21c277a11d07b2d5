import { createHash, createHmac } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { signWebhook } from './webhook-signer.ts';

// Vipps' published worked example (docs/vipps-contract.md §17), reproduced byte for byte.
const SECRET = 'A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A==';
const URL_ = 'https://webhook.site/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63';
const DATE = 'Thu, 30 Mar 2023 08:38:32 GMT';
const BODY = '{"some-unique-content":"ee6e441b-cc4a-46f8-895d-a5af79bcc233/hello-world"}';

describe('signWebhook', () => {
  it('reproduces the published test vector exactly', () => {
    const signature = signWebhook(SECRET, URL_, DATE, Buffer.from(BODY, 'utf8'));
    expect(signature.contentHash).toBe('lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4=');
    expect(signature.stringToSign).toBe(
      'POST\n/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63\nThu, 30 Mar 2023 08:38:32 GMT;webhook.site;lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4=',
    );
    expect(signature.authorization).toBe(
      'HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=',
    );
    expect(Buffer.from(signature.authorization, 'utf8').toString('hex')).toBe(
      Buffer.from('HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=', 'utf8').toString('hex'),
    );
  });

  it('gives the same answer for a string body as for its UTF-8 bytes', () => {
    expect(signWebhook(SECRET, URL_, DATE, BODY)).toEqual(signWebhook(SECRET, URL_, DATE, Buffer.from(BODY, 'utf8')));
  });

  it('keys the HMAC with the secret as text, not with its base64-decoded bytes', () => {
    const toSign = signWebhook(SECRET, URL_, DATE, BODY).stringToSign;
    const wrong = createHmac('sha256', Buffer.from(SECRET, 'base64')).update(toSign, 'utf8').digest('base64');
    expect(wrong).toBe('T3+NXHMmhNVEjW5PeJ4Gql70nf0MOXCAY9CoZDxuVQw=');
    expect(signWebhook(SECRET, URL_, DATE, BODY).authorization).not.toContain(wrong);
  });

  it('signs path plus query and the host with a non-default port', () => {
    const signature = signWebhook('s3cret', 'http://127.0.0.1:8080/hooks/vipps?x=1&y=2', DATE, '{}');
    const hash = createHash('sha256').update('{}').digest('base64');
    expect(signature.stringToSign).toBe(`POST\n/hooks/vipps?x=1&y=2\n${DATE};127.0.0.1:8080;${hash}`);
  });

  it('leaves the default port out of the host', () => {
    expect(signWebhook('s', 'https://example.com:443/a', DATE, '').stringToSign.split('\n')[2]).toMatch(/;example\.com;/);
  });
});
