import { guardedRoute } from './guarded-route.ts';
import { Issues } from './field-checks.ts';
import { phoneTokenOf } from './phone-link.ts';
import { qrFormatOf } from './qr-format.ts';
import { isPlainObject, readJsonBody } from './request-body.ts';
import { jsonAnswer } from './sim-answer.ts';
import type { FastifyInstance } from 'fastify';
import type { SimClock } from './clock.ts';
import type { GuardContext } from './guarded-route.ts';
import type { PaymentLedger } from './payment-ledger.ts';
import type { SimAnswer } from './sim-answer.ts';

export interface OneTimeQrLinks {
  image(token: string, format: 'svg' | 'png', size: number): string;
  phone(token: string): string;
}

const AUTH = { msnRequired: false, systemHeaderMax: 30 };

/**
 * QR API, one-time payment QR (`POST /qr/v1`, https://developer.vippsmobilepay.com/docs/APIs/qr-api/):
 * given the landing page URL of a payment (its `redirectUrl`), a QR for a customer-facing screen that
 * stays active as long as the payment can still be approved. Scanning it opens the phone page.
 */
export function registerOneTimeQrRoutes(app: FastifyInstance, ctx: GuardContext, deps: { ledger: PaymentLedger; clock: SimClock; links: OneTimeQrLinks }): void {
  app.post(
    '/qr/v1',
    guardedRoute(ctx, 'qr', AUTH, (request, merchant, error): SimAnswer => {
      const format = qrFormatOf(request, error);
      if ('status' in format) return format;
      const body = readJsonBody(request.body, request.headers['content-type']);
      const issues = new Issues();
      if (body.kind !== 'json' || !isPlainObject(body.value)) issues.add('body', body.kind === 'invalid' ? body.reason : 'A JSON object with url is required.');
      else issues.string('Url', body.value['url'], { min: 1 });
      if (!issues.empty) return error(400, 'One or more validation errors occurred.', 'BadRequest', issues.list);
      const url = ((body as { value: { url: string } }).value.url).trim();
      const payment = deps.ledger.loadByToken(phoneTokenOf(url));
      // Titles and details as in the QR API's own error examples.
      if (!payment || payment.msn !== merchant.msn) return error(400, 'Validation error', 'Supplied landing page token is not valid');
      if (payment.state === 'EXPIRED') return error(400, 'Order timeout', 'Payment has already timed out');
      if (payment.state !== 'CREATED') return error(400, 'Validation error', `The payment is ${payment.state} and can no longer be approved.`);
      const token = payment.redirectToken;
      const qrUrl = format.kind === 'target' ? deps.links.phone(token) : deps.links.image(token, format.kind, format.kind === 'png' ? format.size : 1024);
      const expiresIn = Math.max(0, Math.floor((payment.approvalDeadlineMs - deps.clock.now().getTime()) / 1000));
      return jsonAnswer(200, { url: qrUrl, expiresIn });
    }),
  );
}
