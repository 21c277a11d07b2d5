import type { Currency } from './merchants.ts';

export interface Amount {
  currency: Currency;
  value: number;
}

export type PaymentState = 'CREATED' | 'AUTHORIZED' | 'ABORTED' | 'EXPIRED' | 'TERMINATED';
export type PaymentEventName = 'CREATED' | 'ABORTED' | 'EXPIRED' | 'CANCELLED' | 'CAPTURED' | 'REFUNDED' | 'AUTHORIZED' | 'TERMINATED';
export type UserFlow = 'WEB_REDIRECT' | 'NATIVE_REDIRECT' | 'PUSH_MESSAGE' | 'QR';
export type PaymentMethodType = 'WALLET' | 'CARD';

/** One entry of `GET .../events` (docs/vipps-contract.md §6); `amount` is the amount of that operation. */
export interface PaymentEvent {
  reference: string;
  pspReference: string;
  name: PaymentEventName;
  amount: Amount;
  timestamp: string;
  idempotencyKey: string | null;
  success: boolean;
}

/** Øre totals; the API shows them as Amounts in `aggregate`. */
export interface Aggregate {
  authorized: number;
  cancelled: number;
  captured: number;
  refunded: number;
}

export interface Payment {
  msn: string;
  reference: string;
  amount: Amount;
  state: PaymentState;
  aggregate: Aggregate;
  /** pspReference of the CREATED event; GET and adjustment answers carry this one (docs/vipps-contract.md §6, §7). */
  pspReference: string;
  userFlow: UserFlow;
  paymentMethod: PaymentMethodType;
  customerInteraction: 'CUSTOMER_PRESENT' | 'CUSTOMER_NOT_PRESENT';
  returnUrl?: string;
  paymentDescription?: string;
  metadata?: Record<string, string>;
  profileScope?: string;
  /** `customer.phoneNumber` of the create request: the user's number in Userinfo. */
  customerPhoneNumber?: string;
  /** Token in the phone URL; also accepted by force approve as `{ token }`. */
  redirectToken: string;
  redirectUrl?: string;
  createdAtMs: number;
  /** End of the approval window (docs/vipps-contract.md §12: 10 minutes by default). */
  approvalDeadlineMs: number;
  authorizedAt?: string;
  captureGuaranteedUntil?: string;
  profileSub?: string;
  events: readonly PaymentEvent[];
}

export const ZERO_AGGREGATE: Aggregate = Object.freeze({ authorized: 0, cancelled: 0, captured: 0, refunded: 0 });
