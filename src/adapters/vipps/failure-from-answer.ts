import type { HttpAnswer } from './http-transport.ts';
import { readVippsProblem } from './vipps-problem.ts';
import type { VippsFailure } from './vipps-result.ts';

// ePayment error codes (docs/vipps-contract.md §13) grouped by what a caller can do about them.
const WRONG_STATE = new Set([
  '6020', '6030', '6040', '6050', '6060', '6070', '6080', '6100', '6140',
  '6170', '6180', '6190', '6200', '6210', '6220', '6230', '6250',
]);
const AMOUNT_TOO_HIGH = new Set(['6090', '6150']);
const IDEMPOTENCY = new Set(['4010', '4020']);
const NOT_ALLOWED_FOR_MERCHANT = new Set(['5010', '5020', '5030', '5050', '5060', '5080', '5100']);

// `creating`: on create, 4150 means "reference already used"; on refund the
// same code is an idempotency conflict (docs/vipps-contract.md §11).
export function failureFromAnswer(answer: HttpAnswer, context: { creating?: boolean } = {}): VippsFailure {
  const { status } = answer;
  const { code, field } = readVippsProblem(answer.body);
  if (status === 401) return { kind: 'unauthorized' };
  if (code !== undefined) {
    if (code === '4150') return context.creating === true ? { kind: 'reference_exists' } : { kind: 'idempotency_conflict', code };
    if (IDEMPOTENCY.has(code)) return { kind: 'idempotency_conflict', code };
    if (WRONG_STATE.has(code)) return { kind: 'wrong_state', code };
    if (AMOUNT_TOO_HIGH.has(code)) return { kind: 'amount_too_high', code };
    if (code === '6260') return { kind: 'funds_unavailable' };
    if (code === '5090') return { kind: 'not_found' };
    if (NOT_ALLOWED_FOR_MERCHANT.has(code)) return { kind: 'forbidden', code };
  }
  switch (status) {
    case 400:
    case 422:
      return { kind: 'invalid_request', ...(field !== undefined ? { field } : {}), ...(code !== undefined ? { code } : {}) };
    case 403:
      return { kind: 'forbidden', ...(code !== undefined ? { code } : {}) };
    case 404:
      return { kind: 'not_found' };
    case 409:
      return { kind: 'idempotency_conflict', ...(code !== undefined ? { code } : {}) };
    default:
      return { kind: 'unexpected', status, ...(code !== undefined ? { code } : {}) };
  }
}
