import { readAmount, readPaymentEventName } from './epayment-payloads.ts';
import { booleanAt, isRecord, stringAt } from './json-fields.ts';
import type { PaymentEventName } from './payment-snapshot.ts';

// A webhook is a hint, not proof: whoever receives this must read the payment
// (GET) before acting on money (docs/vipps-contract.md §15;
// docs/session-states.md, rule 1).
export interface PaymentEventHint {
  reference: string;
  name: PaymentEventName;
  // Id of this event's own operation (differs from the one in GET).
  pspReference: string;
  amountOre: number;
  success: boolean;
  timestamp: string;
  idempotencyKey?: string;
}

// The ePayment webhook payload (docs/vipps-contract.md §15).
export function readPaymentEventHint(json: unknown): PaymentEventHint | undefined {
  if (!isRecord(json)) return undefined;
  const reference = stringAt(json, 'reference');
  const name = readPaymentEventName(json['name']);
  const pspReference = stringAt(json, 'pspReference');
  const amount = readAmount(json['amount']);
  const success = booleanAt(json, 'success');
  const timestamp = stringAt(json, 'timestamp');
  if (reference === undefined || !name || pspReference === undefined || !amount || success === undefined || timestamp === undefined) {
    return undefined;
  }
  const hint: PaymentEventHint = { reference, name, pspReference, amountOre: amount.value, success, timestamp };
  const idempotencyKey = stringAt(json, 'idempotencyKey');
  if (idempotencyKey !== undefined) hint.idempotencyKey = idempotencyKey;
  return hint;
}
