import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

// no-store: the page shows live state (station status, a session) and must
//   never come from a cache, nor be kept on a shared phone.
// revalidate: the page changes only with a deploy or the language; an ETag
//   lets a weak connection get a 304 instead of the page.
export type PageCaching = 'no-store' | 'revalidate';

export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

export function matchesEtag(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (header === undefined) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

export function sendPage(request: FastifyRequest, reply: FastifyReply, body: string, options: { status?: number; caching: PageCaching }): FastifyReply {
  reply.code(options.status ?? 200).type('text/html; charset=utf-8');
  if (options.caching === 'no-store') return reply.header('cache-control', 'no-store').send(body);
  const etag = etagOf(body);
  reply.header('cache-control', 'no-cache').header('vary', 'Accept-Language, Cookie').header('etag', etag);
  if ((options.status ?? 200) === 200 && matchesEtag(request, etag)) return reply.code(304).send();
  return reply.send(body);
}
