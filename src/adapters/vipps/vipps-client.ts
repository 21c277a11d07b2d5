import { createAccessTokenCache, type AccessTokenCache } from './access-token.ts';
import { createEpaymentApi, type EpaymentApi } from './epayment-api.ts';
import { ensureWebhook, type EnsuredWebhook } from './ensure-webhook.ts';
import { createHttpTransport, type TransportDeps } from './http-transport.ts';
import { createOrderManagementApi, type OrderManagementApi } from './order-management-api.ts';
import { createQrApi, type QrApi } from './qr-api.ts';
import type { VippsConfig } from './vipps-config.ts';
import type { VippsLogger, VippsMetrics } from './vipps-observability.ts';
import type { VippsResult } from './vipps-result.ts';
import type { WebhookSecretStore } from './webhook-secret-store.ts';
import { createWebhooksApi, type WebhooksApi } from './webhooks-api.ts';

export interface VippsClientDeps {
  logger: VippsLogger;
  metrics?: VippsMetrics;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  // Epoch milliseconds; drives access-token expiry.
  now?: () => number;
}

export interface VippsWebhooksClient extends WebhooksApi {
  ensureWebhook(url: string, events: readonly string[], store: WebhookSecretStore): Promise<VippsResult<EnsuredWebhook>>;
}

export interface VippsClient {
  epayment: EpaymentApi;
  webhooks: VippsWebhooksClient;
  qr: QrApi;
  orders: OrderManagementApi;
  token: AccessTokenCache;
}

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function createVippsClient(config: VippsConfig, deps: VippsClientDeps): VippsClient {
  const transportDeps = {
    config,
    logger: deps.logger,
    ...(deps.metrics !== undefined ? { metrics: deps.metrics } : {}),
    fetch: deps.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    sleep: deps.sleep ?? realSleep,
    random: deps.random ?? Math.random,
  } satisfies TransportDeps;
  // The token request itself goes without a bearer token; every other call carries one.
  const token = createAccessTokenCache(config, createHttpTransport(transportDeps), deps.now ?? Date.now);
  const call = createHttpTransport({ ...transportDeps, tokens: token });
  const webhooksApi = createWebhooksApi(call);
  return {
    epayment: createEpaymentApi(call),
    webhooks: {
      ...webhooksApi,
      ensureWebhook: (url, events, store) => ensureWebhook(webhooksApi, url, events, store, deps.logger),
    },
    qr: createQrApi(call),
    orders: createOrderManagementApi(call),
    token,
  };
}
