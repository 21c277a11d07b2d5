import type { Transport } from './http-transport.ts';
import type { VippsConfig } from './vipps-config.ts';
import { isRecord, parseJson } from './json-fields.ts';
import { fail, ok, type VippsResult } from './vipps-result.ts';

export interface AccessTokenCache {
  get(): Promise<VippsResult<string>>;
  // Drop the cached token if it is still `token` (a 401 proved it dead); a
  // newer one fetched meanwhile by another call is kept.
  invalidate(token: string): void;
}

interface CachedToken {
  token: string;
  refreshAt: number;
  expiresAt: number;
}

const FIVE_MINUTES_MS = 5 * 60_000;

// Vipps sends every value as a string ("3600"); an older spec showed numbers (docs/vipps-contract.md §3).
function secondsFrom(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

export function createAccessTokenCache(config: VippsConfig, transport: Transport, now: () => number): AccessTokenCache {
  let cached: CachedToken | undefined;
  let inFlight: Promise<VippsResult<CachedToken>> | undefined;

  async function fetchToken(): Promise<VippsResult<CachedToken>> {
    const requestedAt = now();
    const answer = await transport({
      operation: 'accesstoken.get',
      method: 'POST',
      target: '/accesstoken/get',
      credentials: 'vipps',
      headers: { client_id: config.clientId, client_secret: config.clientSecret },
    });
    if (!answer.ok) return answer;
    const { status, body } = answer.value;
    if (status === 400 || status === 401) return fail({ kind: 'unauthorized' });
    if (status === 403) return fail({ kind: 'forbidden' });
    if (status !== 200) return fail({ kind: 'unexpected', status });
    const json = parseJson(body);
    const token = isRecord(json) ? json['access_token'] : undefined;
    const lifetimeS = isRecord(json) ? secondsFrom(json['expires_in']) : undefined;
    if (typeof token !== 'string' || token === '' || lifetimeS === undefined) return fail({ kind: 'unexpected', status });
    // Refresh ahead of expiry: 5 min before, or 10 % of the lifetime for short-lived tokens.
    const lifetimeMs = lifetimeS * 1000;
    const margin = Math.min(FIVE_MINUTES_MS, lifetimeMs / 10);
    return ok({ token, expiresAt: requestedAt + lifetimeMs, refreshAt: requestedAt + lifetimeMs - margin });
  }

  return {
    async get() {
      const current = cached;
      if (current !== undefined && now() < current.refreshAt) return ok(current.token);
      // However many calls wait, one request is in flight.
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      const fresh = await inFlight;
      if (fresh.ok) {
        if (cached === undefined || cached.expiresAt <= fresh.value.expiresAt) cached = fresh.value;
        return ok(fresh.value.token);
      }
      // A failed early refresh is no reason to stop using a token that is still valid.
      if (current !== undefined && now() < current.expiresAt && cached === current) return ok(current.token);
      return fresh;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}
