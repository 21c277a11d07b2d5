import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { capturable, decide } from './payment-machine.ts';
import type { PaymentCommand } from './payment-machine.ts';
import type { Payment, PaymentState } from './payment.ts';

function aPayment(overrides: Partial<Payment> = {}): Payment {
  return {
    msn: '123456',
    reference: 'ref-00000001',
    amount: { currency: 'NOK', value: 1000 },
    state: 'CREATED',
    aggregate: { authorized: 0, cancelled: 0, captured: 0, refunded: 0 },
    pspReference: '1000000000',
    userFlow: 'WEB_REDIRECT',
    paymentMethod: 'WALLET',
    customerInteraction: 'CUSTOMER_PRESENT',
    redirectToken: 't',
    createdAtMs: 0,
    approvalDeadlineMs: 600_000,
    events: [],
    ...overrides,
  };
}

const occ = { at: new Date('2026-01-01T10:00:00.000Z'), pspReference: '2000000000', idempotencyKey: 'key-1' };
const authorized = (aggregate: Partial<Payment['aggregate']> = {}) =>
  aPayment({ state: 'AUTHORIZED', aggregate: { authorized: 1000, cancelled: 0, captured: 0, refunded: 0, ...aggregate } });

describe('decide: transitions (docs/vipps-contract.md §10)', () => {
  const cases: Array<[string, Payment, PaymentCommand, PaymentState, Partial<Payment['aggregate']>, string, number]> = [
    ['approve', aPayment(), { kind: 'approve', declined: false }, 'AUTHORIZED', { authorized: 1000 }, 'AUTHORIZED', 1000],
    ['approve, card declined', aPayment(), { kind: 'approve', declined: true }, 'ABORTED', { authorized: 0 }, 'ABORTED', 1000],
    ['approve, test amount 151', aPayment({ amount: { currency: 'NOK', value: 151 } }), { kind: 'approve', declined: false }, 'ABORTED', {}, 'ABORTED', 151],
    ['reject', aPayment(), { kind: 'reject' }, 'ABORTED', {}, 'ABORTED', 1000],
    ['expire', aPayment(), { kind: 'expire' }, 'EXPIRED', {}, 'EXPIRED', 1000],
    ['cancel before approval', aPayment(), { kind: 'cancel', transactionOnly: true }, 'TERMINATED', { cancelled: 1000 }, 'TERMINATED', 1000],
    ['partial capture', authorized(), { kind: 'capture', value: 250, mustCaptureFullAmount: false }, 'AUTHORIZED', { captured: 250 }, 'CAPTURED', 250],
    ['cancel the rest after a partial capture', authorized({ captured: 250 }), { kind: 'cancel', transactionOnly: false }, 'AUTHORIZED', { captured: 250, cancelled: 750 }, 'CANCELLED', 750],
    ['refund part', authorized({ captured: 250, cancelled: 750 }), { kind: 'refund', value: 100 }, 'AUTHORIZED', { refunded: 100 }, 'REFUNDED', 100],
  ];
  it.each(cases)('%s', (_name, payment, command, state, aggregate, eventName, eventValue) => {
    const decision = decide(payment, command, occ);
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    expect(decision.payment.state).toBe(state);
    expect(decision.payment.aggregate).toMatchObject(aggregate);
    expect(decision.event).toEqual({
      reference: payment.reference,
      pspReference: occ.pspReference,
      name: eventName,
      amount: { currency: 'NOK', value: eventValue },
      timestamp: '2026-01-01T10:00:00.000Z',
      // A declined approval is the card's answer, not the request's: no key.
      idempotencyKey: command.kind === 'approve' && eventName === 'ABORTED' ? null : 'key-1',
      success: true,
    });
    expect(decision.payment.events.at(-1)).toEqual(decision.event);
  });
});

describe('decide: refusals (docs/vipps-contract.md §13)', () => {
  const cases: Array<[string, Payment, PaymentCommand, string]> = [
    ['capture before approval', aPayment(), { kind: 'capture', value: 1, mustCaptureFullAmount: false }, '6080'],
    ['capture after terminate', aPayment({ state: 'TERMINATED' }), { kind: 'capture', value: 1, mustCaptureFullAmount: false }, '6070'],
    ['capture an expired payment', aPayment({ state: 'EXPIRED' }), { kind: 'capture', value: 1, mustCaptureFullAmount: false }, '6200'],
    ['capture after cancel', authorized({ captured: 250, cancelled: 750 }), { kind: 'capture', value: 1, mustCaptureFullAmount: false }, '6070'],
    ['capture too much', authorized({ captured: 250 }), { kind: 'capture', value: 751, mustCaptureFullAmount: false }, '6090'],
    ['capture when fully captured', authorized({ captured: 1000 }), { kind: 'capture', value: 1, mustCaptureFullAmount: false }, '6170'],
    ['capture zero', authorized(), { kind: 'capture', value: 0, mustCaptureFullAmount: false }, '6010'],
    ['capture part on a full-capture sales unit', authorized(), { kind: 'capture', value: 999, mustCaptureFullAmount: true }, '6140'],
    ['cancel a fully captured payment', authorized({ captured: 1000 }), { kind: 'cancel', transactionOnly: false }, '6040'],
    ['cancelTransactionOnly on an authorized payment', authorized(), { kind: 'cancel', transactionOnly: true }, '6060'],
    ['cancel an aborted payment', aPayment({ state: 'ABORTED' }), { kind: 'cancel', transactionOnly: false }, '6050'],
    ['cancel twice', authorized({ cancelled: 1000 }), { kind: 'cancel', transactionOnly: false }, '6190'],
    ['refund before capture', authorized(), { kind: 'refund', value: 1 }, '6020'],
    ['refund more than captured', authorized({ captured: 300 }), { kind: 'refund', value: 301 }, '6150'],
    ['refund when all is refunded', authorized({ captured: 300, refunded: 300 }), { kind: 'refund', value: 1 }, '6180'],
    ['refund a terminated payment', aPayment({ state: 'TERMINATED' }), { kind: 'refund', value: 1 }, '6210'],
    ['refund test amount 123', authorized({ captured: 300 }), { kind: 'refund', value: 123 }, '5100'],
    ['refund test amount 124', authorized({ captured: 300 }), { kind: 'refund', value: 124 }, '6220'],
    ['approve twice', authorized(), { kind: 'approve', declined: false }, '10010'],
  ];
  it.each(cases)('%s → %s', (_name, payment, command, code) => {
    const decision = decide(payment, command, occ);
    expect(decision).toMatchObject({ ok: false, code });
  });

  it('logs a failed capture attempt with success:false and leaves the aggregate alone', () => {
    const decision = decide(authorized(), { kind: 'capture', value: 400, mustCaptureFullAmount: false, failure: '6260' }, occ);
    expect(decision).toMatchObject({ ok: false, code: '6260', event: { name: 'CAPTURED', success: false, amount: { value: 400 } } });
    expect(decision.payment?.aggregate.captured).toBe(0);
  });
});

describe('decide: invariants hold for any sequence of commands', () => {
  const command = fc.oneof(
    fc.record({ kind: fc.constant('approve' as const), declined: fc.boolean() }),
    fc.constant({ kind: 'reject' as const }),
    fc.constant({ kind: 'expire' as const }),
    fc.record({ kind: fc.constant('capture' as const), value: fc.integer({ min: 0, max: 1200 }), mustCaptureFullAmount: fc.boolean() }),
    fc.record({ kind: fc.constant('cancel' as const), transactionOnly: fc.boolean() }),
    fc.record({ kind: fc.constant('refund' as const), value: fc.integer({ min: 0, max: 1200 }) }),
  );

  it('captured + cancelled ≤ authorized, refunded ≤ captured, one event per accepted command', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        let payment = aPayment();
        for (const next of commands) {
          const decision = decide(payment, next, occ);
          if (decision.ok) {
            expect(decision.payment.events.length).toBe(payment.events.length + 1);
            payment = decision.payment;
          }
          const a = payment.aggregate;
          expect(a.captured + a.cancelled).toBeLessThanOrEqual(a.authorized || payment.amount.value);
          expect(a.refunded).toBeLessThanOrEqual(a.captured);
          expect(capturable(payment)).toBeGreaterThanOrEqual(0);
          if (a.cancelled > 0 && payment.state === 'AUTHORIZED') expect(capturable(payment)).toBe(0);
        }
      }),
    );
  });
});
