import type { FastifyInstance } from 'fastify';
import type { DriverRouteDeps } from './driver-route-deps.ts';
import { messagePage } from './message-page.ts';
import { pageContextFor } from './page-context-for.ts';
import { sendPage } from './page-reply.ts';

// Errors on the driver's pages answer with a page in plain words; the detail
// stays in the log.
export function registerDriverErrorHandler(app: FastifyInstance, deps: DriverRouteDeps): void {
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    const ctx = pageContextFor(request, reply, deps.pages);
    const { t } = ctx;
    if (status >= 500) {
      request.log.error({ err: error }, 'driver page failed');
      return sendPage(request, reply, messagePage(ctx, { title: t.errorTitle, lines: [t.errorBody] }), { status, caching: 'no-store' });
    }
    request.log.info({ err: error.message, status }, 'driver page request refused');
    if (status === 429) {
      const code = (request.params as Record<string, unknown> | undefined)?.['code'];
      const link = typeof code === 'string' ? { href: `/c/${encodeURIComponent(code)}`, text: t.tryAgain } : undefined;
      const page = messagePage(ctx, { title: t.tooManyTitle, lines: [t.tooMany], ...(link ? { link } : {}) });
      return sendPage(request, reply, page, { status, caching: 'no-store' });
    }
    return sendPage(request, reply, messagePage(ctx, { title: t.errorTitle, lines: [t.badRequest] }), { status, caching: 'no-store' });
  });
}
