import type { Bill } from '../../core/bill.ts';
import type { PaymentState } from '../../core/vocabulary/payment-state.ts';
import type { SupportContact } from './support-contact.ts';

// What the session logic needs from the payment provider (Vipps ePayment and
// Order Management). Every state-changing call carries the caller's
// deterministic idempotency key, so a retry after a crash or a lost answer has
// no second effect.

// The closed set of ways a call to the payment provider fails. The Vipps
// adapter translates its answers into these in one place; the session logic
// decides on each (src/usecases/session-effects.ts).
export type GatewayFailure =
  // Still failing after the client's own retries; the same key is safe to try again later.
  | { kind: 'unavailable'; lastStatus: number | 'network' | 'timeout' }
  | { kind: 'funds_unavailable' } // the bank released the hold early (Vipps 6260)
  | { kind: 'unauthorized' } // the provider refused our credentials
  | { kind: 'unexpected'; status: number } // an answer no other kind explains
  | { kind: 'wrong_state'; code: string } // the payment is not in a state that allows it (Vipps 6020, 6060 …)
  | { kind: 'amount_too_high'; code: string }
  | { kind: 'amount_mismatch'; expectedOre: number; actualOre: number }
  | { kind: 'not_found' }
  | { kind: 'invalid_request' }
  | { kind: 'idempotency_conflict' }
  | { kind: 'reference_exists' }
  | { kind: 'already_exists' }
  | { kind: 'forbidden' }
  | { kind: 'no_redirect_url' }; // a payment created without the page to send the driver to

// The failure as a stable code, for the session's history, the outbox and
// the operator: 'unavailable:503', 'wrong_state:6060', 'not_found' …
export function failureCode(f: GatewayFailure): string {
  switch (f.kind) {
    case 'unavailable':
      return `unavailable:${f.lastStatus}`;
    case 'unexpected':
      return `unexpected:${f.status}`;
    case 'wrong_state':
    case 'amount_too_high':
      return `${f.kind}:${f.code}`;
    case 'amount_mismatch':
      return `amount_mismatch:${f.expectedOre}/${f.actualOre}`;
    case 'funds_unavailable':
    case 'unauthorized':
    case 'not_found':
    case 'invalid_request':
    case 'idempotency_conflict':
    case 'reference_exists':
    case 'already_exists':
    case 'forbidden':
    case 'no_redirect_url':
      return f.kind;
    default: {
      const never: never = f;
      return JSON.stringify(never);
    }
  }
}

export type GatewayResult<T> = { ok: true; value: T } | { ok: false; failure: GatewayFailure };

export interface PaymentStatus {
  state: PaymentState;
  authorizedOre: number;
  capturedOre: number;
  cancelledOre: number;
  refundedOre: number;
  // The provider's own reference for the payment (Vipps ePayment: `pspReference`), when it gave one.
  pspReference?: string;
}

export interface ReceiptRequest {
  reference: string;
  receiptNumber: number; // the session's number in the operator's series (receipt-numbers.ts)
  bill: Bill; // the session's stored bill: its lines add up to exactly what was captured
  stationName: string;
  orderDetailsUrl: string;
  support?: SupportContact;
}

export interface PaymentGateway {
  create(p: {
    reference: string;
    amountOre: number;
    description: string;
    returnUrl: string;
    method: 'WALLET' | 'CARD';
    idempotencyKey: string;
    // 'qr': a one-time QR for a screen at the charger; redirectUrl is then the
    // text to show as the QR code (docs/display-payment.md).
    flow?: 'qr';
  }): Promise<GatewayResult<{ redirectUrl: string }>>;
  status(reference: string): Promise<GatewayResult<PaymentStatus>>;
  capture(reference: string, amountOre: number, idempotencyKey: string): Promise<GatewayResult<PaymentStatus>>;
  // Releases everything not captured (Vipps cancel is all-or-nothing).
  cancel(reference: string, idempotencyKey: string): Promise<GatewayResult<PaymentStatus>>;
  refund(reference: string, amountOre: number, idempotencyKey: string): Promise<GatewayResult<PaymentStatus>>;
  sendReceipt(r: ReceiptRequest): Promise<GatewayResult<void>>;
}
