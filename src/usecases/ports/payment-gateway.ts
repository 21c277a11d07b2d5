import type { Bill } from '../../core/bill.ts';
import type { PaymentState } from '../../core/vocabulary/payment-state.ts';

// What the session logic needs from the payment provider (Vipps ePayment and
// Order Management). Every state-changing call carries the caller's
// deterministic idempotency key, so a retry after a crash or a lost answer has
// no second effect.

export type GatewayFailure = {
  // transient: try again later with the same key; permanent: an operator must look.
  retry: boolean;
  code: string; // a stable code, e.g. 'unavailable', 'wrong_state:6060', 'not_found'
};

export type GatewayResult<T> = { ok: true; value: T } | { ok: false; failure: GatewayFailure };

export interface PaymentStatus {
  state: PaymentState;
  authorizedOre: number;
  capturedOre: number;
  cancelledOre: number;
  refundedOre: number;
}

export interface ReceiptRequest {
  reference: string;
  bill: Bill; // the session's stored bill: its lines add up to exactly what was captured
  stationName: string;
  orderDetailsUrl: string;
}

export interface PaymentGateway {
  create(p: {
    reference: string;
    amountOre: number;
    description: string;
    returnUrl: string;
    method: 'WALLET' | 'CARD';
    idempotencyKey: string;
  }): Promise<GatewayResult<{ redirectUrl: string }>>;
  status(reference: string): Promise<GatewayResult<PaymentStatus>>;
  capture(reference: string, amountOre: number, idempotencyKey: string): Promise<GatewayResult<PaymentStatus>>;
  // Releases everything not captured (Vipps cancel is all-or-nothing).
  cancel(reference: string, idempotencyKey: string): Promise<GatewayResult<PaymentStatus>>;
  refund(reference: string, amountOre: number, idempotencyKey: string): Promise<GatewayResult<PaymentStatus>>;
  sendReceipt(r: ReceiptRequest): Promise<GatewayResult<void>>;
}
