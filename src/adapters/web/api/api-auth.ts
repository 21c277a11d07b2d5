import type { FastifyInstance } from 'fastify';
import { rememberToken, sendError, type ApiDeps } from './api-deps.ts';

// Every route registered after this needs `Authorization: Bearer <token>`
// with a token made by `ladepay api-token create` and not revoked.
export function requireBearerToken(app: FastifyInstance, deps: ApiDeps): void {
  app.addHook('onRequest', async (request, reply) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    const token = m?.[1] ? await deps.tokens.verify(m[1], deps.now()) : undefined;
    if (!token) {
      reply.header('www-authenticate', 'Bearer realm="ladepay"');
      return sendError(reply, 401, 'unauthorized', m ? 'The API token is not valid.' : 'An API token is required: Authorization: Bearer <token>.');
    }
    rememberToken(request, token);
  });
}
