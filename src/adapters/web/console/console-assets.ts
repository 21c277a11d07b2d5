import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

// The stylesheet, read once; its URL carries its hash so it can be cached for good.
export function registerConsoleAssets(app: FastifyInstance): { cssUrl: string } {
  const css = readFileSync(new URL('./console.css', import.meta.url));
  const hash = createHash('sha256').update(css).digest('hex').slice(0, 10);
  const cssUrl = `/console/assets/console.${hash}.css`;
  app.get(cssUrl, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(css),
  );
  return { cssUrl };
}
