import { guardedRoute } from './guarded-route.ts';
import { jsonAnswer } from './sim-answer.ts';
import { userinfoClaims } from './userinfo.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GuardContext } from './guarded-route.ts';
import type { PaymentLedger } from './payment-ledger.ts';

const AUTH = { msnRequired: false, systemHeaderMax: 30 };

/**
 * Userinfo for a payment's `profile.sub` (ePayment profile sharing,
 * https://developer.vippsmobilepay.com/docs/APIs/userinfo-api/): `GET /vipps-userinfo-api/userinfo/{sub}`
 * with the merchant's access token. A sub is only known to the sales unit whose payment produced it.
 */
export function registerUserinfoRoutes(app: FastifyInstance, ctx: GuardContext, ledger: PaymentLedger): void {
  app.get(
    '/vipps-userinfo-api/userinfo/:sub',
    guardedRoute(ctx, 'userinfo', AUTH, (request, merchant, error) => {
      const { sub } = (request as FastifyRequest<{ Params: { sub: string } }>).params;
      const payment = ledger.findByProfileSub(sub);
      if (!payment || payment.msn !== merchant.msn || payment.profileScope === undefined) {
        return error(404, 'Not Found', `No user information for sub ${sub} is available to this sales unit.`);
      }
      return jsonAnswer(200, userinfoClaims(sub, payment.profileScope, payment.customerPhoneNumber));
    }),
  );
}
