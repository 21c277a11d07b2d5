import type { PaymentState } from '../../core/vocabulary/payment-state.ts';

// What the ePayment client hands back: our values, not Vipps' JSON.

export type PaymentEventName =
  | 'CREATED'
  | 'ABORTED'
  | 'EXPIRED'
  | 'CANCELLED'
  | 'CAPTURED'
  | 'REFUNDED'
  | 'AUTHORIZED'
  | 'TERMINATED';

export type Currency = 'NOK' | 'DKK' | 'EUR';

// There is no CAPTURED state: money movement shows only here (docs/vipps-contract.md §6).
export interface PaymentAggregate {
  authorizedOre: number;
  capturedOre: number;
  cancelledOre: number;
  refundedOre: number;
}

export interface PaymentSnapshot {
  reference: string;
  state: PaymentState;
  currency: Currency;
  amountOre: number;
  aggregate: PaymentAggregate;
  // The CREATED event's id; each operation's own id is in the event log.
  pspReference: string;
  redirectUrl?: string;
  captureGuaranteedUntil?: string;
}

export interface PaymentEventRecord {
  reference: string;
  pspReference: string;
  name: PaymentEventName;
  amountOre: number;
  currency: Currency;
  timestamp: string;
  idempotencyKey?: string;
  success: boolean;
}

export interface CreatedPayment {
  reference: string;
  redirectUrl?: string;
}
