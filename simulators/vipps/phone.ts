import { DECLINING_AMOUNTS } from './payment-machine.ts';
import type { FaultController } from './faults.ts';
import type { Payment, PaymentState } from './payment.ts';
import type { PaymentLedger } from './payment-ledger.ts';

export interface PhoneOutcome {
  /** True when the action had its normal effect (approved → AUTHORIZED, rejected → ABORTED). */
  ok: boolean;
  /** The payment's state afterwards; null when no payment was found. */
  state: PaymentState | null;
  detail: string;
}

/** The driver's phone: what the Approve and Reject buttons do, shared by the page, /_sim and in-process calls. */
export class Phone {
  constructor(
    private readonly ledger: PaymentLedger,
    private readonly faults: FaultController,
  ) {}

  approve(payment: Payment): PhoneOutcome {
    if (payment.state !== 'CREATED') return { ok: false, state: payment.state, detail: `The payment is ${payment.state}.` };
    if (this.faults.phoneIgnoresApprove) return { ok: false, state: 'CREATED', detail: 'Approve was ignored (fault phoneIgnoresApprove).' };
    const declined = this.faults.fire('insufficientFunds') !== null;
    const decision = this.ledger.approve(payment, declined);
    if (!decision.ok) return { ok: false, state: payment.state, detail: decision.detail };
    if (decision.payment.state === 'AUTHORIZED') return { ok: true, state: 'AUTHORIZED', detail: 'Approved.' };
    const reason = declined ? 'insufficient funds' : (DECLINING_AMOUNTS.get(payment.amount.value) ?? 'declined');
    return { ok: false, state: decision.payment.state, detail: `The card was declined: ${reason}.` };
  }

  reject(payment: Payment): PhoneOutcome {
    if (payment.state !== 'CREATED') return { ok: false, state: payment.state, detail: `The payment is ${payment.state}.` };
    const decision = this.ledger.apply(payment, { kind: 'reject' }, null);
    return decision.ok ? { ok: true, state: decision.payment.state, detail: 'Rejected.' } : { ok: false, state: payment.state, detail: decision.detail };
  }
}
