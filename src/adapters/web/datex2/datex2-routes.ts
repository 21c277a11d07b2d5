import fastifyCompress from '@fastify/compress';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Json } from '../../../core/datex2/datex2-json.ts';
import { statusPublication } from '../../../core/datex2/status-publication.ts';
import { tablePublication } from '../../../core/datex2/table-publication.ts';
import type { Datex2Options } from '../../../core/datex2/publication-header.ts';
import type { PublishedView } from '../../../core/feed/published-site.ts';
import { addressKey } from '../address-key.ts';
import { NO_SECURITY_METRICS, type SecurityMetrics } from '../security-metrics.ts';
import { entityTag, noneMatch } from './entity-tag.ts';
import { readSince } from './since-param.ts';

// The AFIR DATEX II feed (docs/datex2.md): the static table and the dynamic
// status, open to anyone without a login, as AFIR art. 20 wants the data
// available. Each answer carries an entity tag and how long it may be kept;
// a reader that sends the tag back gets 304 until the data changes. Counted
// per client address (TRUSTED_PROXIES decides what that is): a reader polling
// the status every few seconds has room, one hammering it is told to wait.

export interface Datex2RoutesOptions {
  published: { read(now: Date): Promise<PublishedView> };
  options: Datex2Options;
  now: () => Date;
  requestsPerMinute?: number; // per client address, each route on its own
  security?: SecurityMetrics;
}

export const DATEX2_PREFIX = '/datex2/v3';
const DEFAULT_REQUESTS_PER_MINUTE = 60;
// The status must reach readers within a minute of a change (AFIR; the profile's update rule); the table within a day.
const MAX_AGE_SECONDS = { table: 300, status: 30 } as const;

type Kind = keyof typeof MAX_AGE_SECONDS;

export const datex2Routes: FastifyPluginAsync<Datex2RoutesOptions> = async (app, o) => {
  const security = o.security ?? NO_SECURITY_METRICS;
  if (!app.hasReplyDecorator('compress')) await app.register(fastifyCompress, { global: true, threshold: 1024 });
  await app.register(fastifyRateLimit, { global: false });
  const rateLimit = {
    max: o.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => `datex2:${addressKey(request.ip)}`,
    onExceeded: () => security.refused('datex2', 'per_address'),
    errorResponseBuilder: (_request: FastifyRequest, context: { statusCode: number; after: string }) => ({ statusCode: context.statusCode, message: `Too many requests: try again in ${context.after}.` }),
  };
  // As the rest of the app answers ({ error, message }), with the limit named; 5xx details stay in the log.
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error.statusCode === 429) return reply.code(429).send({ error: 'rate_limited', message: error.message });
    request.log.error({ err: error }, 'DATEX II feed failed');
    return reply.code(500).send({ error: 'internal_error', message: 'Something went wrong on our side.' });
  });

  const answer = async (kind: Kind, request: FastifyRequest, reply: FastifyReply) => {
    const since = readSince((request.query as Record<string, unknown>).since);
    if (!since.ok) return reply.code(400).header('cache-control', 'no-store').send({ error: 'bad_request', message: since.message });
    const view = await o.published.read(o.now());
    const document: Json | undefined = kind === 'table' ? tablePublication(view, o.options, since.since) : statusPublication(view, { ...o.options, delivery: 'pull' }, since.since);
    reply.header('cache-control', `public, max-age=${MAX_AGE_SECONDS[kind]}`).header('access-control-allow-origin', '*').header('vary', 'accept-encoding');
    // No site to publish (none is complete, or none changed since): a table must have one.
    if (document === undefined) return reply.code(204).send();
    const body = JSON.stringify(document);
    const tag = entityTag(body);
    reply.header('etag', tag);
    if (noneMatch(request.headers['if-none-match'], tag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  };

  app.get(`${DATEX2_PREFIX}/table`, { config: { rateLimit } }, (request, reply) => answer('table', request, reply));
  app.get(`${DATEX2_PREFIX}/status`, { config: { rateLimit } }, (request, reply) => answer('status', request, reply));
};
