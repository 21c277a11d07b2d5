import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DriverRouteDeps } from './driver-route-deps.ts';
import { TOKEN_PATTERN } from './driver-route-deps.ts';
import { messagePage } from './message-page.ts';
import { isReturnable, rememberSession } from './own-session.ts';
import type { Messages } from './i18n/messages.ts';
import { pageContextFor } from './page-context-for.ts';
import { sendPage } from './page-reply.ts';
import { receiptContent } from './receipt-content.ts';
import { receiptPdf, type ReceiptPdfLabels } from './receipt-pdf.ts';
import { isSameOriginPost } from './same-origin.ts';
import type { DriverRateLimits } from './start-route.ts';
import { statusPage } from './status-page.ts';
import { isValidStopCheck, stopCheckValue } from './stop-check.ts';

type TokenRequest = FastifyRequest<{ Params: { token: string } }>;

const pdfLabels = (t: Messages): ReceiptPdfLabels => ({
  chargingHeading: t.chargingHeading,
  columns: [t.descriptionLabel, t.quantityLabel, t.unitPriceLabel, t.vatRateLabel, t.amountLabel],
  paymentHeading: t.paymentHeading,
  supportHeading: t.supportHeading,
});

export function registerStatusRoutes(app: FastifyInstance, deps: DriverRouteDeps, limits: DriverRateLimits): void {
  const notFound = (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = pageContextFor(request, reply, deps.pages);
    const page = messagePage(ctx, { title: ctx.t.pageNotFoundTitle, lines: [ctx.t.pageNotFound] });
    return sendPage(request, reply, page, { status: 404, caching: 'no-store' });
  };

  // The token in the URL is the only key to a session: keep it out of search
  // engines and out of any cache.
  const privateHeaders = (reply: FastifyReply) => reply.header('x-robots-tag', 'noindex, nofollow');

  app.get<{ Params: { token: string } }>('/s/:token.json', async (request, reply) => {
    privateHeaders(reply).header('cache-control', 'no-store');
    const view = TOKEN_PATTERN.test(request.params.token) ? await deps.actions.session(request.params.token) : undefined;
    if (view === undefined) return reply.code(404).send({ error: 'not_found' });
    return reply.send(view);
  });

  app.get<{ Params: { token: string } }>('/s/:token', async (request: TokenRequest, reply) => {
    privateHeaders(reply);
    const { token } = request.params;
    let view = TOKEN_PATTERN.test(token) ? await deps.actions.session(token) : undefined;
    if (view === undefined) return notFound(request, reply);
    if (view.phase === 'awaiting_payment') {
      // The driver is back from Vipps (or the page refreshed): ask Vipps now
      // rather than wait for the webhook. A failure here only delays the answer.
      try {
        await deps.actions.paymentReturn(token);
        view = (await deps.actions.session(token)) ?? view;
      } catch (err) {
        request.log.warn({ err }, 'payment return check failed; showing the last known state');
      }
    }
    if (isReturnable(view.phase)) rememberSession(reply, token, deps.pages.secureCookies);
    const ctx = pageContextFor(request, reply, deps.pages);
    const page = statusPage(ctx, view, { stopCheck: stopCheckValue(deps.formKey, token), nowIso: new Date().toISOString() });
    return sendPage(request, reply, page, { caching: 'no-store' });
  });

  // The receipt as a PDF: the same key as the page, and only once there is a
  // receipt (settled, something charged, numbered).
  app.get<{ Params: { token: string } }>('/s/:token/receipt.pdf', async (request: TokenRequest, reply) => {
    privateHeaders(reply);
    const { token } = request.params;
    const view = TOKEN_PATTERN.test(token) ? await deps.actions.session(token) : undefined;
    const { final, issuedReceipt: issued } = view ?? {};
    if (view === undefined || final === undefined || issued === undefined || final.capturedOre <= 0) return notFound(request, reply);
    const { t, language, support } = pageContextFor(request, reply, deps.pages);
    const content = receiptContent(t, language, { view, final, issued, support });
    const pdf = await receiptPdf(content, pdfLabels(t), { author: view.seller.name, createdAt: new Date(issued.issuedAt) });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${t.receiptFileName(issued.number)}.pdf"`)
      .type('application/pdf')
      .send(pdf);
  });

  // Counted per address before the token or the form is looked at.
  const stopLimit = {
    rateLimit: {
      max: limits.stopsPerAddressPerMinute,
      timeWindow: 60_000,
      onExceeded: () => deps.security.refused('driver_stop', 'per_address'),
      errorResponseBuilder: (_request: FastifyRequest, context: { statusCode: number }) => ({ statusCode: context.statusCode, code: 'rate_limited', message: 'rate limited' }),
    },
  };
  app.post<{ Params: { token: string } }>('/s/:token/stop', { config: stopLimit }, async (request, reply) => {
    privateHeaders(reply);
    const { token } = request.params;
    if (!TOKEN_PATTERN.test(token)) return notFound(request, reply);
    const check = (request.body as Record<string, unknown> | undefined)?.['check'];
    if (!isSameOriginPost(request.headers, deps.allowedOrigins(request)) || !isValidStopCheck(deps.formKey, token, check)) {
      request.log.warn({ origin: request.headers.origin }, 'stop refused: form check failed');
      const ctx = pageContextFor(request, reply, deps.pages, `/s/${token}`);
      const page = messagePage(ctx, { title: ctx.t.stopRefusedTitle, lines: [ctx.t.stopRefused], link: { href: `/s/${token}`, text: ctx.t.backToSession } });
      return sendPage(request, reply, page, { status: 403, caching: 'no-store' });
    }
    const result = await deps.actions.stop(token);
    if (!result.ok && result.reason === 'not_found') return notFound(request, reply);
    // Stopped, already stopping or already ended: the same answer, back to the page that shows which.
    return reply.header('cache-control', 'no-store').redirect(`/s/${token}`, 303);
  });
}
