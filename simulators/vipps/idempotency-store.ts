import type { EpaymentErrorCode } from './epayment-error-codes.ts';
import type { SimAnswer } from './sim-answer.ts';

export type IdempotentOperation = 'create' | 'capture' | 'cancel' | 'refund';

interface Entry {
  body: string;
  answer: SimAnswer;
}

export type IdempotencyVerdict =
  | { kind: 'new' }
  | { kind: 'replay'; answer: SimAnswer }
  | { kind: 'conflict'; code: EpaymentErrorCode; detail: string };

// Same key + other body: capture 4010, refund 4150, create 4150 (its reference then exists), cancel 4020
// (docs/vipps-contract.md §11).
const BODY_CONFLICT: Record<IdempotentOperation, EpaymentErrorCode> = { create: '4150', capture: '4010', refund: '4150', cancel: '4020' };

/**
 * Remembers the answer per (MSN, operation, payment reference, Idempotency-Key): Vipps' own request
 * collections send one key for the create, capture, refund and cancel of a payment, so a key only
 * means "the same request again" within one operation on one payment. Only final answers are kept:
 * 2xx and 4xx (a 4xx is sticky for its key), never a 5xx or a "try again later" code, so a retry
 * after those does the work.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  check(msn: string, key: string, operation: IdempotentOperation, reference: string, body: string): IdempotencyVerdict {
    const entry = this.entries.get(scope(msn, key, operation, reference));
    if (!entry) return { kind: 'new' };
    if (entry.body !== body) {
      return { kind: 'conflict', code: BODY_CONFLICT[operation], detail: `Idempotency-Key ${key} was already used for this ${operation} with another request body.` };
    }
    return { kind: 'replay', answer: entry.answer };
  }

  remember(msn: string, key: string, operation: IdempotentOperation, reference: string, body: string, answer: SimAnswer): void {
    this.entries.set(scope(msn, key, operation, reference), { body, answer });
  }
}

function scope(msn: string, key: string, operation: IdempotentOperation, reference: string): string {
  return JSON.stringify([msn, operation, reference, key]);
}
