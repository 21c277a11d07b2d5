import type { HttpAnswer, Transport } from './http-transport.ts';
import { parseJson } from './json-fields.ts';
import {
  readCreatedPayment,
  readPaymentEvents,
  readPaymentSnapshot,
  type VippsCreatePaymentRequest,
} from './epayment-payloads.ts';
import { failureFromAnswer } from './failure-from-answer.ts';
import type { CreatedPayment, Currency, PaymentEventRecord, PaymentSnapshot } from './payment-snapshot.ts';
import type { Receipt } from './receipt.ts';
import { fail, ok, type VippsResult } from './vipps-result.ts';

export interface CreatePaymentInput {
  reference: string;
  amountOre: number;
  currency?: Currency;
  idempotencyKey: string;
  // CARD is the free-standing card form: WEB_REDIRECT only, not in the test environment (docs/vipps-contract.md §5).
  paymentMethod?: 'WALLET' | 'CARD';
  userFlow?: 'WEB_REDIRECT' | 'NATIVE_REDIRECT' | 'PUSH_MESSAGE' | 'QR';
  returnUrl?: string;
  // PUSH_MESSAGE only; digits with country code, no '+'.
  phoneNumber?: string;
  // A payment at a charger is a point of sale (docs/vipps-contract.md §5).
  customerInteraction?: 'CUSTOMER_PRESENT' | 'CUSTOMER_NOT_PRESENT';
  description?: string;
  receipt?: Receipt;
  metadata?: Record<string, string>;
  // QR only: TEXT/TARGETURL answers with the text to show as a QR code on a screen of our own.
  qrFormat?: 'IMAGE/SVG+XML' | 'IMAGE/PNG' | 'TEXT/TARGETURL';
}

export interface CaptureInput {
  reference: string;
  amountOre: number;
  currency?: Currency;
  idempotencyKey: string;
  // Total captured the answer must show; defaults to amountOre (one capture per payment).
  expectedCapturedOre?: number;
}

export interface CancelInput {
  reference: string;
  idempotencyKey: string;
  // true: cancel only if not yet authorized, else 6060 and nothing released (docs/vipps-contract.md §8).
  cancelTransactionOnly: boolean;
}

export interface RefundInput {
  reference: string;
  amountOre: number;
  currency?: Currency;
  idempotencyKey: string;
}

export type ForceApproveInput = { reference: string; phoneNumber: string } | { reference: string; token: string };

export interface EpaymentApi {
  create(input: CreatePaymentInput): Promise<VippsResult<CreatedPayment>>;
  get(reference: string): Promise<VippsResult<PaymentSnapshot>>;
  events(reference: string): Promise<VippsResult<PaymentEventRecord[]>>;
  capture(input: CaptureInput): Promise<VippsResult<PaymentSnapshot>>;
  cancel(input: CancelInput): Promise<VippsResult<PaymentSnapshot>>;
  refund(input: RefundInput): Promise<VippsResult<PaymentSnapshot>>;
  // Test environment only (docs/vipps-contract.md §9).
  forceApprove(input: ForceApproveInput): Promise<VippsResult<void>>;
}

const BASE = '/epayment/v1/payments';

function paymentPath(reference: string, suffix = ''): string {
  return `${BASE}/${encodeURIComponent(reference)}${suffix}`;
}

// A 200 whose body has the shape we rely on; any other answer becomes a failure here.
function readAnswer<T>(answer: VippsResult<HttpAnswer>, read: (json: unknown) => T | undefined): VippsResult<T> {
  if (!answer.ok) return answer;
  if (answer.value.status !== 200) return fail(failureFromAnswer(answer.value));
  const value = read(parseJson(answer.value.body));
  return value === undefined ? fail({ kind: 'unexpected', status: answer.value.status }) : ok(value);
}

function modificationAmount(value: number, currency: Currency = 'NOK') {
  return { modificationAmount: { currency, value } };
}

// docs/vipps-contract.md §7: check the amounts in a modification answer, not only the status.
function checkCapture(snapshot: PaymentSnapshot, expectedOre: number): VippsResult<PaymentSnapshot> {
  const actualOre = snapshot.aggregate.capturedOre;
  return actualOre < expectedOre ? fail({ kind: 'amount_mismatch', expectedOre, actualOre }) : ok(snapshot);
}

function checkRefund(snapshot: PaymentSnapshot, amountOre: number): VippsResult<PaymentSnapshot> {
  const actualOre = snapshot.aggregate.refundedOre;
  return actualOre < amountOre ? fail({ kind: 'amount_mismatch', expectedOre: amountOre, actualOre }) : ok(snapshot);
}

// A full cancel of an authorized payment leaves nothing capturable (docs/vipps-contract.md §10).
function checkCancel(snapshot: PaymentSnapshot, transactionOnly: boolean): VippsResult<PaymentSnapshot> {
  const { authorizedOre, capturedOre, cancelledOre } = snapshot.aggregate;
  if (transactionOnly || snapshot.state !== 'AUTHORIZED' || authorizedOre - capturedOre - cancelledOre <= 0) return ok(snapshot);
  return fail({ kind: 'amount_mismatch', expectedOre: authorizedOre - capturedOre, actualOre: cancelledOre });
}

export function createEpaymentApi(call: Transport): EpaymentApi {
  return {
    async create(input) {
      const body: VippsCreatePaymentRequest = {
        amount: { currency: input.currency ?? 'NOK', value: input.amountOre },
        paymentMethod: { type: input.paymentMethod ?? 'WALLET' },
        reference: input.reference,
        userFlow: input.userFlow ?? 'WEB_REDIRECT',
        customerInteraction: input.customerInteraction ?? 'CUSTOMER_PRESENT',
      };
      if (input.returnUrl !== undefined) body.returnUrl = input.returnUrl;
      if (input.phoneNumber !== undefined) body.customer = { phoneNumber: input.phoneNumber };
      if (input.description !== undefined) body.paymentDescription = input.description;
      if (input.receipt !== undefined) body.receipt = input.receipt;
      if (input.metadata !== undefined) body.metadata = input.metadata;
      if (input.qrFormat !== undefined) body.qrFormat = { format: input.qrFormat };
      const answer = await call({
        operation: 'epayment.create',
        method: 'POST',
        target: BASE,
        body: JSON.stringify(body),
        reference: input.reference,
        idempotencyKey: input.idempotencyKey,
      });
      if (!answer.ok) return answer;
      // 201 per the spec; 200 is accepted in case an idempotent replay answers so.
      if (answer.value.status !== 201 && answer.value.status !== 200) {
        return fail(failureFromAnswer(answer.value, { creating: true }));
      }
      const created = readCreatedPayment(parseJson(answer.value.body));
      return created === undefined ? fail({ kind: 'unexpected', status: answer.value.status }) : ok(created);
    },

    async get(reference) {
      return readAnswer(await call({ operation: 'epayment.get', method: 'GET', target: paymentPath(reference), reference }), readPaymentSnapshot);
    },

    async events(reference) {
      const answer = await call({ operation: 'epayment.events', method: 'GET', target: paymentPath(reference, '/events'), reference });
      return readAnswer(answer, readPaymentEvents);
    },

    async capture(input) {
      const { reference, idempotencyKey } = input;
      const body = JSON.stringify(modificationAmount(input.amountOre, input.currency));
      const answer = await call({ operation: 'epayment.capture', method: 'POST', target: paymentPath(reference, '/capture'), body, reference, idempotencyKey });
      const result = readAnswer(answer, readPaymentSnapshot);
      return result.ok ? checkCapture(result.value, input.expectedCapturedOre ?? input.amountOre) : result;
    },

    async cancel(input) {
      const { reference, idempotencyKey } = input;
      // Always a JSON body: an empty one has been refused (docs/vipps-contract.md §8).
      const body = JSON.stringify({ cancelTransactionOnly: input.cancelTransactionOnly });
      const answer = await call({ operation: 'epayment.cancel', method: 'POST', target: paymentPath(reference, '/cancel'), body, reference, idempotencyKey });
      const result = readAnswer(answer, readPaymentSnapshot);
      return result.ok ? checkCancel(result.value, input.cancelTransactionOnly) : result;
    },

    async refund(input) {
      const { reference, idempotencyKey } = input;
      const body = JSON.stringify(modificationAmount(input.amountOre, input.currency));
      const answer = await call({ operation: 'epayment.refund', method: 'POST', target: paymentPath(reference, '/refund'), body, reference, idempotencyKey });
      const result = readAnswer(answer, readPaymentSnapshot);
      return result.ok ? checkRefund(result.value, input.amountOre) : result;
    },

    async forceApprove(input) {
      const body = 'token' in input ? { token: input.token } : { customer: { phoneNumber: input.phoneNumber } };
      const answer = await call({
        operation: 'epayment.force-approve',
        method: 'POST',
        target: `/epayment/v1/test/payments/${encodeURIComponent(input.reference)}/approve`,
        body: JSON.stringify(body),
        reference: input.reference,
      });
      if (!answer.ok) return answer;
      if (answer.value.status !== 200 && answer.value.status !== 204) return fail(failureFromAnswer(answer.value));
      return ok(undefined);
    },
  };
}
