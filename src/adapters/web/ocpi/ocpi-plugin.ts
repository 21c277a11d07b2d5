import { randomUUID } from 'node:crypto';
import fastifyCompress from '@fastify/compress';
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import type { CredentialsExchange } from '../../../usecases/ocpi/credentials-exchange.ts';
import type { TokenHolder } from '../../../usecases/ocpi/ocpi-partner-book.ts';
import type { OcpiSenders } from '../../../usecases/ocpi/ocpi-senders.ts';
import type { OurPlatform } from '../../../usecases/ocpi/our-platform.ts';
import { requireOcpiToken } from './ocpi-auth.ts';
import { registerCredentialsRoutes } from './credentials-routes.ts';
import { OCPI_STATUS, sendOcpi } from './ocpi-envelope.ts';
import { registerSenderRoutes } from './sender-routes.ts';
import { registerVersionsRoutes } from './versions-routes.ts';

export interface OcpiOptions {
  partners: { holderOf(token: string): Promise<TokenHolder | undefined> };
  credentials: CredentialsExchange;
  senders: OcpiSenders;
  us: OurPlatform;
  now(): Date;
}

// Ladepay's OCPI 2.2.1 CPO interface under /ocpi (docs/ocpi.md), registered
// with app.register() and a prefix: its error answers are OCPI's envelope,
// its tokens OCPI's, and the rest of the app keeps its own.
export const ocpiInterface: FastifyPluginAsync<OcpiOptions> = async (app, o) => {
  // OCPI 2.2.1 unique message IDs: every response carries the request's
  // X-Request-ID and X-Correlation-ID (made here when the request had none).
  app.addHook('onRequest', async (request, reply) => {
    for (const name of ['x-request-id', 'x-correlation-id']) {
      const given = request.headers[name];
      reply.header(name, typeof given === 'string' && /^[\x21-\x7e]{1,100}$/.test(given) ? given : randomUUID());
    }
  });
  // A DELETE of credentials may come with `Content-Type: application/json`
  // and no body (OCPI 2.2.1 sends none): nothing to parse is no body, not an error.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      done(Object.assign(new Error('The body is not JSON.'), { statusCode: 400 }), undefined);
    }
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'OCPI request failed');
      return sendOcpi(reply, o.now(), 500, OCPI_STATUS.serverError, 'Something went wrong on our side.');
    }
    // OCPI 2.2.1 status codes: "When a message does not contain a valid JSON
    // string, the HTTP error 400 - Bad request MUST be returned."
    return sendOcpi(reply, o.now(), status, OCPI_STATUS.invalidParameters, error.message);
  });
  // OCPI 2.2.1's transport chapter says nothing of compression: OCPI is plain
  // HTTP, so a partner that sends `Accept-Encoding: gzip` gets its answers
  // gzipped and one that does not gets them as they are (RFC 9110 §12.5.3).
  // A full pull of 10,000 EVSEs is 6 MB of JSON (docs/benchmarks.md). Gzip
  // alone: every partner's HTTP client decodes it. Bodies sent to Ladepay are
  // taken as they come (globalDecompression: false), as before.
  if (!app.hasReplyDecorator('compress')) await app.register(fastifyCompress, { globalCompression: true, globalDecompression: false, encodings: ['gzip'], threshold: 1024 });
  app.setNotFoundHandler((_request, reply) => sendOcpi(reply, o.now(), 404, OCPI_STATUS.clientError, 'No such OCPI endpoint.'));
  requireOcpiToken(app, o);
  registerVersionsRoutes(app, o);
  registerCredentialsRoutes(app, o);
  registerSenderRoutes(app, o);
};
