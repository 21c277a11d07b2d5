import type { Amount, Payment, PaymentEvent } from './payment.ts';

// Response bodies of the ePayment API (the vendored spec's schemas, plus the live additions of docs/vipps-contract.md §4).

function amountOf(payment: Payment, value: number): Amount {
  return { currency: payment.amount.currency, value };
}

export function aggregateView(payment: Payment) {
  const a = payment.aggregate;
  return {
    authorizedAmount: amountOf(payment, a.authorized),
    cancelledAmount: amountOf(payment, a.cancelled),
    capturedAmount: amountOf(payment, a.captured),
    refundedAmount: amountOf(payment, a.refunded),
  };
}

export function getPaymentView(payment: Payment) {
  const authorized = payment.authorizedAt !== undefined;
  return {
    aggregate: aggregateView(payment),
    amount: payment.amount,
    state: payment.state,
    paymentMethod: authorized && payment.paymentMethod === 'WALLET' ? { type: payment.paymentMethod, cardBin: '540185' } : { type: payment.paymentMethod },
    profile: payment.profileSub ? { sub: payment.profileSub } : {},
    pspReference: payment.pspReference,
    ...(payment.redirectUrl ? { redirectUrl: payment.redirectUrl } : {}),
    reference: payment.reference,
    ...(payment.metadata ? { metadata: payment.metadata } : {}),
    ...(payment.captureGuaranteedUntil ? { captureGuaranteedUntil: payment.captureGuaranteedUntil } : {}),
  };
}

export function modificationView(payment: Payment) {
  return {
    amount: payment.amount,
    state: payment.state,
    aggregate: aggregateView(payment),
    // Adjustment answers carry the CREATED event's pspReference, not the operation's (docs/vipps-contract.md §7).
    pspReference: payment.pspReference,
    reference: payment.reference,
  };
}

export function eventsView(payment: Payment): PaymentEvent[] {
  return payment.events.map((event) => ({ ...event, amount: { ...event.amount } }));
}

/** Webhook body (docs/vipps-contract.md §15): the operation's own pspReference and amount. */
export function webhookPayload(payment: Payment, event: PaymentEvent) {
  return {
    msn: payment.msn,
    reference: event.reference,
    pspReference: event.pspReference,
    name: event.name,
    amount: event.amount,
    timestamp: event.timestamp,
    idempotencyKey: event.idempotencyKey,
    success: event.success,
    ...(event.name === 'AUTHORIZED' && payment.captureGuaranteedUntil ? { captureGuaranteedUntil: payment.captureGuaranteedUntil } : {}),
  };
}

export type WebhookPayload = ReturnType<typeof webhookPayload>;
