import { ExactInteger } from './exact-integer.ts';
import type { EpaymentErrorCode } from './epayment-error-codes.ts';

export interface Issue {
  name: string;
  reason: string;
  /** An ePayment error code for this failure, when the API has one (docs/vipps-contract.md §13). */
  code?: EpaymentErrorCode;
}

/** Collects field-level validation failures with the field path and the rule that failed. */
export class Issues {
  readonly list: Issue[] = [];

  add(name: string, reason: string, code?: EpaymentErrorCode): void {
    this.list.push(code ? { name, reason, code } : { name, reason });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  firstCode(): EpaymentErrorCode | undefined {
    return this.list.find((issue) => issue.code)?.code;
  }

  /** Whole number within bounds; `null` passes when the field is nullable in the spec. */
  integer(name: string, value: unknown, bounds: { min?: number; max?: number; nullable?: boolean }, code?: EpaymentErrorCode): boolean {
    if (value === null && bounds.nullable) return true;
    // An integer too large for a double is still an integer, just out of every range checked here.
    const number = value instanceof ExactInteger ? Number(value.digits) : value;
    if (typeof number !== 'number' || !Number.isInteger(number)) {
      this.add(name, 'Must be an integer.', code);
      return false;
    }
    if (bounds.min !== undefined && number < bounds.min) {
      this.add(name, `Must be at least ${bounds.min}.`, code);
      return false;
    }
    if (bounds.max !== undefined && number > bounds.max) {
      this.add(name, `Must be at most ${bounds.max}.`, code);
      return false;
    }
    return true;
  }

  string(name: string, value: unknown, rules: { min?: number; max?: number; pattern?: RegExp; nullable?: boolean }, code?: EpaymentErrorCode): boolean {
    if (value === null && rules.nullable) return true;
    if (typeof value !== 'string') {
      this.add(name, 'Must be a string.', code);
      return false;
    }
    if (rules.min !== undefined && value.length < rules.min) {
      this.add(name, `Must be at least ${rules.min} characters.`, code);
      return false;
    }
    if (rules.max !== undefined && value.length > rules.max) {
      this.add(name, `Must be at most ${rules.max} characters.`, code);
      return false;
    }
    if (rules.pattern && !rules.pattern.test(value)) {
      this.add(name, `Must match ${rules.pattern.source}.`, code);
      return false;
    }
    return true;
  }

  oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[], options: { nullable?: boolean } = {}, code?: EpaymentErrorCode): value is T {
    if (value === null && options.nullable) return false;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return true;
    this.add(name, `Must be one of ${allowed.join(', ')}.`, code);
    return false;
  }

  boolean(name: string, value: unknown, options: { nullable?: boolean } = {}): boolean {
    if ((value === null && options.nullable) || typeof value === 'boolean') return true;
    this.add(name, 'Must be a boolean.');
    return false;
  }
}
