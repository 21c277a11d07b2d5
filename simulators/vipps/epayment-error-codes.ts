import { problemAnswer } from './problem.ts';
import type { ExtraDetail } from './problem.ts';
import type { SimAnswer } from './sim-answer.ts';

/** ePayment domain error codes the simulator can answer with (docs/vipps-contract.md §13). */
export type EpaymentErrorCode =
  | '3010' | '4010' | '4020' | '4040' | '4050' | '4060' | '4070' | '4080' | '4090' | '4100' | '4110' | '4120'
  | '4130' | '4140' | '4150' | '4160' | '5030' | '5040' | '5050' | '5080' | '5090' | '5100' | '6010' | '6020'
  | '6040' | '6050' | '6060' | '6070' | '6080' | '6090' | '6110' | '6120' | '6130' | '6140' | '6150' | '6170'
  | '6180' | '6190' | '6200' | '6210' | '6220' | '6230' | '6260' | '6280' | '10010';

// The HTTP status per code is not published (docs/vipps-contract.md §21): 400
// unless the code's meaning is a conflict, a missing resource or 5070's
// documented 422.
const CODES: Record<EpaymentErrorCode, { status: number; title: string }> = {
  '3010': { status: 500, title: 'Internal error' },
  '4010': { status: 409, title: 'Capture idempotency conflict' },
  '4020': { status: 409, title: 'Idempotency error' },
  '4040': { status: 400, title: 'Invalid amount' },
  '4050': { status: 400, title: 'Invalid customer token' },
  '4060': { status: 400, title: 'Invalid personal QR' },
  '4070': { status: 400, title: 'Invalid phone number' },
  '4080': { status: 400, title: 'Invalid scope' },
  '4090': { status: 400, title: 'Invalid URL' },
  '4100': { status: 400, title: 'Metadata capacity exceeded' },
  '4110': { status: 400, title: 'Duplicate metadata key' },
  '4120': { status: 400, title: 'Metadata key too long' },
  '4130': { status: 400, title: 'Metadata value too long' },
  '4140': { status: 400, title: 'Missing required parameter' },
  '4150': { status: 409, title: 'Reference already exists or idempotency conflict' },
  '4160': { status: 400, title: 'Invalid payment method type' },
  '5030': { status: 400, title: 'Illegal scope' },
  '5040': { status: 400, title: 'Invalid currency for merchant' },
  '5050': { status: 400, title: 'Long-living payment not allowed' },
  '5080': { status: 400, title: 'Push message not allowed' },
  '5090': { status: 404, title: 'Reference not found' },
  '5100': { status: 400, title: 'Refund not possible' },
  '6010': { status: 400, title: 'Amount too small' },
  '6020': { status: 400, title: 'Cannot refund before capture' },
  '6040': { status: 400, title: 'Cannot cancel a captured payment' },
  '6050': { status: 400, title: 'Cannot cancel a non-reserved payment' },
  '6060': { status: 400, title: 'Cannot cancel an authorized payment' },
  '6070': { status: 400, title: 'Cannot capture a cancelled payment' },
  '6080': { status: 400, title: 'Cannot capture before reservation' },
  '6090': { status: 400, title: 'Capture amount too high' },
  '6110': { status: 400, title: 'expiresAt too late' },
  '6120': { status: 400, title: 'expiresAt too soon' },
  '6130': { status: 400, title: 'Long-living payment requires receipt' },
  '6140': { status: 400, title: 'Must capture full amount' },
  '6150': { status: 400, title: 'Refund amount too high' },
  '6170': { status: 400, title: 'Payment already captured' },
  '6180': { status: 400, title: 'Payment already refunded' },
  '6190': { status: 400, title: 'Payment cannot be cancelled' },
  '6200': { status: 400, title: 'Payment cannot be captured' },
  '6210': { status: 400, title: 'Payment cannot be refunded' },
  '6220': { status: 400, title: 'Refund period expired' },
  '6230': { status: 400, title: 'Payment is already reserved' },
  '6260': { status: 400, title: 'Funds unavailable' },
  '6280': { status: 400, title: 'Capture failed, please try again later' },
  '10010': { status: 400, title: 'Force approve not possible' },
};

/** Codes that mean "try again later with the same key": they must not be remembered for that key. */
export const TRANSIENT_CODES: ReadonlySet<EpaymentErrorCode> = new Set<EpaymentErrorCode>(['6260', '6280']);

export function epaymentError(code: EpaymentErrorCode, detail: string, instance: string, issues: ExtraDetail[] = []): SimAnswer {
  const { status, title } = CODES[code];
  return problemAnswer({ status, title, detail, instance, extraDetails: [{ name: 'ErrorCode', reason: code }, ...issues] });
}
