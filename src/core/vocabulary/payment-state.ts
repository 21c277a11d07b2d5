// A Vipps ePayment payment's state as a GET reads it (docs/vipps-contract.md §6). There is
// no CAPTURED state: money moved shows only in the payment's aggregate.
export const PAYMENT_STATES = ['CREATED', 'AUTHORIZED', 'ABORTED', 'EXPIRED', 'TERMINATED'] as const;

export type PaymentState = (typeof PAYMENT_STATES)[number];
