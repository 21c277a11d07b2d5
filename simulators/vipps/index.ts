import { TokenStore } from './access-token.ts';
import { registerAccessTokenRoutes } from './access-token-routes.ts';
import { buildServer } from './build-server.ts';
import { SimulatorClock } from './clock.ts';
import { EpaymentService } from './epayment-service.ts';
import { registerEpaymentRoutes } from './epayment-routes.ts';
import { webhookPayload } from './epayment-views.ts';
import { FaultController } from './faults.ts';
import { IdempotencyStore } from './idempotency-store.ts';
import { checkMerchants, DEMO_MERCHANT } from './merchants.ts';
import { OrderManagementStore } from './order-management-store.ts';
import { registerOrderManagementRoutes } from './order-management-routes.ts';
import { PaymentLedger } from './payment-ledger.ts';
import { Phone } from './phone.ts';
import { phonePath } from './phone-link.ts';
import { registerPhoneRoutes } from './phone-routes.ts';
import { createPrng } from './prng.ts';
import { paymentQrPath, registerQrImageRoutes } from './qr-image.ts';
import { registerQrRoutes } from './qr-routes.ts';
import { registerOneTimeQrRoutes } from './one-time-qr-routes.ts';
import { registerUserinfoRoutes } from './userinfo-routes.ts';
import { ReadLog } from './read-log.ts';
import { headerValue } from './request-body.ts';
import { QrStore } from './qr-store.ts';
import { createSimControl } from './sim-control.ts';
import { registerSimRoutes } from './sim-routes.ts';
import { WebhookDispatcher } from './webhook-dispatcher.ts';
import { WebhookRegistry } from './webhook-registry.ts';
import { registerWebhookRoutes } from './webhook-routes.ts';
import type { FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import type { SimLoggerOption } from './build-server.ts';
import type { SimClock } from './clock.ts';
import type { FaultSettings } from './faults.ts';
import type { SimMerchant } from './merchants.ts';
import type { PhoneOutcome } from './phone.ts';
import type { SimAnswer } from './sim-answer.ts';
import type { SimBooks, SimOrder } from './sim-control.ts';
import type { WebhookDelivery, WebhookRetryOptions } from './webhook-dispatcher.ts';

// Package entry point of the Vipps simulator: the only file that re-exports.
export { DEMO_MERCHANT } from './merchants.ts';
export { SimulatorClock } from './clock.ts';
export { signWebhook } from './webhook-signer.ts';
export { phoneButtonUrl } from './phone-link.ts';
export type { SimMerchant, Currency } from './merchants.ts';
export type { SimClock } from './clock.ts';
export type { FaultSettings, FaultTrigger } from './faults.ts';
export type { PhoneOutcome } from './phone.ts';
export type { PhoneButton } from './phone-link.ts';
export type { PaymentRead } from './read-log.ts';
export type { SimBooks, SimOrder } from './sim-control.ts';
export type { WebhookDelivery, DeliveryAttempt, WebhookRetryOptions } from './webhook-dispatcher.ts';
export type { ApiGroup } from './api-style.ts';

export interface VippsSimulatorOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Base of the links the simulator hands out (redirectUrl, QR images); default its own URL. */
  publicUrl?: string;
  /** Default: the demo merchant. */
  merchants?: SimMerchant[];
  /** Default: a SimulatorClock on wall-clock time that `clock.advance(ms)` moves forward. */
  clock?: SimClock;
  /** Default 3600 (the test environment). */
  tokenLifetimeSeconds?: number;
  /** Default 10 minutes (docs/vipps-contract.md §12). */
  approvalWindowMs?: number;
  /** How often the approval window is checked on a timer, besides every read and every clock advance. Default 1000. */
  sweepIntervalMs?: number;
  webhookRetry?: WebhookRetryOptions;
  /** The clock whose time a webhook's x-ms-date carries (Vipps signs by the wall clock). Default `clock`. */
  webhookDateClock?: SimClock;
  faults?: Partial<FaultSettings>;
  /** Seed of the PRNG behind fault shares. Default 1. */
  seed?: number;
  /** Fastify/pino logging. Default off. */
  logger?: SimLoggerOption;
}

export interface VippsSimulator {
  url: string;
  merchants: SimMerchant[];
  /** `advance` works when the simulator made its own clock or was given a SimulatorClock; otherwise it throws. */
  clock: SimClock & { advance(ms: number): void };
  phone: {
    approve(reference: string, msn?: string): PhoneOutcome;
    reject(reference: string, msn?: string): PhoneOutcome;
  };
  faults: {
    set(partial: Partial<FaultSettings>): void;
    /** Back to no faults at all (not to the constructor's settings). */
    reset(): void;
    get(): FaultSettings;
    /** How often each fault has fired: `serverError.epayment`, `webhookDrop` … */
    fired(): Record<string, number>;
  };
  books(reference: string, msn?: string): SimBooks | undefined;
  /** The payment a phone page (its URL of either form, or its token) belongs to. */
  paymentOfPhone(urlOrToken: string): { msn: string; reference: string } | undefined;
  receipts(reference: string, msn?: string): SimOrder | undefined;
  webhookDeliveries(): WebhookDelivery[];
  /** Resolves when no webhook delivery is queued, held, waiting for a retry or in flight. */
  idle(): Promise<void>;
  deliverWebhooksNow(): void;
  /** Checks every approval window against the clock now. */
  sweep(): void;
  stop(): Promise<void>;
}

export async function startVippsSimulator(options: VippsSimulatorOptions = {}): Promise<VippsSimulator> {
  const merchants = (options.merchants ?? [DEMO_MERCHANT]).map((m) => ({ ...m }));
  checkMerchants(merchants);
  const clock = options.clock ?? new SimulatorClock();
  const ownClock = clock instanceof SimulatorClock ? clock : null;
  const app = buildServer(options.logger ?? false);
  const base = { url: '' };

  const faults = new FaultController(createPrng(options.seed ?? 1), options.faults);
  const tokens = new TokenStore(clock, options.tokenLifetimeSeconds ?? 3600);
  const registry = new WebhookRegistry(clock);
  const dispatcher = new WebhookDispatcher(
    registry,
    clock,
    faults,
    options.webhookRetry,
    (delivery, attempt) => app.log.info({ webhook: delivery.event, reference: delivery.reference, url: delivery.url, state: delivery.state, attempt }, 'webhook delivery'),
    options.webhookDateClock,
  );
  const ledger = new PaymentLedger(clock, (payment, event) => dispatcher.publish(payment.msn, webhookPayload(payment, event)));
  const orders = new OrderManagementStore();
  const qrCodes = new QrStore(clock);
  const phoneUrl = (token: string) => `${base.url}${phonePath(token)}`;
  const paymentQrUrl = (token: string, format: 'svg' | 'png', size?: number) => `${base.url}${paymentQrPath(token, format, size)}`;
  const imageUrl = (token: string, format: 'svg' | 'png', size?: number) => `${base.url}/qr-image/${token}.${format}${format === 'png' && size ? `?size=${size}` : ''}`;
  const service = new EpaymentService({
    ledger,
    idempotency: new IdempotencyStore(),
    clock,
    faults,
    links: { phone: phoneUrl, paymentQr: paymentQrUrl },
    approvalWindowMs: options.approvalWindowMs ?? 10 * 60 * 1000,
    onReceipt: (msn, reference, receipt) => void orders.addReceipt(msn, 'ECOM', reference, receipt),
  });
  const phone = new Phone(ledger, faults);
  const hanging = new Set<Socket>();
  const reads = new ReadLog();
  const ctx = {
    faults,
    tokens,
    merchants,
    clock,
    hanging,
    answered: (request: FastifyRequest, answer: SimAnswer) => {
      if (request.method !== 'GET' || answer.status !== 200 || !/^\/epayment\/v1\/payments\/[^/?]+(\?.*)?$/.test(request.url)) return;
      const body = answer.body as { reference: string; state: string };
      const msn = headerValue(request.headers, 'merchant-serial-number') ?? '';
      reads.record(msn, body.reference, { at: clock.now().toISOString(), state: body.state });
    },
  };

  registerAccessTokenRoutes(app, ctx, tokens);
  registerEpaymentRoutes(app, ctx, service);
  registerWebhookRoutes(app, ctx, registry);
  registerQrRoutes(app, ctx, qrCodes, { image: imageUrl, target: (token) => `${base.url}/qr-target/${token}` });
  registerOneTimeQrRoutes(app, ctx, { ledger, clock, links: { image: paymentQrUrl, phone: phoneUrl } });
  registerOrderManagementRoutes(app, ctx, orders);
  registerUserinfoRoutes(app, ctx, ledger);
  registerPhoneRoutes(app, { ledger, phone, merchants });
  registerQrImageRoutes(
    app,
    (token) => (qrCodes.byToken(token) ? `${base.url}/qr-target/${token}` : ledger.loadByToken(token) ? phoneUrl(token) : undefined),
    (token) => qrCodes.byToken(token)?.redirectUrl,
  );
  const control = createSimControl({ ledger, phone, orders, dispatcher, faults, clock, advance: ownClock ? (ms) => ownClock.advance(ms) : null, phoneUrl, reads });
  registerSimRoutes(app, control);

  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the simulator did not get a TCP address');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  base.url = (options.publicUrl ?? `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`).replace(/\/$/, '');

  const sweepTimer = setInterval(() => ledger.sweep(), options.sweepIntervalMs ?? 1000);
  sweepTimer.unref();
  const unsubscribe = ownClock?.onAdvance(() => ledger.sweep());

  return {
    url: base.url,
    merchants,
    clock: { now: () => clock.now(), advance: (ms: number) => control.advanceClock(ms) },
    phone: { approve: control.approve, reject: control.reject },
    faults: control.faults,
    books: control.books,
    paymentOfPhone: control.paymentOfPhone,
    receipts: control.receipts,
    webhookDeliveries: control.webhookDeliveries,
    idle: control.idle,
    deliverWebhooksNow: control.deliverWebhooksNow,
    sweep: control.sweep,
    stop: async () => {
      clearInterval(sweepTimer);
      unsubscribe?.();
      dispatcher.stop();
      for (const socket of hanging) socket.destroy();
      await app.close();
    },
  };
}
