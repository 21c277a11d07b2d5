import { renderPhonePage, renderUnknownPaymentPage } from './phone-page.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SimMerchant } from './merchants.ts';
import type { Phone } from './phone.ts';
import type { PaymentLedger } from './payment-ledger.ts';

const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).headers(PAGE_HEADERS).type('text/html; charset=utf-8').send(html);
}

/** The landing page a WEB_REDIRECT `redirectUrl` opens: Approve/Reject, then 303 to the payment's returnUrl. */
export function registerPhoneRoutes(app: FastifyInstance, deps: { ledger: PaymentLedger; phone: Phone; merchants: readonly SimMerchant[] }): void {
  app.get<{ Params: { token: string } }>('/phone/:token', async (request, reply) => {
    const payment = deps.ledger.loadByToken(request.params.token);
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
  });

  for (const action of ['approve', 'reject'] as const) {
    app.post<{ Params: { token: string } }>(`/phone/:token/${action}`, async (request, reply) => {
      const payment = deps.ledger.loadByToken(request.params.token);
      if (!payment) return sendPage(reply, 404, renderUnknownPaymentPage());
      const outcome = action === 'approve' ? deps.phone.approve(payment) : deps.phone.reject(payment);
      request.log.info({ reference: payment.reference, action, outcome }, 'phone action');
      // Like the app: back to the merchant whatever happened; without a returnUrl, back to this page.
      const target = payment.returnUrl ?? `/phone/${encodeURIComponent(payment.redirectToken)}`;
      return reply.code(303).header('location', target).header('cache-control', 'no-store').send();
    });
  }
}
