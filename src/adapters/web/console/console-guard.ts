import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAllows } from '../../../core/operator-role.ts';
import { html } from '../html.ts';
import { redactUrl } from '../request-log.ts';
import { neededRole } from '../route-role.ts';
import { sameToken } from './console-auth.ts';
import { auditBy, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { textOf } from './i18n/console-language.ts';

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

// Every console route registered after this needs a login whose role allows
// it (see route-role.ts); every form post also needs the login session's own
// CSRF token (a token from another operator's session is refused) and, when
// the browser names one, our origin. The request's own origin counts only as
// Fastify sees it: X-Forwarded-Proto/-Host only from a trusted proxy.
export function guardConsole(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const session = await deps.auth.load(request);
    if (!session) {
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      return reply.header('cache-control', 'no-store').redirect(`/console/login${next}`, 303);
    }
    deps.auth.remember(request, session);
    const needed = neededRole(request);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const origin = request.headers.origin;
      const allowed = [originOf(deps.publicUrl), `${request.protocol}://${request.host}`];
      const token = formField(request.body, '_csrf');
      if ((origin !== undefined && !allowed.includes(origin)) || !sameToken(token, session.csrfToken)) {
        request.log.warn({ url: redactUrl(request.url), origin }, 'console form refused: CSRF check failed');
        const t = textOf(request);
        return sendPage(
          deps,
          request,
          reply,
          {
            title: t.pages.formRefusedTitle,
            main: html`<h1>${t.pages.formRefusedTitle}</h1><p>${t.pages.formRefused}</p><p><a href="/console">${t.common.backToConsole}</a></p>`,
          },
          403,
        );
      }
    }
    if (!roleAllows(session.user.role, needed)) {
      const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        await deps.audit.record({ ...auditBy(deps, request), action: 'console.forbidden', subjectType: 'user', subjectId: session.user.id, outcome: 'forbidden', detail: { route, role: session.user.role } });
      }
      const t = textOf(request);
      return sendPage(
        deps,
        request,
        reply,
        {
          title: t.pages.notAllowedTitle,
          main: html`<h1>${t.pages.notAllowedTitle}</h1><p>${t.pages.notAllowed(t.layout.role[session.user.role], t.layout.role[needed])}</p><p><a href="/console">${t.common.backToConsole}</a></p>`,
        },
        403,
      );
    }
  });

  app.post('/console/logout', { config: { role: 'viewer' } }, async (request, reply) => {
    await deps.auth.logOut(request, reply);
    return reply.redirect('/console/login', 303);
  });
}
