import { randomBytes } from 'node:crypto';
import { decide } from './payment-machine.ts';
import { checkCreatePayment, checkModification, REFERENCE, referenceOf } from './payment-validation.ts';
import { epaymentError, TRANSIENT_CODES } from './epayment-error-codes.ts';
import { getPaymentView, eventsView, modificationView } from './epayment-views.ts';
import { isPlainObject, stableStringify } from './request-body.ts';
import { validationProblem } from './problem.ts';
import { emptyAnswer, jsonAnswer } from './sim-answer.ts';
import type { SimClock } from './clock.ts';
import type { FaultController } from './faults.ts';
import type { IdempotencyStore, IdempotentOperation } from './idempotency-store.ts';
import type { SimMerchant } from './merchants.ts';
import type { Checked, CreatePaymentRequest } from './payment-validation.ts';
import type { PaymentCommand } from './payment-machine.ts';
import type { Payment } from './payment.ts';
import type { PaymentLedger } from './payment-ledger.ts';
import type { JsonBody } from './request-body.ts';
import type { SimAnswer } from './sim-answer.ts';

/** Where the simulator serves what a real redirectUrl points at. */
export interface PaymentLinks {
  phone(token: string): string;
  paymentQr(token: string, format: 'svg' | 'png', size?: number): string;
}

export interface EpaymentCall {
  merchant: SimMerchant;
  instance: string;
  idempotencyKey: string | undefined;
  body: JsonBody;
}

interface Outcome {
  answer: SimAnswer;
  remember: boolean;
}

function failed<T>(checked: Extract<Checked<T>, { ok: false }>, instance: string): SimAnswer {
  return checked.code ? epaymentError(checked.code, checked.detail, instance, checked.issues.map(({ name, reason }) => ({ name, reason }))) : validationProblem(instance, checked.issues);
}

/** The ePayment v1 operations (docs/vipps-contract.md §4), as answers; routing and transport live elsewhere. */
export class EpaymentService {
  constructor(
    private readonly deps: {
      ledger: PaymentLedger;
      idempotency: IdempotencyStore;
      clock: SimClock;
      faults: FaultController;
      links: PaymentLinks;
      approvalWindowMs: number;
      onReceipt: (msn: string, reference: string, receipt: unknown) => void;
    },
  ) {}

  create(call: EpaymentCall): SimAnswer {
    const reference = call.body.kind === 'json' ? referenceOf(call.body.value) : '';
    return this.idempotent(call, 'create', reference, (value) => {
      const now = this.deps.clock.now();
      const checked = checkCreatePayment(value, call.merchant, now);
      if (!checked.ok) return { answer: failed(checked, call.instance), remember: true };
      const request = checked.value;
      if (this.deps.ledger.exists(call.merchant.msn, request.reference)) {
        return { answer: epaymentError('4150', `Reference ${request.reference} already exists for this sales unit.`, call.instance), remember: true };
      }
      const payment = this.newPayment(call.merchant, request, call.idempotencyKey ?? null, now, value);
      this.deps.ledger.add(payment);
      if (request.receipt !== undefined) this.deps.onReceipt(payment.msn, payment.reference, request.receipt);
      const body = payment.redirectUrl ? { redirectUrl: payment.redirectUrl, reference: payment.reference } : { reference: payment.reference };
      return { answer: jsonAnswer(201, body), remember: true };
    });
  }

  get(merchant: SimMerchant, reference: string, instance: string, view: 'payment' | 'events'): SimAnswer {
    const found = this.find(merchant, reference, instance);
    if ('status' in found) return found;
    return jsonAnswer(200, view === 'payment' ? getPaymentView(found) : eventsView(found));
  }

  capture(call: EpaymentCall, reference: string): SimAnswer {
    return this.modify(call, 'capture', reference);
  }

  refund(call: EpaymentCall, reference: string): SimAnswer {
    return this.modify(call, 'refund', reference);
  }

  cancel(call: EpaymentCall, reference: string): SimAnswer {
    // Empty body (the SDK) and {"cancelTransactionOnly": false} (the WooCommerce plugin) are the same request.
    let transactionOnly = false;
    if (call.body.kind === 'json') {
      const value = call.body.value;
      const flag = isPlainObject(value) ? value['cancelTransactionOnly'] : undefined;
      if (!isPlainObject(value) || (flag !== undefined && flag !== null && typeof flag !== 'boolean')) {
        return validationProblem(call.instance, [{ name: 'cancelTransactionOnly', reason: 'Must be a boolean.' }]);
      }
      transactionOnly = flag === true;
    }
    const normalised: JsonBody = call.body.kind === 'invalid' ? call.body : { kind: 'json', value: { cancelTransactionOnly: transactionOnly } };
    return this.idempotent({ ...call, body: normalised }, 'cancel', reference, () => {
      const payment = this.find(call.merchant, reference, call.instance);
      if ('status' in payment) return { answer: payment, remember: true };
      const decision = this.deps.ledger.apply(payment, { kind: 'cancel', transactionOnly }, call.idempotencyKey ?? null);
      if (!decision.ok) return { answer: epaymentError(decision.code, decision.detail, call.instance), remember: true };
      return { answer: jsonAnswer(200, modificationView(decision.payment)), remember: true };
    });
  }

  /** Test-environment force approve (docs/vipps-contract.md §9): `{ token }` must be the one in redirectUrl. */
  forceApprove(merchant: SimMerchant, reference: string, body: JsonBody, instance: string): SimAnswer {
    if (body.kind === 'invalid') return validationProblem(instance, [{ name: 'body', reason: body.reason }]);
    const value = body.kind === 'json' ? body.value : {};
    if (!isPlainObject(value)) return validationProblem(instance, [{ name: 'body', reason: 'A JSON object is required.' }]);
    const payment = this.find(merchant, reference, instance);
    if ('status' in payment) return payment;
    if (value['token'] !== undefined && value['token'] !== payment.redirectToken) {
      return epaymentError('10010', 'The token does not belong to this payment.', instance);
    }
    const declined = payment.state === 'CREATED' && this.deps.faults.fire('insufficientFunds') !== null;
    const decision = this.deps.ledger.approve(payment, declined);
    if (!decision.ok) return epaymentError(decision.code, decision.detail, instance);
    if (decision.event.name !== 'AUTHORIZED') return epaymentError('10010', 'The card was declined; the payment is ABORTED.', instance);
    return emptyAnswer(200);
  }

  private modify(call: EpaymentCall, operation: 'capture' | 'refund', reference: string): SimAnswer {
    return this.idempotent(call, operation, reference, (value) => {
      const payment = this.find(call.merchant, reference, call.instance);
      if ('status' in payment) return { answer: payment, remember: true };
      const checked = checkModification(value, payment.amount.currency);
      if (!checked.ok) return { answer: failed(checked, call.instance), remember: true };
      const key = call.idempotencyKey ?? null;
      const command: PaymentCommand =
        operation === 'refund'
          ? { kind: 'refund', value: checked.value }
          : { kind: 'capture', value: checked.value, mustCaptureFullAmount: call.merchant.mustCaptureFullAmount === true };
      // The capture fault only spends its count on a capture that would otherwise succeed.
      const wouldSucceed = decide(payment, command, { at: this.deps.clock.now(), pspReference: '0', idempotencyKey: key }).ok;
      const failure = command.kind === 'capture' && wouldSucceed ? this.deps.faults.fire('captureFailure') : null;
      const failing: PaymentCommand = failure && command.kind === 'capture' ? { ...command, failure: failure.code ?? '6280' } : command;
      const decision = this.deps.ledger.apply(payment, failing, key);
      if (!decision.ok) {
        return { answer: epaymentError(decision.code, decision.detail, call.instance), remember: !TRANSIENT_CODES.has(decision.code) };
      }
      return { answer: jsonAnswer(200, modificationView(decision.payment)), remember: true };
    });
  }

  private find(merchant: SimMerchant, reference: string, instance: string): Payment | SimAnswer {
    if (!REFERENCE.test(reference)) return validationProblem(instance, [{ name: 'reference', reason: `Must match ${REFERENCE.source}.` }]);
    return this.deps.ledger.load(merchant.msn, reference) ?? epaymentError('5090', `No payment with reference ${reference} for this sales unit.`, instance);
  }

  private idempotent(call: EpaymentCall, operation: IdempotentOperation, reference: string, perform: (value: unknown) => Outcome): SimAnswer {
    const key = call.idempotencyKey;
    if (key === undefined || key === '') return validationProblem(call.instance, [{ name: 'Idempotency-Key', reason: 'The Idempotency-Key header is required.' }]);
    if (key.length > 50) return validationProblem(call.instance, [{ name: 'Idempotency-Key', reason: 'Must be at most 50 characters.' }]);
    const body = call.body;
    const bodyKey = body.kind === 'json' ? stableStringify(body.value) : body.kind;
    const verdict = this.deps.idempotency.check(call.merchant.msn, key, operation, reference, bodyKey);
    if (verdict.kind === 'replay') return verdict.answer;
    if (verdict.kind === 'conflict') return epaymentError(verdict.code, verdict.detail, call.instance);
    const outcome: Outcome =
      body.kind === 'json' ? perform(body.value) : { answer: validationProblem(call.instance, [{ name: 'body', reason: body.kind === 'empty' ? 'A JSON body is required.' : body.reason }]), remember: true };
    if (outcome.remember && outcome.answer.status < 500) {
      this.deps.idempotency.remember(call.merchant.msn, key, operation, reference, bodyKey, outcome.answer);
    }
    return outcome.answer;
  }

  private newPayment(merchant: SimMerchant, request: CreatePaymentRequest, key: string | null, now: Date, raw: unknown): Payment {
    const token = randomBytes(24).toString('base64url');
    const links = this.deps.links;
    const qr = request.qrFormat;
    const redirectUrl =
      request.userFlow === 'PUSH_MESSAGE'
        ? undefined
        : request.userFlow === 'QR'
          ? qr?.format === 'TEXT/TARGETURL'
            ? links.phone(token)
            : links.paymentQr(token, qr?.format === 'IMAGE/PNG' ? 'png' : 'svg', qr?.size)
          : links.phone(token);
    const expiresAt = isPlainObject(raw) && typeof raw['expiresAt'] === 'string' ? Date.parse(raw['expiresAt']) : undefined;
    const pspReference = this.deps.ledger.newPspReference();
    return {
      msn: merchant.msn,
      reference: request.reference,
      amount: { currency: request.amount.currency, value: request.amount.value },
      state: 'CREATED',
      aggregate: { authorized: 0, cancelled: 0, captured: 0, refunded: 0 },
      pspReference,
      userFlow: request.userFlow,
      paymentMethod: request.paymentMethod,
      customerInteraction: request.customerInteraction,
      ...(request.returnUrl ? { returnUrl: request.returnUrl } : {}),
      ...(request.paymentDescription ? { paymentDescription: request.paymentDescription } : {}),
      ...(request.metadata ? { metadata: request.metadata } : {}),
      ...(request.profileScope ? { profileScope: request.profileScope } : {}),
      ...(request.customerPhoneNumber ? { customerPhoneNumber: request.customerPhoneNumber } : {}),
      redirectToken: token,
      ...(redirectUrl ? { redirectUrl } : {}),
      createdAtMs: now.getTime(),
      approvalDeadlineMs: expiresAt ?? now.getTime() + this.deps.approvalWindowMs,
      events: [
        { reference: request.reference, pspReference, name: 'CREATED', amount: { ...request.amount }, timestamp: now.toISOString(), idempotencyKey: key, success: true },
      ],
    };
  }
}
