import { checkReceipt } from './receipt-validation.ts';
import { integerDigits } from './exact-integer.ts';
import { Issues } from './field-checks.ts';
import { isPlainObject } from './request-body.ts';
import { isAcceptedAppUrl } from './url-rules.ts';
import { merchantCurrency } from './merchants.ts';
import type { EpaymentErrorCode } from './epayment-error-codes.ts';
import type { Issue } from './field-checks.ts';
import type { SimMerchant, Currency } from './merchants.ts';
import type { Amount, PaymentMethodType, UserFlow } from './payment.ts';

export interface CreatePaymentRequest {
  amount: Amount;
  paymentMethod: PaymentMethodType;
  reference: string;
  userFlow: UserFlow;
  returnUrl?: string;
  customerInteraction: 'CUSTOMER_PRESENT' | 'CUSTOMER_NOT_PRESENT';
  paymentDescription?: string;
  metadata?: Record<string, string>;
  profileScope?: string;
  customerPhoneNumber?: string;
  receipt?: unknown;
  qrFormat?: { format: 'IMAGE/SVG+XML' | 'IMAGE/PNG' | 'TEXT/TARGETURL'; size?: number };
}

export type Checked<T> = { ok: true; value: T } | { ok: false; code?: EpaymentErrorCode; detail: string; issues: Issue[] };

/** Since ePayment 1.7.0 references may be 64 characters (docs/vipps-contract.md §4, §5; the vendored spec still says 50). */
export const REFERENCE = /^[a-zA-Z0-9-]{8,64}$/;
export const MAX_AMOUNT = 65_000_000;
const MINIMUM: Record<Currency, number> = { NOK: 100, DKK: 1, EUR: 1 };
const DAY_MS = 24 * 3600 * 1000;
const SCOPES = new Set(['name', 'address', 'email', 'phoneNumber', 'birthDate', 'nin']);

/** An Amount as in create/capture/refund bodies: integer minor units, 0..65 000 000, a known currency. */
export function checkAmount(issues: Issues, name: string, value: unknown): void {
  if (!isPlainObject(value)) {
    issues.add(name, 'Is required and must be an object with currency and value.');
    return;
  }
  issues.oneOf(`${name}.currency`, value['currency'], ['NOK', 'DKK', 'EUR'] as const);
  issues.integer(`${name}.value`, value['value'], { min: 0, max: MAX_AMOUNT }, '4040');
}

function checkCustomer(issues: Issues, customer: unknown): void {
  if (!isPlainObject(customer)) return issues.add('customer', 'Must be an object.');
  const given = ['phoneNumber', 'personalQr', 'customerToken'].filter((key) => customer[key] !== undefined && customer[key] !== null);
  if (given.length !== 1) return issues.add('customer', 'Exactly one of phoneNumber, personalQr or customerToken is required.');
  if (given[0] === 'phoneNumber') issues.string('customer.phoneNumber', customer['phoneNumber'], { pattern: /^\d{10,15}$/ }, '4070');
  if (given[0] === 'personalQr') issues.string('customer.personalQr', customer['personalQr'], { min: 5, max: 255 }, '4060');
  if (given[0] === 'customerToken') issues.string('customer.customerToken', customer['customerToken'], { min: 1 }, '4050');
}

function checkMetadata(issues: Issues, metadata: unknown): void {
  if (metadata === null || metadata === undefined) return;
  if (!isPlainObject(metadata)) return issues.add('metadata', 'Must be an object of strings.');
  const entries = Object.entries(metadata);
  if (entries.length > 5) issues.add('metadata', 'At most 5 key-value pairs.', '4100');
  for (const [key, value] of entries) {
    if (key.length > 100) issues.add(`metadata.${key.slice(0, 20)}`, 'Keys are at most 100 characters.', '4120');
    if (typeof value !== 'string') issues.add(`metadata.${key}`, 'Values must be strings.');
    else if (value.length > 500) issues.add(`metadata.${key}`, 'Values are at most 500 characters.', '4130');
  }
}

function checkProfile(issues: Issues, profile: unknown): void {
  if (profile === undefined || profile === null) return;
  if (!isPlainObject(profile)) return issues.add('profile', 'Must be an object.');
  if (profile['scope'] === undefined) return;
  if (!issues.string('profile.scope', profile['scope'], { min: 1 })) return;
  const scopes = String(profile['scope']).split(' ').filter((s) => s !== '');
  const unknown = scopes.filter((s) => !SCOPES.has(s));
  if (unknown.length > 0) issues.add('profile.scope', `Unknown scope: ${unknown.join(' ')}.`, '4080');
  else if (scopes.includes('nin')) issues.add('profile.scope', 'The nin scope needs a special permission.', '5030');
}

function checkStructure(issues: Issues, body: Record<string, unknown>): void {
  checkAmount(issues, 'amount', body['amount']);
  const method = body['paymentMethod'];
  if (!isPlainObject(method)) issues.add('paymentMethod', 'Is required and must be an object with type.');
  else issues.oneOf('paymentMethod.type', method['type'], ['WALLET', 'CARD'] as const, {}, '4160');
  issues.string('reference', body['reference'], { pattern: REFERENCE });
  const flow = body['userFlow'];
  issues.oneOf('userFlow', flow, ['WEB_REDIRECT', 'NATIVE_REDIRECT', 'PUSH_MESSAGE', 'QR'] as const);
  if (isPlainObject(method) && method['type'] === 'CARD' && flow !== 'WEB_REDIRECT') {
    issues.add('paymentMethod.type', 'CARD needs userFlow WEB_REDIRECT.', '4160');
  }
  for (const field of ['returnUrl', 'receiptUrl']) {
    const url = body[field];
    if (url === undefined || url === null) continue;
    if (typeof url !== 'string' || !isAcceptedAppUrl(url)) issues.add(field, 'Must be an https:// URL or a custom app scheme.', '4090');
  }
  if (flow === 'WEB_REDIRECT' && (body['returnUrl'] === undefined || body['returnUrl'] === null)) {
    issues.add('returnUrl', 'Is required when userFlow is WEB_REDIRECT.', '4140');
  }
  if (body['customer'] !== undefined && body['customer'] !== null) checkCustomer(issues, body['customer']);
  else if (flow === 'PUSH_MESSAGE') issues.add('customer', 'Is required when userFlow is PUSH_MESSAGE.', '4140');
  if (body['customerInteraction'] !== undefined) {
    issues.oneOf('customerInteraction', body['customerInteraction'], ['CUSTOMER_PRESENT', 'CUSTOMER_NOT_PRESENT'] as const);
  }
  if (body['paymentDescription'] !== undefined) issues.string('paymentDescription', body['paymentDescription'], { min: 3, max: 100 });
  checkMetadata(issues, body['metadata']);
  checkProfile(issues, body['profile']);
  if (body['minimumUserAge'] !== undefined) issues.integer('minimumUserAge', body['minimumUserAge'], { min: 0, max: 150 });
  if (body['receipt'] !== undefined && body['receipt'] !== null) checkReceipt(issues, 'receipt', body['receipt']);
  const qr = body['qrFormat'];
  if (qr !== undefined && qr !== null) {
    if (!isPlainObject(qr)) issues.add('qrFormat', 'Must be an object.');
    else {
      issues.oneOf('qrFormat.format', qr['format'], ['IMAGE/SVG+XML', 'IMAGE/PNG', 'TEXT/TARGETURL'] as const);
      if (qr['size'] !== undefined) issues.integer('qrFormat.size', qr['size'], { min: 100, max: 2000, nullable: true });
    }
  }
  const expiresAt = body['expiresAt'];
  if (expiresAt !== undefined && expiresAt !== null) {
    issues.string('expiresAt', expiresAt, { pattern: /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/ });
    if (flow !== 'PUSH_MESSAGE' && flow !== 'QR') issues.add('expiresAt', 'Only allowed with userFlow PUSH_MESSAGE or QR.');
  }
}

/** Rules of the sales unit and of time, checked once the request is well-formed. */
function checkDomain(issues: Issues, body: Record<string, unknown>, merchant: SimMerchant, now: Date): void {
  const amount = body['amount'] as Amount;
  if (amount.currency !== merchantCurrency(merchant)) issues.add('amount.currency', `This sales unit uses ${merchantCurrency(merchant)}.`, '5040');
  else if (amount.value < MINIMUM[amount.currency]) issues.add('amount.value', `Must be at least ${MINIMUM[amount.currency]}.`, '6010');
  if (body['userFlow'] === 'PUSH_MESSAGE' && merchant.allowPushMessage === false) {
    issues.add('userFlow', 'PUSH_MESSAGE is not enabled for this sales unit.', '5080');
  }
  const expiresAt = body['expiresAt'];
  if (typeof expiresAt === 'string') {
    const at = Date.parse(expiresAt);
    if (!merchant.allowLongLivingPayments) issues.add('expiresAt', 'Long-living payments are not enabled for this sales unit.', '5050');
    else if (body['receipt'] === undefined || body['receipt'] === null) issues.add('receipt', 'A long-living payment needs a receipt.', '6130');
    else if (at <= now.getTime() + 10 * 60 * 1000) issues.add('expiresAt', 'Must be more than 10 minutes ahead.', '6120');
    else if (at >= now.getTime() + 60 * DAY_MS) issues.add('expiresAt', 'Must be less than 60 days ahead.', '6110');
  }
}

function failure(issues: Issues): Checked<never> {
  const code = issues.firstCode();
  const detail = issues.list.find((i) => i.code === code)?.reason ?? 'One or more validation errors occurred.';
  return { ok: false, code, detail: code ? detail : 'One or more validation errors occurred.', issues: issues.list };
}

/** The create body's `reference` as the string it names: a JSON number counts as its exact digits. */
export function referenceOf(body: unknown): string {
  const reference = isPlainObject(body) ? body['reference'] : undefined;
  return typeof reference === 'string' ? reference : (integerDigits(reference) ?? '');
}

/**
 * `reference` and `customer.phoneNumber` are strings, but Vipps' own request collections send them as
 * JSON numbers: an integer is taken as its exact digits, then checked like the string would be.
 */
function withDigitStrings(body: Record<string, unknown>): Record<string, unknown> {
  const reference = integerDigits(body['reference']);
  const customer = body['customer'];
  const phoneNumber = isPlainObject(customer) ? integerDigits(customer['phoneNumber']) : undefined;
  return {
    ...body,
    ...(reference !== undefined ? { reference } : {}),
    ...(phoneNumber !== undefined && isPlainObject(customer) ? { customer: { ...customer, phoneNumber } } : {}),
  };
}

export function checkCreatePayment(raw: unknown, merchant: SimMerchant, now: Date): Checked<CreatePaymentRequest> {
  const issues = new Issues();
  if (!isPlainObject(raw)) {
    issues.add('body', 'A JSON object is required.');
    return failure(issues);
  }
  const body = withDigitStrings(raw);
  checkStructure(issues, body);
  if (!issues.empty) return failure(issues);
  checkDomain(issues, body, merchant, now);
  if (!issues.empty) return failure(issues);
  const profile = body['profile'] as { scope?: string } | undefined | null;
  const customer = body['customer'] as { phoneNumber?: string | null } | undefined | null;
  return {
    ok: true,
    value: {
      amount: body['amount'] as Amount,
      paymentMethod: (body['paymentMethod'] as { type: PaymentMethodType }).type,
      reference: body['reference'] as string,
      userFlow: body['userFlow'] as UserFlow,
      returnUrl: (body['returnUrl'] as string | undefined | null) ?? undefined,
      customerInteraction: (body['customerInteraction'] as CreatePaymentRequest['customerInteraction'] | undefined) ?? 'CUSTOMER_NOT_PRESENT',
      paymentDescription: body['paymentDescription'] as string | undefined,
      metadata: (body['metadata'] as Record<string, string> | null | undefined) ?? undefined,
      profileScope: profile?.scope,
      customerPhoneNumber: customer?.phoneNumber ?? undefined,
      receipt: body['receipt'] ?? undefined,
      qrFormat: (body['qrFormat'] as CreatePaymentRequest['qrFormat'] | null | undefined) ?? undefined,
    },
  };
}

/** `{ modificationAmount: Amount }` of capture and refund, in the payment's currency. */
export function checkModification(body: unknown, currency: Currency | null): Checked<number> {
  const issues = new Issues();
  if (!isPlainObject(body)) issues.add('body', 'A JSON object with modificationAmount is required.');
  else {
    checkAmount(issues, 'modificationAmount', body['modificationAmount']);
    const amount = body['modificationAmount'] as Amount | undefined;
    if (issues.empty && currency && amount && amount.currency !== currency) {
      issues.add('modificationAmount.currency', `Must be ${currency}, the currency of the payment.`);
    }
  }
  if (!issues.empty) return failure(issues);
  return { ok: true, value: (body as { modificationAmount: Amount }).modificationAmount.value };
}
