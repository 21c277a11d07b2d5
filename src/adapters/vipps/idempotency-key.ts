// Callers derive keys from their own ids (`capture-<session>`), so a retry
// after a crash sends the same key. ePayment caps the header at 50 chars
// (docs/vipps-contract.md §4); the character set is ours, kept to what survives
// any proxy.
const KEY = /^[A-Za-z0-9._:-]{1,50}$/;

export function assertIdempotencyKey(key: string): string {
  if (!KEY.test(key)) throw new RangeError(`Idempotency-Key must match ${KEY.source}: ${JSON.stringify(key)}`);
  return key;
}
