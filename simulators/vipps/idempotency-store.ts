import type { EpaymentErrorCode } from './epayment-error-codes.ts';
import type { SimAnswer } from './sim-answer.ts';

export type IdempotentOperation = 'create' | 'capture' | 'cancel' | 'refund';

interface Entry {
  operation: IdempotentOperation;
  reference: string;
  body: string;
  answer: SimAnswer;
}

export type IdempotencyVerdict =
  | { kind: 'new' }
  | { kind: 'replay'; answer: SimAnswer }
  | { kind: 'conflict'; code: EpaymentErrorCode; detail: string };

// Same key + other body: capture 4010, refund 4150, create 4150 (its reference then exists), cancel 4020;
// a key reused for another operation or payment: 4020 (docs/vipps-contract.md §11).
const BODY_CONFLICT: Record<IdempotentOperation, EpaymentErrorCode> = { create: '4150', capture: '4010', refund: '4150', cancel: '4020' };

/**
 * Remembers the answer per (MSN, Idempotency-Key). Only final answers are kept: 2xx and 4xx (a 4xx is
 * sticky for its key), never a 5xx or a "try again later" code, so a retry after those does the work.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  check(msn: string, key: string, operation: IdempotentOperation, reference: string, body: string): IdempotencyVerdict {
    const entry = this.entries.get(`${msn}\n${key}`);
    if (!entry) return { kind: 'new' };
    if (entry.operation !== operation || entry.reference !== reference) {
      return { kind: 'conflict', code: '4020', detail: `Idempotency-Key ${key} was already used for ${entry.operation} of ${entry.reference}.` };
    }
    if (entry.body !== body) {
      return { kind: 'conflict', code: BODY_CONFLICT[operation], detail: `Idempotency-Key ${key} was already used with another request body.` };
    }
    return { kind: 'replay', answer: entry.answer };
  }

  remember(msn: string, key: string, operation: IdempotentOperation, reference: string, body: string, answer: SimAnswer): void {
    this.entries.set(`${msn}\n${key}`, { operation, reference, body, answer });
  }
}
