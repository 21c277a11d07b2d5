import { renderPhonePage, renderUnknownPaymentPage } from './phone-page.ts';
import { phonePath } from './phone-link.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimMerchant } from './merchants.ts';
import type { Phone } from './phone.ts';
import type { PhoneButton } from './phone-link.ts';
import type { PaymentLedger } from './payment-ledger.ts';

const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

interface PhoneDeps {
  ledger: PaymentLedger;
  phone: Phone;
  merchants: readonly SimMerchant[];
}

type TokenInPath = FastifyRequest<{ Params: { token: string } }>;
type TokenInQuery = FastifyRequest<{ Querystring: { token?: string } }>;

function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).headers(PAGE_HEADERS).type('text/html; charset=utf-8').send(html);
}

function showPage(deps: PhoneDeps, token: string, reply: FastifyReply): FastifyReply {
  const payment = deps.ledger.loadByToken(token);
  if (!payment) return sendPage(reply, 404, renderUnknownPaymentPage());
  const merchant = deps.merchants.find((m) => m.msn === payment.msn);
  return sendPage(
    reply,
    200,
    renderPhonePage({
      merchantName: merchant?.name ?? payment.msn,
      amount: payment.amount,
      description: payment.paymentDescription,
      reference: payment.reference,
      state: payment.state,
      token: payment.redirectToken,
      returnUrl: payment.returnUrl,
    }),
  );
}

function press(deps: PhoneDeps, token: string, button: PhoneButton, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const payment = deps.ledger.loadByToken(token);
  if (!payment) return sendPage(reply, 404, renderUnknownPaymentPage());
  const outcome = button === 'approve' ? deps.phone.approve(payment) : deps.phone.reject(payment);
  request.log.info({ reference: payment.reference, action: button, outcome }, 'phone action');
  // Like the app: back to the merchant whatever happened; without a returnUrl, back to this page.
  const target = payment.returnUrl ?? phonePath(payment.redirectToken);
  return reply.code(303).header('location', target).header('cache-control', 'no-store').send();
}

/**
 * The landing page a WEB_REDIRECT `redirectUrl` opens (`/phone/?token=…`, or `/phone/<token>`):
 * Approve/Reject, then 303 to the payment's returnUrl.
 */
export function registerPhoneRoutes(app: FastifyInstance, deps: PhoneDeps): void {
  for (const path of ['/phone', '/phone/']) {
    app.get(path, async (request: TokenInQuery, reply) => showPage(deps, request.query.token ?? '', reply));
  }
  app.get('/phone/:token', async (request: TokenInPath, reply) => showPage(deps, request.params.token, reply));

  for (const button of ['approve', 'reject'] as const) {
    app.post(`/phone/${button}`, async (request: TokenInQuery, reply) => press(deps, request.query.token ?? '', button, request, reply));
    app.post(`/phone/:token/${button}`, async (request: TokenInPath, reply) => press(deps, request.params.token, button, request, reply));
  }
}
