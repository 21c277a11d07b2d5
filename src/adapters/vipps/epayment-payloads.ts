import { PAYMENT_STATES } from '../../core/vocabulary/payment-state.ts';
import { booleanAt, integerAt, isRecord, stringAt } from './json-fields.ts';
import type { Receipt } from './receipt.ts';
import type {
  Currency,
  PaymentAggregate,
  PaymentEventName,
  PaymentEventRecord,
  PaymentSnapshot,
} from './payment-snapshot.ts';

// Vipps ePayment v1 request bodies (docs/vipps-contract.md §5); they never leave this folder.
export interface VippsAmount {
  currency: Currency;
  value: number;
}

export interface VippsCreatePaymentRequest {
  amount: VippsAmount;
  paymentMethod: { type: 'WALLET' | 'CARD' };
  reference: string;
  userFlow: 'WEB_REDIRECT' | 'NATIVE_REDIRECT' | 'PUSH_MESSAGE' | 'QR';
  returnUrl?: string;
  customer?: { phoneNumber: string };
  customerInteraction?: 'CUSTOMER_PRESENT' | 'CUSTOMER_NOT_PRESENT';
  paymentDescription?: string;
  receipt?: Receipt;
  metadata?: Record<string, string>;
  qrFormat?: { format: 'IMAGE/SVG+XML' | 'IMAGE/PNG' | 'TEXT/TARGETURL' };
}

const EVENT_NAMES: readonly PaymentEventName[] = [
  'CREATED', 'ABORTED', 'EXPIRED', 'CANCELLED', 'CAPTURED', 'REFUNDED', 'AUTHORIZED', 'TERMINATED',
];
const CURRENCIES: readonly Currency[] = ['NOK', 'DKK', 'EUR'];

function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  return allowed.find((item) => item === value);
}

function readAmount(value: unknown): VippsAmount | undefined {
  if (!isRecord(value)) return undefined;
  const currency = oneOf(CURRENCIES, value['currency']);
  const amount = integerAt(value, 'value');
  return currency !== undefined && amount !== undefined ? { currency, value: amount } : undefined;
}

function readAggregate(value: unknown): PaymentAggregate | undefined {
  if (!isRecord(value)) return undefined;
  const authorized = readAmount(value['authorizedAmount']);
  const captured = readAmount(value['capturedAmount']);
  const cancelled = readAmount(value['cancelledAmount']);
  const refunded = readAmount(value['refundedAmount']);
  if (!authorized || !captured || !cancelled || !refunded) return undefined;
  return {
    authorizedOre: authorized.value,
    capturedOre: captured.value,
    cancelledOre: cancelled.value,
    refundedOre: refunded.value,
  };
}

// GetPaymentResponse and ModificationResponse share every field we use.
export function readPaymentSnapshot(json: unknown): PaymentSnapshot | undefined {
  if (!isRecord(json)) return undefined;
  const reference = stringAt(json, 'reference');
  const state = oneOf(PAYMENT_STATES, json['state']);
  const amount = readAmount(json['amount']);
  const aggregate = readAggregate(json['aggregate']);
  const pspReference = stringAt(json, 'pspReference');
  if (reference === undefined || !state || !amount || !aggregate || pspReference === undefined) return undefined;
  const snapshot: PaymentSnapshot = { reference, state, currency: amount.currency, amountOre: amount.value, aggregate, pspReference };
  const redirectUrl = stringAt(json, 'redirectUrl');
  if (redirectUrl !== undefined) snapshot.redirectUrl = redirectUrl;
  const guaranteed = stringAt(json, 'captureGuaranteedUntil');
  if (guaranteed !== undefined) snapshot.captureGuaranteedUntil = guaranteed;
  return snapshot;
}

// An entry of the payment's event log, and the body of an ePayment webhook,
// which carries the same fields (docs/vipps-contract.md §15).
export function readPaymentEvent(json: unknown): PaymentEventRecord | undefined {
  if (!isRecord(json)) return undefined;
  const reference = stringAt(json, 'reference');
  const pspReference = stringAt(json, 'pspReference');
  const name = oneOf(EVENT_NAMES, json['name']);
  const amount = readAmount(json['amount']);
  const timestamp = stringAt(json, 'timestamp');
  const success = booleanAt(json, 'success');
  if (reference === undefined || pspReference === undefined || !name || !amount || timestamp === undefined || success === undefined) {
    return undefined;
  }
  const event: PaymentEventRecord = { reference, pspReference, name, amountOre: amount.value, currency: amount.currency, timestamp, success };
  const key = stringAt(json, 'idempotencyKey');
  if (key !== undefined) event.idempotencyKey = key;
  return event;
}

export function readPaymentEvents(json: unknown): PaymentEventRecord[] | undefined {
  if (!Array.isArray(json)) return undefined;
  const events: PaymentEventRecord[] = [];
  for (const item of json) {
    const event = readPaymentEvent(item);
    if (!event) return undefined;
    events.push(event);
  }
  return events;
}

export function readCreatedPayment(json: unknown): { reference: string; redirectUrl?: string } | undefined {
  if (!isRecord(json)) return undefined;
  const reference = stringAt(json, 'reference');
  if (reference === undefined) return undefined;
  const redirectUrl = stringAt(json, 'redirectUrl');
  return redirectUrl !== undefined ? { reference, redirectUrl } : { reference };
}
