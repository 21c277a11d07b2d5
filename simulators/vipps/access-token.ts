import { randomBytes, randomUUID } from 'node:crypto';
import type { SimClock } from './clock.ts';
import type { SimMerchant } from './merchants.ts';

interface IssuedToken {
  merchant: SimMerchant;
  expiresAtMs: number;
}

export interface TokenGrant {
  token_type: 'Bearer';
  expires_in: string;
  ext_expires_in: string;
  expires_on: string;
  not_before: string;
  resource: string;
  access_token: string;
}

const RESOURCE = '00000002-0000-0000-c000-000000000000';

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** Issues JWT-shaped bearer tokens and remembers them until they expire on the injected clock. */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly clock: SimClock,
    private readonly lifetimeSeconds: number,
  ) {}

  issue(merchant: SimMerchant): TokenGrant {
    const nowMs = this.clock.now().getTime();
    for (const [token, issued] of this.tokens) if (issued.expiresAtMs <= nowMs) this.tokens.delete(token);
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + this.lifetimeSeconds;
    const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5t: randomBytes(20).toString('base64url') }));
    const payload = base64url(
      JSON.stringify({ aud: RESOURCE, iss: 'https://vipps-simulator.local/', iat, nbf: iat, exp, sub: merchant.clientId, msn: merchant.msn, jti: randomUUID() }),
    );
    const token = `${header}.${payload}.${base64url(randomBytes(256))}`;
    this.tokens.set(token, { merchant, expiresAtMs: exp * 1000 });
    // Access-token API: every value is a string, not a number (docs/vipps-contract.md §3).
    return {
      token_type: 'Bearer',
      expires_in: String(this.lifetimeSeconds),
      ext_expires_in: '0',
      expires_on: String(exp),
      not_before: String(iat),
      resource: RESOURCE,
      access_token: token,
    };
  }

  /** The merchant the token was issued to, or why it is not accepted. */
  verify(token: string): { ok: true; merchant: SimMerchant } | { ok: false; reason: 'unknown' | 'expired' } {
    const issued = this.tokens.get(token);
    if (!issued) return { ok: false, reason: 'unknown' };
    if (this.clock.now().getTime() >= issued.expiresAtMs) return { ok: false, reason: 'expired' };
    return { ok: true, merchant: issued.merchant };
  }
}
