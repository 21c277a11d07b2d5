import type { VippsConfig } from './vipps-config.ts';
import { assertIdempotencyKey } from './idempotency-key.ts';
import type { VippsLogger, VippsMetrics } from './vipps-observability.ts';
import { readVippsProblem } from './vipps-problem.ts';
import { fail, ok, type VippsResult } from './vipps-result.ts';
import { backoffDelayMs, isTransientAnswer, parseRetryAfterMs } from './retry-policy.ts';

export interface TransportRequest {
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  // A path below the base URL, or an absolute URL for resources Vipps hands out (QR images).
  target: string;
  headers?: Record<string, string>;
  // Serialized once, so every retry sends the same bytes under the same idempotency key.
  body?: string;
  // `vipps` (the default) adds the subscription key, MSN and Vipps-System-*
  // headers, and the bearer token when the transport has tokens; `none` sends
  // only `headers`.
  credentials?: 'vipps' | 'none';
  reference?: string;
  // Sent as the Idempotency-Key header, the same on every retry.
  idempotencyKey?: string;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: Uint8Array;
}

// Where the bearer token comes from (access-token.ts).
export interface BearerTokens {
  get(): Promise<VippsResult<string>>;
  invalidate(token: string): void;
}

export interface TransportDeps {
  config: VippsConfig;
  logger: VippsLogger;
  metrics?: VippsMetrics;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  // Without them no bearer token is sent: the token request itself.
  tokens?: BearerTokens;
}

export type Transport = (request: TransportRequest) => Promise<VippsResult<HttpAnswer>>;

function vippsHeaders(config: VippsConfig): Record<string, string> {
  return {
    'Ocp-Apim-Subscription-Key': config.subscriptionKey,
    'Merchant-Serial-Number': config.msn,
    'Vipps-System-Name': config.system.name,
    'Vipps-System-Version': config.system.version,
    'Vipps-System-Plugin-Name': config.system.pluginName,
    'Vipps-System-Plugin-Version': config.system.pluginVersion,
  };
}

function headersFor(config: VippsConfig, request: TransportRequest): Record<string, string> {
  return {
    Accept: 'application/json',
    ...(request.credentials !== 'none' ? vippsHeaders(config) : {}),
    ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    ...(request.idempotencyKey !== undefined ? { 'Idempotency-Key': assertIdempotencyKey(request.idempotencyKey) } : {}),
    ...request.headers,
  };
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

// Sends one logical Vipps call: the bearer token, retries of transient trouble
// with backoff and the identical request, every attempt logged and counted.
// Answers that are not transient (2xx, and 4xx that carry a meaning) are
// handed back untouched for the calling API module to translate.
export function createHttpTransport(deps: TransportDeps): Transport {
  const { config, logger, metrics, tokens } = deps;
  return async (request) => {
    const absolute = /^https?:\/\//.test(request.target);
    const url = absolute ? new URL(request.target) : new URL(config.baseUrl + request.target);
    // Log the path only: image URLs and the like may carry tokens in the query.
    const logged = { operation: request.operation, method: request.method, path: url.pathname, reference: request.reference, idempotencyKey: request.idempotencyKey };
    const headers = headersFor(config, request);
    const bearer = request.credentials !== 'none' ? tokens : undefined;
    let token: string | undefined;
    if (bearer) {
      const first = await bearer.get();
      if (!first.ok) return first;
      token = first.value;
    }
    let refreshed = false;
    let lastStatus: number | 'network' | 'timeout' = 'network';
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      let retryAfterMs: number | undefined;
      try {
        const response = await deps.fetch(url, {
          method: request.method,
          headers: token !== undefined ? { ...headers, Authorization: `Bearer ${token}` } : headers,
          body: request.body ?? (request.method === 'POST' ? '' : undefined),
          signal: AbortSignal.timeout(config.timeoutMs),
        });
        const body = new Uint8Array(await response.arrayBuffer());
        const durationMs = Math.round(performance.now() - started);
        metrics?.observe({ operation: request.operation, status: response.status, durationMs });
        const code = response.status >= 400 ? readVippsProblem(body).code : undefined;
        const level = response.status < 400 ? 'info' : 'warn';
        logger[level]({ vipps: { ...logged, status: response.status, code, durationMs, attempt } }, 'vipps call');
        // docs/vipps-contract.md §3: on an unexpected 401 drop the cached
        // token, fetch once, retry once: a fresh round of attempts.
        if (response.status === 401 && bearer && token !== undefined && !refreshed) {
          bearer.invalidate(token);
          const second = await bearer.get();
          if (!second.ok) return second;
          token = second.value;
          refreshed = true;
          attempt = 0;
          continue;
        }
        if (!isTransientAnswer(response.status, code)) {
          return ok({ status: response.status, contentType: response.headers.get('content-type') ?? '', body });
        }
        lastStatus = response.status;
        retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'));
      } catch (error) {
        const durationMs = Math.round(performance.now() - started);
        metrics?.observe({ operation: request.operation, status: 'network', durationMs });
        lastStatus = isTimeout(error) ? 'timeout' : 'network';
        const reason = error instanceof Error ? error.message : String(error);
        logger.warn({ vipps: { ...logged, status: lastStatus, durationMs, attempt, reason } }, 'vipps call failed');
      }
      if (attempt >= config.retry.maxAttempts) {
        logger.error({ vipps: { ...logged, status: lastStatus, attempts: attempt } }, 'vipps call gave up');
        return fail({ kind: 'unavailable', lastStatus, attempts: attempt });
      }
      await deps.sleep(backoffDelayMs(attempt, config.retry, deps.random, retryAfterMs));
    }
  };
}
