import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DriverRouteDeps } from './driver-route-deps.ts';
import { CODE_PATTERN, normalizeCode } from './driver-route-deps.ts';
import { homePage } from './home-page.ts';
import { landingPage } from './landing-page.ts';
import { isReturnable, rememberedToken } from './own-session.ts';
import { pageContextFor } from './page-context-for.ts';
import { sendPage } from './page-reply.ts';
import type { TermsRules } from './i18n/messages.ts';
import { termsPage } from './terms-page.ts';

function langSuffix(query: unknown): string {
  const lang = (query as Record<string, unknown> | undefined)?.['lang'];
  return lang === 'nb' || lang === 'en' ? `?lang=${lang}` : '';
}

// The session this browser paid for at this connector, while the driver can still act on it.
async function ownSessionHere(deps: DriverRouteDeps, request: FastifyRequest, code: string): Promise<string | undefined> {
  const token = rememberedToken(request);
  if (token === undefined) return undefined;
  const session = await deps.actions.session(token);
  return session && session.connectorCode === code && isReturnable(session.phase) ? token : undefined;
}

export function registerLandingRoutes(app: FastifyInstance, deps: DriverRouteDeps, terms: TermsRules): void {
  app.get('/', async (request, reply) => {
    const ctx = pageContextFor(request, reply, deps.pages);
    return sendPage(request, reply, homePage(ctx), { caching: 'revalidate' });
  });

  // The form on the home and 404 pages: GET /c?code=k7p2qx → /c/K7P2QX
  app.get('/c', async (request, reply) => {
    const raw = (request.query as Record<string, unknown>)['code'];
    const code = typeof raw === 'string' ? normalizeCode(raw) : '';
    if (code === '') return reply.redirect('/', 303);
    return reply.redirect(`/c/${encodeURIComponent(code)}`, 303);
  });

  app.get<{ Params: { code: string } }>('/c/:code', async (request, reply) => {
    const code = normalizeCode(request.params.code);
    if (CODE_PATTERN.test(code) && code !== request.params.code) {
      return reply.redirect(`/c/${code}${langSuffix(request.query)}`, 302);
    }
    const own = await ownSessionHere(deps, request, code);
    if (own !== undefined) return reply.header('cache-control', 'no-store').redirect(`/s/${own}`, 303);
    const ctx = pageContextFor(request, reply, deps.pages);
    const view = CODE_PATTERN.test(code) ? await deps.actions.landing(code) : undefined;
    if (view === undefined) return sendPage(request, reply, homePage(ctx, request.params.code.slice(0, 40)), { status: 404, caching: 'no-store' });
    return sendPage(request, reply, landingPage(ctx, view), { caching: 'no-store' });
  });

  app.get('/terms', async (request, reply) => {
    const ctx = pageContextFor(request, reply, deps.pages);
    return sendPage(request, reply, termsPage(ctx, terms), { caching: 'revalidate' });
  });
}
