import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TokenHolder } from '../../../usecases/ocpi/ocpi-partner-book.ts';
import { addressKey } from '../address-key.ts';
import { AttemptLimiter, type AttemptWindow } from '../attempt-limiter.ts';
import { OCPI_STATUS, sendOcpi } from './ocpi-envelope.ts';
import { tokensInHeader } from './ocpi-token-header.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    // OCPI 2.2.1 module type: a configuration module (versions, credentials)
    // takes a Token A; a functional one (locations, tariffs) only a
    // registered partner's token. Unset: functional.
    ocpiModule?: 'configuration' | 'functional';
  }
}

export interface OcpiCaller {
  holder: TokenHolder;
  token: string; // as the partner sent it, decoded
}

// Failed token checks one address may make (as for API tokens: the tokens
// are 256 random bits; this keeps a flood of made-up ones from costing a
// database lookup each).
export const DEFAULT_OCPI_TOKEN_FAILURES: AttemptWindow = { max: 30, windowMs: 60_000 };

const callers = new WeakMap<FastifyRequest, OcpiCaller>();

// Who sent a request the token check let through (undefined for one it refused).
export function ocpiCallerOf(request: FastifyRequest): OcpiCaller | undefined {
  return callers.get(request);
}

export function ocpiCaller(request: FastifyRequest): OcpiCaller {
  const caller = callers.get(request);
  if (!caller) throw new Error('an OCPI route ran without its caller');
  return caller;
}

// OCPI 2.2.1, authorization header: "If the header is missing or the
// credentials token doesn't match any known party then the server SHALL
// respond with an HTTP 401 - Unauthorized", and a valid CREDENTIALS_TOKEN_A
// on any module but credentials or versions gets 401 as well.
export function requireOcpiToken(
  app: FastifyInstance,
  deps: { partners: { holderOf(token: string): Promise<TokenHolder | undefined> }; now(): Date },
  failures: AttemptWindow = DEFAULT_OCPI_TOKEN_FAILURES,
): void {
  const perAddress = new AttemptLimiter(failures);
  app.addHook('onRequest', async (request, reply) => {
    const unauthorized = (message: string) => sendOcpi(reply.header('www-authenticate', 'Token'), deps.now(), 401, OCPI_STATUS.clientError, message);
    const candidates = tokensInHeader(request.headers.authorization);
    if (candidates.length === 0) return unauthorized('A credentials token is required: Authorization: Token <the token, Base64-encoded>.');
    const attempt = perAddress.reserve(addressKey(request.ip));
    if (!attempt.ok) {
      reply.header('retry-after', String(attempt.retryAfterSeconds));
      return sendOcpi(reply, deps.now(), 429, OCPI_STATUS.clientError, `Too many requests with a wrong token from your address; try again in ${attempt.retryAfterSeconds} s.`);
    }
    let caller: OcpiCaller | undefined;
    for (const token of candidates) {
      const holder = await deps.partners.holderOf(token);
      if (holder) {
        caller = { holder, token };
        break;
      }
    }
    if (!caller) return unauthorized('The credentials token is not valid.');
    attempt.release();
    const module = request.routeOptions.config.ocpiModule ?? 'functional';
    if (module === 'functional' && caller.holder.kind === 'token_a') return unauthorized('A Token A opens the versions and credentials modules only: register first.');
    if (module === 'functional' && caller.holder.partner.state !== 'registered') return unauthorized('The registration is not complete.');
    callers.set(request, caller);
  });
}
