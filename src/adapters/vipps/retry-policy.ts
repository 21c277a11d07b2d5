import type { VippsRetrySettings } from './vipps-config.ts';

// docs/vipps-contract.md: 423 and 6160 mean a concurrent operation holds the
// payment (§10), 6280 asks to try the capture again later (§7), 429 is the
// per-reference rate limit, and a 5xx is usually safe to repeat with the same
// idempotency key (§2). 6260 is deliberately not here: the bank released the
// hold, repeating at once will not bring the money back.
const TRANSIENT_CODES = new Set(['6160', '6280']);

export function isTransientAnswer(status: number, code: string | undefined): boolean {
  if (status >= 500 || status === 429 || status === 423) return true;
  return code !== undefined && TRANSIENT_CODES.has(code);
}

// Exponential backoff with "equal jitter" (half fixed, half random); a server's Retry-After, if any, is a floor.
export function backoffDelayMs(
  attempt: number,
  settings: VippsRetrySettings,
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return Math.min(settings.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
}

export function parseRetryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
