import { guardedRoute } from './guarded-route.ts';
import { instanceOf } from './api-style.ts';
import { headerValue, readJsonBody } from './request-body.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EpaymentCall, EpaymentService } from './epayment-service.ts';
import type { GuardContext } from './guarded-route.ts';
import type { SimMerchant } from './merchants.ts';

type WithReference = FastifyRequest<{ Params: { reference: string } }>;

const AUTH = { msnRequired: true, systemHeaderMax: 30 };

function callOf(request: FastifyRequest, merchant: SimMerchant): EpaymentCall {
  return {
    merchant,
    instance: instanceOf('epayment', request.url),
    idempotencyKey: headerValue(request.headers, 'idempotency-key'),
    body: readJsonBody(request.body, request.headers['content-type']),
  };
}

/** ePayment API v1 (docs/vipps-contract.md §4). */
export function registerEpaymentRoutes(app: FastifyInstance, ctx: GuardContext, service: EpaymentService): void {
  const route = (handler: (request: WithReference, merchant: SimMerchant) => ReturnType<EpaymentService['create']>) =>
    guardedRoute(ctx, 'epayment', AUTH, (request, merchant) => handler(request as WithReference, merchant));

  app.post('/epayment/v1/payments', route((request, merchant) => service.create(callOf(request, merchant))));
  app.get(
    '/epayment/v1/payments/:reference',
    route((request, merchant) => service.get(merchant, request.params.reference, instanceOf('epayment', request.url), 'payment')),
  );
  app.get(
    '/epayment/v1/payments/:reference/events',
    route((request, merchant) => service.get(merchant, request.params.reference, instanceOf('epayment', request.url), 'events')),
  );
  app.post('/epayment/v1/payments/:reference/capture', route((request, merchant) => service.capture(callOf(request, merchant), request.params.reference)));
  app.post('/epayment/v1/payments/:reference/cancel', route((request, merchant) => service.cancel(callOf(request, merchant), request.params.reference)));
  app.post('/epayment/v1/payments/:reference/refund', route((request, merchant) => service.refund(callOf(request, merchant), request.params.reference)));
  app.post(
    '/epayment/v1/test/payments/:reference/approve',
    route((request, merchant) => {
      const call = callOf(request, merchant);
      return service.forceApprove(merchant, request.params.reference, call.body, call.instance);
    }),
  );
}
