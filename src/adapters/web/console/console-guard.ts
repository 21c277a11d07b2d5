import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sameToken } from './console-auth.ts';
import { formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { html } from './html.ts';

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

// Every console route registered after this needs a login; every form post
// also needs the login session's own CSRF token (a token from another
// operator's session is refused) and, when the browser names one, our origin.
export function guardConsole(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const session = await deps.auth.load(request);
    if (!session) {
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      return reply.header('cache-control', 'no-store').redirect(`/console/login${next}`, 303);
    }
    deps.auth.remember(request, session);
    if (request.method === 'GET' || request.method === 'HEAD') return;

    const origin = request.headers.origin;
    const allowed = [originOf(deps.publicUrl()), `${request.protocol}://${request.host}`];
    const token = formField(request.body, '_csrf');
    if ((origin !== undefined && !allowed.includes(origin)) || !sameToken(token, session.csrfToken)) {
      request.log.warn({ url: request.url, origin }, 'console form refused: CSRF check failed');
      return sendPage(
        deps,
        request,
        reply,
        {
          title: 'Form refused',
          main: html`<h1>Form refused</h1><p>This form was not sent from your console session, or it has expired. Nothing was changed.</p><p><a href="/console">Back to the console</a></p>`,
        },
        403,
      );
    }
  });

  app.post('/console/logout', async (request, reply) => {
    await deps.auth.logOut(request, reply);
    return reply.redirect('/console/login', 303);
  });
}
