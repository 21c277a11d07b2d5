import { randomInt, randomUUID } from 'node:crypto';
import { decide } from './payment-machine.ts';
import type { SimClock } from './clock.ts';
import type { Decision, PaymentCommand } from './payment-machine.ts';
import type { Payment, PaymentEvent } from './payment.ts';

export type PaymentListener = (payment: Payment, event: PaymentEvent) => void;

/**
 * All payments of all merchants, keyed by (MSN, reference): references are unique per MSN only
 * (docs/vipps-contract.md §5). Applies state-machine decisions, publishes their events, and ends the approval window
 * lazily on every read and in `sweep()`.
 */
export class PaymentLedger {
  private readonly payments = new Map<string, Payment>();
  private readonly tokens = new Map<string, string>();
  private readonly usedPspReferences = new Set<string>();

  constructor(
    private readonly clock: SimClock,
    private readonly onEvent: PaymentListener,
  ) {}

  newPspReference(): string {
    for (;;) {
      const candidate = String(randomInt(1_000_000_000, 9_999_999_999));
      if (!this.usedPspReferences.has(candidate)) {
        this.usedPspReferences.add(candidate);
        return candidate;
      }
    }
  }

  exists(msn: string, reference: string): boolean {
    return this.payments.has(`${msn}/${reference}`);
  }

  /** Stores a new payment and publishes its CREATED event. */
  add(payment: Payment): void {
    this.payments.set(`${payment.msn}/${payment.reference}`, payment);
    this.tokens.set(payment.redirectToken, `${payment.msn}/${payment.reference}`);
    const created = payment.events[0];
    if (created) this.onEvent(payment, created);
  }

  load(msn: string, reference: string): Payment | undefined {
    const payment = this.payments.get(`${msn}/${reference}`);
    return payment ? this.expireIfDue(payment) : undefined;
  }

  loadByToken(token: string): Payment | undefined {
    const key = this.tokens.get(token);
    const payment = key ? this.payments.get(key) : undefined;
    return payment ? this.expireIfDue(payment) : undefined;
  }

  /** The payment whose approval gave the user this `profile.sub`. */
  findByProfileSub(sub: string): Payment | undefined {
    return [...this.payments.values()].find((p) => p.profileSub === sub);
  }

  /** Payments with this reference, of any merchant unless `msn` is given. */
  find(reference: string, msn?: string): Payment[] {
    const found = [...this.payments.values()].filter((p) => p.reference === reference && (msn === undefined || p.msn === msn));
    return found.map((p) => this.expireIfDue(p));
  }

  apply(payment: Payment, command: PaymentCommand, idempotencyKey: string | null, at: Date = this.clock.now()): Decision {
    const decision = decide(payment, command, { at, pspReference: this.newPspReference(), idempotencyKey });
    const next = decision.payment;
    if (next && decision.event) {
      this.payments.set(`${next.msn}/${next.reference}`, next);
      this.onEvent(next, decision.event);
    }
    return decision;
  }

  /**
   * The user's approval; `declined` makes the card fail as with test amount 151. The AUTHORIZED event
   * carries the Idempotency-Key of the create request, as in Vipps' webhook and event-log examples.
   */
  approve(payment: Payment, declined: boolean): Decision {
    const createKey = payment.events.find((event) => event.name === 'CREATED')?.idempotencyKey ?? null;
    return this.apply(payment, { kind: 'approve', declined, profileSub: randomUUID() }, createKey);
  }

  /** Ends every approval window that has passed on the clock. */
  sweep(): void {
    for (const payment of [...this.payments.values()]) this.expireIfDue(payment);
  }

  private expireIfDue(payment: Payment): Payment {
    if (payment.state !== 'CREATED' || this.clock.now().getTime() < payment.approvalDeadlineMs) return payment;
    // docs/vipps-contract.md §10: CREATED --10 min, no action--> EXPIRED; the event is stamped at the window's end.
    const decision = this.apply(payment, { kind: 'expire' }, null, new Date(payment.approvalDeadlineMs));
    return decision.ok ? decision.payment : payment;
  }
}
