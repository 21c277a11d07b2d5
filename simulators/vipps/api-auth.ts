import { acceptsSubscriptionKey } from './merchants.ts';
import { gatewayKeyRejected } from './problem.ts';
import { headerValue } from './request-body.ts';
import type { TokenStore } from './access-token.ts';
import type { ErrorFactory } from './api-style.ts';
import type { SimMerchant } from './merchants.ts';
import type { SimAnswer } from './sim-answer.ts';

export type AuthResult = { ok: true; merchant: SimMerchant } | { ok: false; answer: SimAnswer };

type Headers = Record<string, string | string[] | undefined>;

const SYSTEM_HEADERS = ['Vipps-System-Name', 'Vipps-System-Version', 'Vipps-System-Plugin-Name', 'Vipps-System-Plugin-Version'];

/**
 * docs/vipps-contract.md §1: every API call carries `Authorization: Bearer <token>` and the same subscription key as the
 * token call. The gateway rejects a bad key before the API sees the request, hence its own body.
 */
export function authenticate(input: {
  headers: Headers;
  tokens: TokenStore;
  merchants: readonly SimMerchant[];
  error: ErrorFactory;
  msnRequired: boolean;
  /** Vipps-System-* headers: at most 30 characters (100 in Order Management), docs/vipps-contract.md §1. */
  systemHeaderMax: number;
}): AuthResult {
  const key = headerValue(input.headers, 'ocp-apim-subscription-key');
  if (!input.merchants.some((m) => acceptsSubscriptionKey(m, key))) return { ok: false, answer: gatewayKeyRejected() };

  const authorization = headerValue(input.headers, 'authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/.exec(authorization);
  if (!match?.[1]) {
    return { ok: false, answer: input.error(401, 'Unauthorized', 'The Authorization header must be "Bearer <access token>".') };
  }
  const verified = input.tokens.verify(match[1]);
  if (!verified.ok) {
    const detail = verified.reason === 'expired' ? 'The access token has expired.' : 'The access token is not valid.';
    return { ok: false, answer: input.error(401, 'Unauthorized', detail) };
  }
  const merchant = verified.merchant;
  if (!acceptsSubscriptionKey(merchant, key)) {
    return { ok: false, answer: input.error(401, 'Unauthorized', 'The access token was issued for another subscription key.') };
  }

  const tooLong = SYSTEM_HEADERS.filter((name) => (headerValue(input.headers, name) ?? '').length > input.systemHeaderMax);
  if (tooLong.length > 0) {
    const reason = `Must be at most ${input.systemHeaderMax} characters.`;
    return { ok: false, answer: input.error(400, 'Bad Request', 'One or more validation errors occurred.', tooLong.map((name) => ({ name, reason }))) };
  }

  const msn = headerValue(input.headers, 'merchant-serial-number');
  if (msn === undefined || msn === '') {
    if (!input.msnRequired) return { ok: true, merchant };
    return {
      ok: false,
      answer: input.error(400, 'Bad Request', 'One or more validation errors occurred.', [
        { name: 'Merchant-Serial-Number', reason: 'The Merchant-Serial-Number header is required.' },
      ]),
    };
  }
  if (!/^[0-9]{4,7}$/.test(msn)) {
    return {
      ok: false,
      answer: input.error(400, 'Bad Request', 'One or more validation errors occurred.', [
        { name: 'Merchant-Serial-Number', reason: 'Must be 4 to 7 digits.' },
      ]),
    };
  }
  if (msn !== merchant.msn) {
    return { ok: false, answer: input.error(403, 'Forbidden', 'The Merchant-Serial-Number does not belong to these API keys.') };
  }
  return { ok: true, merchant };
}
