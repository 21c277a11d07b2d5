import { STATUS_CODES } from 'node:http';
import Fastify from 'fastify';
import { rewriteTokenPath } from './access-token-routes.ts';
import { problemAnswer } from './problem.ts';
import { sendAnswer } from './guarded-route.ts';
import type { FastifyError, FastifyInstance } from 'fastify';

export type SimLoggerOption = boolean | { level?: string; stream?: { write(line: string): void } };

/**
 * The HTTP shell. Every body arrives as raw text (one catch-all parser) so that each API can answer a
 * malformed body in its own error shape; nothing a client sends can reach a framework error page.
 */
export function buildServer(logger: SimLoggerOption): FastifyInstance {
  const app = Fastify({
    logger,
    rewriteUrl: (request) => rewriteTokenPath(request.url ?? '/'),
    // Hanging requests must not keep stop() waiting.
    forceCloseConnections: true,
    // Order Management images: 2 MB as base64 plus the JSON around it.
    bodyLimit: 4 * 1024 * 1024,
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'unexpected simulator error');
    const detail = status === 500 ? 'Unexpected simulator error.' : error.message;
    return sendAnswer(reply, problemAnswer({ status, title: STATUS_CODES[status] ?? 'Error', detail, instance: request.url }));
  });
  app.setNotFoundHandler((request, reply) =>
    sendAnswer(reply, problemAnswer({ status: 404, title: 'Not Found', detail: `No route for ${request.method} ${request.url.split('?')[0]}.`, instance: request.url })),
  );
  return app;
}
