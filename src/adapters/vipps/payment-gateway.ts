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
      return { kind: 'unavailable', lastStatus: f.lastStatus };
    case 'unexpected':
      return { kind: 'unexpected', status: f.status };
    case 'wrong_state':
    case 'amount_too_high':
      return { kind: f.kind, code: f.code };
    case 'amount_mismatch':
      return { kind: 'amount_mismatch', expectedOre: f.expectedOre, actualOre: f.actualOre };
    case 'funds_unavailable':
    case 'unauthorized':
    case 'not_found':
    case 'invalid_request':
    case 'idempotency_conflict':
    case 'reference_exists':
    case 'already_exists':
    case 'forbidden':
      return { kind: f.kind };
    default: {
      const never: never = f;
      return never;
    }
  }
}

function status(s: PaymentSnapshot): PaymentStatus {
  return {
    state: s.state,
    authorizedOre: s.aggregate.authorizedOre,
    capturedOre: s.aggregate.capturedOre,
    cancelledOre: s.aggregate.cancelledOre,
    refundedOre: s.aggregate.refundedOre,
    pspReference: s.pspReference,
  };
}

function map<T, U>(r: VippsResult<T>, f: (v: T) => U): GatewayResult<U> {
  return r.ok ? { ok: true, value: f(r.value) } : { ok: false, failure: failure(r.failure) };
}

export function vippsPaymentGateway(client: Pick<VippsClient, 'epayment' | 'orders'>): PaymentGateway {
  return {
    async create(p) {
      const r = await client.epayment.create({
        reference: p.reference,
        amountOre: p.amountOre,
        idempotencyKey: p.idempotencyKey,
        // QR: Vipps' one-time QR, as the URL it encodes, for the charger's screen.
        ...(p.flow === 'qr' ? { userFlow: 'QR' as const, qrFormat: 'TEXT/TARGETURL' as const } : { userFlow: 'WEB_REDIRECT' as const, returnUrl: p.returnUrl }),
        customerInteraction: 'CUSTOMER_PRESENT',
        description: p.description,
        ...(p.method === 'CARD' ? { paymentMethod: 'CARD' as const } : {}),
      });
      if (r.ok && !r.value.redirectUrl) return { ok: false, failure: { kind: 'no_redirect_url' } };
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
