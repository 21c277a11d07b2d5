import type { EpaymentErrorCode } from './epayment-error-codes.ts';
import type { Payment, PaymentEvent, PaymentEventName } from './payment.ts';

// Pure ePayment state machine and aggregate arithmetic (docs/vipps-contract.md
// §10). No clock, no ids, no I/O: the caller passes when it happens and which
// pspReference the operation gets.

export type PaymentCommand =
  | { kind: 'approve'; declined: boolean; profileSub?: string }
  | { kind: 'reject' }
  | { kind: 'expire' }
  | { kind: 'capture'; value: number; mustCaptureFullAmount: boolean; failure?: '6260' | '6280' }
  | { kind: 'cancel'; transactionOnly: boolean }
  | { kind: 'refund'; value: number };

export interface Occurrence {
  at: Date;
  pspReference: string;
  idempotencyKey: string | null;
}

export type Decision =
  | { ok: true; payment: Payment; event: PaymentEvent }
  /** `payment`/`event` are set when the failed attempt is still logged (`success: false`). */
  | { ok: false; code: EpaymentErrorCode; detail: string; payment?: Payment; event?: PaymentEvent };

/** Test-environment amounts (øre) that make the approval fail (docs/vipps-contract.md §10). */
export const DECLINING_AMOUNTS: ReadonlyMap<number, string> = new Map([
  [151, 'insufficient funds'],
  [182, 'refused by issuer'],
  [183, 'suspected fraud'],
  [184, 'withdrawal limit exceeded'],
  [186, 'expired card'],
  [187, 'invalid card'],
  [197, '3-D Secure denied'],
]);

/** Card-scheme hold the simulator promises after authorization (docs/vipps-contract.md §12: Visa ~7 days). */
export const CAPTURE_GUARANTEE_MS = 7 * 24 * 3600 * 1000;

function record(payment: Payment, name: PaymentEventName, value: number, occ: Occurrence, success = true): { payment: Payment; event: PaymentEvent } {
  const event: PaymentEvent = {
    reference: payment.reference,
    pspReference: occ.pspReference,
    name,
    amount: { currency: payment.amount.currency, value },
    timestamp: occ.at.toISOString(),
    idempotencyKey: occ.idempotencyKey,
    success,
  };
  return { payment: { ...payment, events: [...payment.events, event] }, event };
}

function refuse(code: EpaymentErrorCode, detail: string): Decision {
  return { ok: false, code, detail };
}

/** Money still reserved and capturable; only an AUTHORIZED payment has any (TERMINATED shows cancelled > authorized). */
export function capturable(payment: Payment): number {
  const a = payment.aggregate;
  return payment.state === 'AUTHORIZED' ? Math.max(0, a.authorized - a.captured - a.cancelled) : 0;
}

export function decide(payment: Payment, command: PaymentCommand, occ: Occurrence): Decision {
  const a = payment.aggregate;
  switch (command.kind) {
    case 'approve': {
      if (payment.state !== 'CREATED') return refuse('10010', `The payment is ${payment.state} and cannot be approved.`);
      if (command.declined || DECLINING_AMOUNTS.has(payment.amount.value)) {
        // Only AUTHORIZED is known to carry the create request's key; the simulator leaves ABORTED without one.
        return { ok: true, ...record({ ...payment, state: 'ABORTED' }, 'ABORTED', payment.amount.value, { ...occ, idempotencyKey: null }) };
      }
      const authorized: Payment = {
        ...payment,
        state: 'AUTHORIZED',
        aggregate: { ...a, authorized: payment.amount.value },
        authorizedAt: occ.at.toISOString(),
        captureGuaranteedUntil: new Date(occ.at.getTime() + CAPTURE_GUARANTEE_MS).toISOString(),
        ...(payment.profileScope && command.profileSub ? { profileSub: command.profileSub } : {}),
      };
      return { ok: true, ...record(authorized, 'AUTHORIZED', payment.amount.value, occ) };
    }
    case 'reject':
    case 'expire': {
      if (payment.state !== 'CREATED') return refuse('10010', `The payment is ${payment.state}.`);
      const state = command.kind === 'reject' ? 'ABORTED' : 'EXPIRED';
      return { ok: true, ...record({ ...payment, state }, state, payment.amount.value, occ) };
    }
    case 'capture': {
      if (payment.state === 'CREATED') return refuse('6080', 'The payment has not been authorized yet.');
      if (payment.state === 'TERMINATED') return refuse('6070', 'The payment was cancelled.');
      if (payment.state !== 'AUTHORIZED') return refuse('6200', `The payment is ${payment.state} and cannot be captured.`);
      if (a.cancelled > 0) return refuse('6070', 'The payment was cancelled; nothing is left to capture.');
      if (command.value < 1) return refuse('6010', 'The capture amount must be at least 1.');
      if (capturable(payment) === 0) return refuse('6170', 'The payment is already fully captured.');
      if (command.value > capturable(payment)) {
        return refuse('6090', `Capture amount ${command.value} exceeds the capturable ${capturable(payment)}.`);
      }
      if (command.mustCaptureFullAmount && (a.captured > 0 || command.value !== a.authorized)) {
        return refuse('6140', 'This sales unit must capture the full amount at once.');
      }
      if (command.failure) {
        const failed = record(payment, 'CAPTURED', command.value, occ, false);
        const detail = command.failure === '6260' ? 'Funds unavailable: the hold was released.' : 'Capture failed, please try again later.';
        return { ok: false, code: command.failure, detail, ...failed };
      }
      const captured = { ...payment, aggregate: { ...a, captured: a.captured + command.value } };
      return { ok: true, ...record(captured, 'CAPTURED', command.value, occ) };
    }
    case 'cancel': {
      if (payment.state === 'CREATED') {
        // Before approval a cancel ends the payment: TERMINATED, the whole amount cancelled (docs/vipps-contract.md §8).
        const terminated: Payment = { ...payment, state: 'TERMINATED', aggregate: { ...a, cancelled: payment.amount.value } };
        return { ok: true, ...record(terminated, 'TERMINATED', payment.amount.value, occ) };
      }
      if (payment.state === 'ABORTED' || payment.state === 'EXPIRED') return refuse('6050', `The payment is ${payment.state}; nothing is reserved.`);
      if (payment.state === 'TERMINATED') return refuse('6190', 'The payment is already cancelled.');
      if (command.transactionOnly) return refuse('6060', 'The payment is authorized; cancelTransactionOnly leaves it untouched.');
      if (a.captured >= a.authorized) return refuse('6040', 'The payment is fully captured; refund instead.');
      if (a.cancelled > 0) return refuse('6190', 'The remaining amount is already cancelled.');
      const remainder = capturable(payment);
      const cancelled = { ...payment, aggregate: { ...a, cancelled: a.cancelled + remainder } };
      return { ok: true, ...record(cancelled, 'CANCELLED', remainder, occ) };
    }
    case 'refund': {
      if (payment.state === 'CREATED') return refuse('6020', 'The payment has not been authorized yet.');
      if (payment.state !== 'AUTHORIZED') return refuse('6210', `The payment is ${payment.state} and cannot be refunded.`);
      if (a.captured === 0) return refuse('6020', 'Nothing has been captured yet.');
      if (command.value === 123) return refuse('5100', 'Test amount 123: refund not possible.');
      if (command.value === 124) return refuse('6220', 'Test amount 124: refund period expired.');
      if (command.value < 1) return refuse('6010', 'The refund amount must be at least 1.');
      const refundable = a.captured - a.refunded;
      if (refundable === 0) return refuse('6180', 'The captured amount is already refunded.');
      if (command.value > refundable) return refuse('6150', `Refund amount ${command.value} exceeds the refundable ${refundable}.`);
      const refunded = { ...payment, aggregate: { ...a, refunded: a.refunded + command.value } };
      return { ok: true, ...record(refunded, 'REFUNDED', command.value, occ) };
    }
    default: {
      const unreachable: never = command;
      throw new Error(`unknown command ${JSON.stringify(unreachable)}`);
    }
  }
}
