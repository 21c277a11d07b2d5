// The closed set of outcomes a caller of the Vipps client can act on. Vipps'
// titles and details get reworded over time, so every failure is derived from
// the HTTP status and the ePayment error code only (docs/vipps-contract.md
// §2, §13).

export type VippsFailure =
  | { kind: 'not_found' }
  | { kind: 'invalid_request'; field?: string; code?: string }
  | { kind: 'idempotency_conflict'; code?: string }
  | { kind: 'reference_exists' }
  | { kind: 'already_exists' }
  // 6020/6030/6040/6050/6060/6070/6080/6100/6140/6170/6180/6190/6200/6210/6220/6230/6250
  | { kind: 'wrong_state'; code: string }
  | { kind: 'amount_too_high'; code: string }
  | { kind: 'funds_unavailable' }
  | { kind: 'amount_mismatch'; expectedOre: number; actualOre: number }
  | { kind: 'unauthorized' }
  | { kind: 'forbidden'; code?: string }
  // Transient trouble that outlived every retry; the same idempotency key is safe to try again later.
  | { kind: 'unavailable'; lastStatus: number | 'network' | 'timeout'; attempts: number }
  | { kind: 'unexpected'; status: number; code?: string };

export type VippsFailureKind = VippsFailure['kind'];

export type VippsResult<T> = { ok: true; value: T } | { ok: false; failure: VippsFailure };

export function ok<T>(value: T): VippsResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(failure: VippsFailure): VippsResult<T> {
  return { ok: false, failure };
}
