import { eventsView, getPaymentView } from './epayment-views.ts';
import { phoneTokenOf } from './phone-link.ts';
import type { SimClock } from './clock.ts';
import type { FaultController, FaultSettings } from './faults.ts';
import type { OrderCategory, OrderManagementStore } from './order-management-store.ts';
import type { Payment, PaymentEvent } from './payment.ts';
import type { PaymentLedger } from './payment-ledger.ts';
import type { Phone, PhoneOutcome } from './phone.ts';
import type { PaymentRead, ReadLog } from './read-log.ts';
import type { WebhookDelivery, WebhookDispatcher } from './webhook-dispatcher.ts';

/** A payment's books as the GET and events endpoints show them, plus where its phone page is. */
export interface SimBooks {
  payment: ReturnType<typeof getPaymentView>;
  events: PaymentEvent[];
  phoneUrl: string;
  approvalDeadline: string;
  /** Every GET of the payment answered 200, oldest first: when, and the state it said. */
  reads: PaymentRead[];
}

export interface SimOrder {
  receipt?: unknown;
  category?: OrderCategory;
}

/** The test API, shared by the in-process object and the HTTP routes under /_sim. */
export interface SimControl {
  approve(reference: string, msn?: string): PhoneOutcome;
  reject(reference: string, msn?: string): PhoneOutcome;
  books(reference: string, msn?: string): SimBooks | undefined;
  /** The payment a phone page (its URL or token) belongs to. */
  paymentOfPhone(urlOrToken: string): { msn: string; reference: string } | undefined;
  receipts(reference: string, msn?: string): SimOrder | undefined;
  webhookDeliveries(): WebhookDelivery[];
  idle(): Promise<void>;
  deliverWebhooksNow(): void;
  sweep(): void;
  faults: {
    get(): FaultSettings;
    set(partial: Partial<FaultSettings>): void;
    reset(): void;
    fired(): Record<string, number>;
  };
  now(): Date;
  /** Throws when the simulator runs on a caller's clock that cannot advance. */
  advanceClock(ms: number): void;
}

/** Carries its HTTP status so the server's error handler answers 409 on the test API. */
export class AmbiguousReferenceError extends Error {
  readonly statusCode = 409;
}

export function createSimControl(deps: {
  ledger: PaymentLedger;
  phone: Phone;
  orders: OrderManagementStore;
  dispatcher: WebhookDispatcher;
  faults: FaultController;
  clock: SimClock;
  advance: ((ms: number) => void) | null;
  phoneUrl: (token: string) => string;
  reads: ReadLog;
}): SimControl {
  const one = (reference: string, msn?: string): Payment | undefined => {
    const found = deps.ledger.find(reference, msn);
    if (found.length > 1) throw new AmbiguousReferenceError(`reference ${reference} exists for several merchants; pass the msn`);
    return found[0];
  };
  const notFound: PhoneOutcome = { ok: false, state: null, detail: 'No such payment.' };
  return {
    approve: (reference, msn) => {
      const payment = one(reference, msn);
      return payment ? deps.phone.approve(payment) : notFound;
    },
    reject: (reference, msn) => {
      const payment = one(reference, msn);
      return payment ? deps.phone.reject(payment) : notFound;
    },
    books: (reference, msn) => {
      const payment = one(reference, msn);
      if (!payment) return undefined;
      return {
        payment: getPaymentView(payment),
        events: eventsView(payment),
        phoneUrl: deps.phoneUrl(payment.redirectToken),
        approvalDeadline: new Date(payment.approvalDeadlineMs).toISOString(),
        reads: deps.reads.of(payment.msn, payment.reference),
      };
    },
    paymentOfPhone: (urlOrToken) => {
      const payment = deps.ledger.loadByToken(phoneTokenOf(urlOrToken));
      return payment ? { msn: payment.msn, reference: payment.reference } : undefined;
    },
    receipts: (reference, msn) => {
      const owner = msn ?? one(reference)?.msn;
      return owner === undefined ? undefined : deps.orders.order(owner, 'ECOM', reference);
    },
    webhookDeliveries: () => deps.dispatcher.deliveries(),
    idle: () => deps.dispatcher.idle(),
    deliverWebhooksNow: () => deps.dispatcher.deliverNow(),
    sweep: () => deps.ledger.sweep(),
    faults: {
      get: () => deps.faults.get(),
      set: (partial) => deps.faults.set(partial),
      reset: () => deps.faults.reset(),
      fired: () => deps.faults.fired(),
    },
    now: () => deps.clock.now(),
    advanceClock: (ms) => {
      if (!deps.advance) throw new Error('the simulator runs on a clock supplied by the caller; advance that clock instead');
      deps.advance(ms);
    },
  };
}
