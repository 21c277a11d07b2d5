import type { FastifyInstance } from 'fastify';
import { roleAllows } from '../../../core/operator-role.ts';
import { addressKey } from '../address-key.ts';
import { AttemptLimiter, type AttemptWindow } from '../attempt-limiter.ts';
import { neededRole } from '../route-role.ts';
import { audit, rememberToken, sendError, type ApiDeps } from './api-deps.ts';

// Failed token checks one address may make. A token is 256 random bits, so
// this is not what keeps one from being guessed: it keeps a flood of made-up
// tokens from costing a database lookup each.
export const DEFAULT_TOKEN_FAILURES: AttemptWindow = { max: 30, windowMs: 60_000 };

// Every route registered after this needs `Authorization: Bearer <token>`
// with a token that is not revoked and whose role allows the route.
export function requireBearerToken(app: FastifyInstance, deps: ApiDeps, failures: AttemptWindow = DEFAULT_TOKEN_FAILURES): void {
  const perAddress = new AttemptLimiter(failures);
  app.addHook('onRequest', async (request, reply) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!m?.[1]) {
      reply.header('www-authenticate', 'Bearer realm="ladepay"');
      return sendError(reply, 401, 'unauthorized', 'An API token is required: Authorization: Bearer <token>.');
    }
    // Reserved before the check, handed back when the token is good: parallel
    // guesses cannot all be checked before the first failure is counted.
    const attempt = perAddress.reserve(addressKey(request.ip));
    if (!attempt.ok) {
      deps.security.refused('api_token', 'per_address');
      reply.header('retry-after', String(attempt.retryAfterSeconds));
      return sendError(reply, 429, 'too_many_requests', `Too many requests with a wrong token from your address; try again in ${attempt.retryAfterSeconds} s.`);
    }
    const token = await deps.tokens.verify(m[1]);
    deps.security.credentialChecked('api_token', token ? 'ok' : 'wrong');
    if (!token) {
      reply.header('www-authenticate', 'Bearer realm="ladepay"');
      return sendError(reply, 401, 'unauthorized', 'The API token is not valid.');
    }
    attempt.release();
    rememberToken(request, token);
    const needed = neededRole(request);
    if (!roleAllows(token.role, needed)) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const detail = { route: `${request.method} ${request.routeOptions.url ?? request.url}`, role: token.role };
        await audit(deps, request, { action: 'api.forbidden', subjectType: 'api_token', subjectId: token.id, outcome: 'forbidden', detail });
      }
      return sendError(reply, 403, 'forbidden', `This token's role (${token.role}) may not do this; it needs ${needed}.`);
    }
  });
}
