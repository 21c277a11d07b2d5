import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { ApiTokenStore } from '../adapters/storage/api-token-store.ts';
import { AuditLog } from '../adapters/storage/audit-log.ts';
import { stableSecret } from '../adapters/storage/stable-secret.ts';
import { TariffStore } from '../adapters/storage/tariff-store.ts';
import { UserStore } from '../adapters/storage/user-store.ts';
import { createStationDoors } from '../adapters/ocpp/station-doors.ts';
import { generatedStationPassword } from '../adapters/security/station-secret.ts';
import { vippsStickerCodes } from '../adapters/vipps/vipps-sticker-codes.ts';
import type { PaymentEventHint } from '../adapters/vipps/webhook-routes.ts';
import { vippsWebhookRoutes } from '../adapters/vipps/webhook-routes.ts';
import { restApi } from '../adapters/web/api/api-plugin.ts';
import { ocpiInterface } from '../adapters/web/ocpi/ocpi-plugin.ts';
import { buildApp } from '../adapters/web/app.ts';
import { datex2Routes } from '../adapters/web/datex2/datex2-routes.ts';
import { operatorConsole } from '../adapters/web/console/console-plugin.ts';
import { driverPages } from '../adapters/web/driver/driver-pages.ts';
import { healthCheck } from '../adapters/web/health-check.ts';
import { registerMetricsRoute, type LadepayMetrics } from '../adapters/web/metrics.ts';
import { createSecurityMetrics } from '../adapters/web/security-metrics.ts';
import { noticingStationEdits, noticingTariffEdits } from '../usecases/feeds/feed-edits.ts';
import { observePayment } from '../usecases/observe-payment.ts';
import { operatorAdmin } from '../usecases/operator/operator-admin.ts';
import type { StationOperations } from '../usecases/operator/station-operations.ts';
import { LADEPAY_VERSION } from '../version.ts';
import type { Alerts } from './alerts.ts';
import { buildPublishedSites } from './feeds.ts';
import type { ClusterNode } from './cluster.ts';
import { buildOcpiSharing, type OcpiSharing } from './ocpi-sharing.ts';
import type { buildSessions } from './sessions.ts';
import type { StationSide } from './ocpp.ts';
import type { Storage } from './storage.ts';
import type { VippsParts } from './vipps.ts';

export const WEBHOOK_PATH = '/webhooks/vipps';

export interface WebWiring {
  config: Config;
  storage: Storage;
  vipps: VippsParts;
  sessions: ReturnType<typeof buildSessions>;
  stations: StationSide;
  alerts: Alerts;
  operations: StationOperations;
  cluster: ClusterNode;
  metrics: LadepayMetrics;
  logger: Logger;
  now: () => Date;
  publicUrl: string;
  // An edit of what the charger feeds publish was saved (the OCPI push planner looks again).
  feedsEdited: () => void;
}

// The HTTP side: health, the Vipps webhook, the OCPP upgrade, the driver's
// pages, the open DATEX II feed, the OCPI interface for partners, then the
// operator's console, API and metrics.
export async function buildWeb(w: WebWiring): Promise<FastifyInstance> {
  const { config, storage, logger } = w;
  const db = storage.database.db;
  const security = createSecurityMetrics(w.metrics.registry);
  const health = healthCheck({ pingDatabase: async () => void (await sql`select 1`.execute(db)), vippsToken: () => w.vipps.client.token.get() }, logger);
  const node = { id: w.cluster.link.nodeId, draining: w.cluster.draining };
  const app = buildApp({ logger, version: LADEPAY_VERSION, health, node, http: config.http, security });
  await app.register(vippsWebhookRoutes, webhookOptions(w));
  app.server.on('upgrade', (req, socket, head) => w.stations.ocpp.handleUpgrade(req, socket, head));
  await app.register(driverPages, {
    actions: w.sessions.driver,
    publicUrl: w.publicUrl,
    operatorName: config.operator.name,
    support: config.operator.support,
    logger,
    formKey: await stableSecret(storage.secrets, 'driver.form-key'),
    paymentOrigins: [w.vipps.paymentOrigin],
    billEnergyAfterUndeliveredStop: config.sessions.billEnergyAfterUndeliveredStop,
    security,
    streamCaps: { perAddress: config.http.sseStreamsPerAddress, perSession: config.http.sseStreamsPerSession },
    // A stream must speak before the idle timeout would cut it.
    heartbeatMs: Math.min(15_000, Math.floor(config.http.idleTimeoutMs / 2)),
  });
  const published = buildPublishedSites(config, db, w.publicUrl, w.now);
  await app.register(datex2Routes, {
    published,
    options: { informationStatus: config.mode === 'demo' ? 'test' : 'real', cardPayments: config.sessions.cardPayments },
    now: w.now,
    security,
  });
  const ocpi = buildOcpiSharing({ config, database: storage.database, secrets: storage.secrets, published, publicUrl: w.publicUrl, now: w.now });
  await app.register(ocpiInterface, { prefix: '/ocpi', ...ocpi, now: w.now });
  await operatorSide(app, w, security, ocpi);
  return app;
}

// Freshness of a signature is judged by the wall clock, as Vipps signs by it.
// A webhook is a hint: recorded, then the payment is read from Vipps.
export function webhookOptions(w: Pick<WebWiring, 'storage' | 'sessions' | 'now' | 'publicUrl'>) {
  const store = w.storage.webhooks;
  const url = `${w.publicUrl}${WEBHOOK_PATH}`;
  return {
    path: WEBHOOK_PATH,
    getSecret: async () => {
      const reg = await store.load(url);
      return reg ? { secret: reg.secret, url } : undefined;
    },
    onEvent: async (hint: PaymentEventHint) => {
      await w.storage.paymentEvents.record(hint, w.now());
      await observePayment(w.sessions.observe, hint.reference);
    },
  };
}

async function operatorSide(app: FastifyInstance, w: WebWiring, security: ReturnType<typeof createSecurityMetrics>, ocpi: OcpiSharing): Promise<void> {
  const { config, storage, now } = w;
  const db = storage.database.db;
  const users = new UserStore(db);
  const { ocpp, passwords, lockouts } = w.stations;
  w.metrics.watch({ connectedStations: () => ocpp.connectedCount(), sessionsByState: () => storage.queries.sessionCountsByState(), outboxDepth: () => storage.outbox.depth(), openAlertsByRule: () => w.alerts.book.openCountsByRule() });
  registerMetricsRoute(app, w.metrics);
  const { charger } = w.cluster;
  const station = { isOnline: charger.isOnline, changePassword: (id: string, secret: string) => w.cluster.changePassword(id, secret, ocpp.changePassword) };
  const doors = createStationDoors({ passwords, lockouts, station, graceSeconds: config.stationDoor.passwordGraceSeconds, now });
  const admin = operatorAdmin({
    stations: noticingStationEdits(storage.stations, w.feedsEdited),
    tariffs: noticingTariffEdits(new TariffStore(db), w.feedsEdited),
    users,
    logins: users,
    tokens: new ApiTokenStore(db),
    audit: new AuditLog(db),
    repo: storage.repo,
    queries: storage.queries,
    ocppFrames: storage.ocppLog,
    paymentEvents: storage.paymentEvents,
    reportQueries: storage.reports,
    makeStationPassword: generatedStationPassword,
    priceDisplay: w.sessions.display,
    party: config.operator.party,
    supportPhone: config.operator.support?.phone,
    now,
  });
  const deps = { ...admin, doors, alerts: w.alerts.admin, operator: w.sessions.operator, operations: w.operations, ocpiPartners: ocpi.admin, ocpiPlatform: ocpi.us, publicUrl: w.publicUrl, now };
  await app.register(operatorConsole, {
    ...deps,
    logins: users,
    security,
    stickerCodes: vippsStickerCodes(w.vipps.client.qr),
    seller: config.operator,
    cookieSecret: config.console.sessionSecret ?? (await stableSecret(storage.secrets, 'console.cookie')),
    logger: w.logger.child({ component: 'console' }),
  });
  await app.register(restApi, { ...deps, security, version: LADEPAY_VERSION });
}
