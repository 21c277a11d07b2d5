import type { GatewayFailure, GatewayResult, PaymentGateway, PaymentStatus } from '../../usecases/ports/payment-gateway.ts';
import type { PaymentSnapshot } from './payment-snapshot.ts';
import { receiptFor } from './receipt-for-session.ts';
import type { VippsClient } from './vipps-client.ts';
import type { VippsFailure, VippsResult } from './vipps-result.ts';

// The session logic's PaymentGateway on top of our Vipps client: Vipps types
// and failure kinds stop here.

function failure(f: VippsFailure): GatewayFailure {
  switch (f.kind) {
    case 'unavailable':
      return { retry: true, code: `unavailable:${f.lastStatus}` };
    case 'funds_unavailable':
      // 6260: the bank released the hold early; Vipps says try again later.
      return { retry: true, code: 'funds_unavailable' };
    case 'wrong_state':
    case 'amount_too_high':
      return { retry: false, code: `${f.kind}:${f.code}` };
    case 'amount_mismatch':
      return { retry: false, code: `amount_mismatch:${f.expectedOre}/${f.actualOre}` };
    case 'unexpected':
      return { retry: f.status >= 500, code: `unexpected:${f.status}` };
    case 'unauthorized':
      // Keys rotated or the token service hiccuped: worth another try later.
      return { retry: true, code: 'unauthorized' };
    default:
      return { retry: false, code: f.kind };
  }
}

function status(s: PaymentSnapshot): PaymentStatus {
  return {
    state: s.state,
    authorizedOre: s.aggregate.authorizedOre,
    capturedOre: s.aggregate.capturedOre,
    cancelledOre: s.aggregate.cancelledOre,
    refundedOre: s.aggregate.refundedOre,
  };
}

function map<T, U>(r: VippsResult<T>, f: (v: T) => U): GatewayResult<U> {
  return r.ok ? { ok: true, value: f(r.value) } : { ok: false, failure: failure(r.failure) };
}

export function vippsPaymentGateway(client: VippsClient): PaymentGateway {
  return {
    async create(p) {
      const r = await client.epayment.create({
        reference: p.reference,
        amountOre: p.amountOre,
        idempotencyKey: p.idempotencyKey,
        userFlow: 'WEB_REDIRECT',
        returnUrl: p.returnUrl,
        customerInteraction: 'CUSTOMER_PRESENT',
        description: p.description,
        ...(p.method === 'CARD' ? { paymentMethod: 'CARD' as const } : {}),
      });
      if (r.ok && !r.value.redirectUrl) return { ok: false, failure: { retry: false, code: 'no_redirect_url' } };
      return map(r, (v) => ({ redirectUrl: v.redirectUrl ?? '' }));
    },
    async status(reference) {
      return map(await client.epayment.get(reference), status);
    },
    async capture(reference, amountOre, idempotencyKey) {
      return map(await client.epayment.capture({ reference, amountOre, idempotencyKey }), status);
    },
    async cancel(reference, idempotencyKey) {
      return map(await client.epayment.cancel({ reference, idempotencyKey, cancelTransactionOnly: false }), status);
    },
    async refund(reference, amountOre, idempotencyKey) {
      return map(await client.epayment.refund({ reference, amountOre, idempotencyKey }), status);
    },
    async sendReceipt(req) {
      const added = await client.orders.addReceipt(req.reference, receiptFor(req));
      if (!added.ok) return { ok: false, failure: failure(added.failure) };
      const category = await client.orders.putCategory(req.reference, 'RECEIPT', req.orderDetailsUrl);
      return map(category, () => undefined);
    },
  };
}
