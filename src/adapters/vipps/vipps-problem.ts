import { isRecord, parseJson, stringAt } from './json-fields.ts';

export interface VippsProblem {
  code?: string;
  field?: string;
}

function firstNamed(list: unknown, pick: (name: string) => boolean): { name: string; reason?: string } | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const item of list) {
    if (!isRecord(item)) continue;
    const name = stringAt(item, 'name');
    if (name !== undefined && pick(name)) return { name, reason: stringAt(item, 'reason') };
  }
  return undefined;
}

// ePayment and Webhooks answer RFC 7807 with `extraDetails`; a domain error
// names itself as {name: "ErrorCode", reason: "6080"}, a validation error names
// the field. QR and Order Management use the older `invalidParams`
// (docs/vipps-contract.md §2). Gateway answers (401/403/429 from Azure) have
// neither; the status decides.
export function readVippsProblem(body: Uint8Array): VippsProblem {
  const json = parseJson(body);
  if (!isRecord(json)) return {};
  const code = firstNamed(json['extraDetails'], (name) => name === 'ErrorCode')?.reason;
  const field =
    firstNamed(json['extraDetails'], (name) => name !== 'ErrorCode')?.name ??
    firstNamed(json['invalidParams'], () => true)?.name;
  const problem: VippsProblem = {};
  if (code !== undefined && /^\d+$/.test(code)) problem.code = code;
  if (field !== undefined) problem.field = field;
  return problem;
}
