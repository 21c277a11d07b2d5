import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LandingView, StartDropInResult } from '../../../usecases/ports/driver-views.ts';
import type { DriverRouteDeps } from './driver-route-deps.ts';
import { CODE_PATTERN, normalizeCode } from './driver-route-deps.ts';
import { homePage } from './home-page.ts';
import { landingPage, type LandingPageState } from './landing-page.ts';
import { messagePage } from './message-page.ts';
import type { PageContext } from './page-context.ts';
import { pageContextFor } from './page-context-for.ts';
import { sendPage } from './page-reply.ts';
import { rememberSession } from './own-session.ts';
import { isSameOriginPost } from './same-origin.ts';
import { checkStartForm, readStartForm } from './start-form.ts';

// Counted per client address (the real one: see TRUSTED_PROXIES) before the
// request is looked at, and per connector for a form about to make a payment.
export interface DriverRateLimits {
  perAddressPerMinute: number;
  perConnectorPerMinute: number;
  stopsPerAddressPerMinute: number;
}

type Refusal = Extract<StartDropInResult, { ok: false }>['reason'];

const REFUSAL_STATUS: Record<Refusal, number> = {
  not_found: 404,
  offline: 409,
  faulted: 409,
  occupied: 409,
  unavailable: 409,
  invalid_amount: 400,
  vipps_unavailable: 503,
};

// The redirect goes to Vipps exactly as given (docs/vipps-contract.md §5: open
// it unchanged), but only to an http(s) URL: anything else is a fault upstream.
function isWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

export function registerStartRoute(app: FastifyInstance, deps: DriverRouteDeps, limits: DriverRateLimits): void {
  // Per connector, counted only for a valid form about to create a payment:
  // invalid posts must not lock a connector for everyone else.
  const perConnector = app.createRateLimit({
    max: limits.perConnectorPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `connector:${normalizeCode((request.params as { code: string }).code)}`,
  });

  const showLanding = (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, view: LandingView, status: number, state: LandingPageState) =>
    sendPage(request, reply, landingPage(ctx, view, state), { status, caching: 'no-store' });

  app.post<{ Params: { code: string } }>(
    '/c/:code/start',
    {
      config: {
        rateLimit: {
          max: limits.perAddressPerMinute,
          timeWindow: 60_000,
          onExceeded: () => deps.security.refused('driver_start', 'per_address'),
          errorResponseBuilder: (_request, context) => ({ statusCode: context.statusCode, code: 'rate_limited', message: 'rate limited' }),
        },
      },
    },
    async (request, reply) => {
      const code = normalizeCode(request.params.code);
      const ctx = pageContextFor(request, reply, deps.pages, `/c/${code}`);
      const { t } = ctx;
      if (!isSameOriginPost(request.headers, deps.allowedOrigins(request))) {
        request.log.warn({ origin: request.headers.origin }, 'payment start refused: cross-site post');
        const page = messagePage(ctx, { title: t.startRefusedTitle, lines: [t.startFromLanding], link: { href: `/c/${code}`, text: t.tryAgain } });
        return sendPage(request, reply, page, { status: 403, caching: 'no-store' });
      }
      const view = CODE_PATTERN.test(code) ? await deps.actions.landing(code) : undefined;
      if (view === undefined) return sendPage(request, reply, homePage(ctx, code), { status: 404, caching: 'no-store' });

      const input = readStartForm(request.body);
      const checked = checkStartForm(input, view, t);
      if (!checked.ok) return showLanding(request, reply, ctx, view, 400, { input, problems: checked.problems });
      if (!view.canStart) return showLanding(request, reply, ctx, view, 409, {});

      const limit = await perConnector(request);
      if (!limit.isAllowed && limit.isExceeded) {
        deps.security.refused('driver_start', 'per_connector');
        request.log.warn({ connector: code }, 'payment start refused: connector rate limit');
        return showLanding(request, reply, ctx, view, 429, { input, notice: t.startRefused.rate_limited });
      }

      const result = await deps.actions.startDropIn({ connectorCode: view.connectorCode, maxAmountOre: checked.maxAmountOre, method: checked.method, language: ctx.language });
      if (result.ok) {
        // The session's token is a capability: the log gets the connector, not the token.
        if (!isWebUrl(result.redirectUrl)) throw new Error(`payment redirect is not a web URL (connector ${view.connectorCode})`);
        rememberSession(reply, result.token, deps.pages.secureCookies);
        return reply.header('cache-control', 'no-store').redirect(result.redirectUrl, 303);
      }
      request.log.info({ connector: code, reason: result.reason }, 'payment start refused');
      if (result.reason === 'not_found') return sendPage(request, reply, homePage(ctx, code), { status: 404, caching: 'no-store' });
      const fresh = (await deps.actions.landing(code)) ?? view;
      const state: LandingPageState =
        result.reason === 'invalid_amount'
          ? { input, problems: { amount: t.startRefused.invalid_amount } }
          : { input, notice: `${t.startRefused[result.reason]} ${t.nothingCharged}` };
      return showLanding(request, reply, ctx, fresh, REFUSAL_STATUS[result.reason], state);
    },
  );
}
