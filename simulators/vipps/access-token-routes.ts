import { guardedRoute } from './guarded-route.ts';
import { acceptsSubscriptionKey } from './merchants.ts';
import { gatewayKeyRejected, tokenServiceError } from './problem.ts';
import { headerValue } from './request-body.ts';
import { jsonAnswer } from './sim-answer.ts';
import type { FastifyInstance } from 'fastify';
import type { TokenStore } from './access-token.ts';
import type { GuardContext } from './guarded-route.ts';

/** Request URLs are rewritten so that `/accessToken/get` and any other casing reach this route (docs/vipps-contract.md §3). */
export const TOKEN_PATH = '/accesstoken/get';

export function rewriteTokenPath(url: string): string {
  return url.replace(/^\/accesstoken\/get(?=[/?]|$)/i, TOKEN_PATH);
}

/** Access Token API: client_id, client_secret and Ocp-Apim-Subscription-Key headers, empty body (docs/vipps-contract.md §3). */
export function registerAccessTokenRoutes(app: FastifyInstance, ctx: GuardContext, tokens: TokenStore): void {
  app.post(
    TOKEN_PATH,
    guardedRoute(ctx, 'accessToken', null, (request) => {
      const now = ctx.clock.now();
      const key = headerValue(request.headers, 'ocp-apim-subscription-key');
      const merchant = ctx.merchants.find((m) => acceptsSubscriptionKey(m, key));
      if (!merchant) return gatewayKeyRejected();
      const clientId = headerValue(request.headers, 'client_id');
      const clientSecret = headerValue(request.headers, 'client_secret');
      if (!clientId || !clientSecret) {
        return tokenServiceError(400, 'invalid_request', 'AADSTS900144: The request body must contain the following parameter: client_id and client_secret.', 900144, now);
      }
      if (clientId !== merchant.clientId) {
        return tokenServiceError(401, 'unauthorized_client', `AADSTS700016: Application with identifier '${clientId}' was not found.`, 700016, now);
      }
      if (clientSecret !== merchant.clientSecret) {
        return tokenServiceError(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.', 7000215, now);
      }
      const msn = headerValue(request.headers, 'merchant-serial-number');
      if (msn !== undefined && msn !== '' && msn !== merchant.msn) {
        return tokenServiceError(401, 'unauthorized_client', 'The Merchant-Serial-Number does not belong to these API keys.', 700016, now);
      }
      return jsonAnswer(200, tokens.issue(merchant));
    }),
  );
}
