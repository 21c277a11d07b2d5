import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { SessionPolicy } from './core/session/session-input.ts';
import { buildApp } from './adapters/web/app.ts';
import { healthCheck } from './adapters/web/health-check.ts';
import { driverPages } from './adapters/web/driver/driver-pages.ts';
import { restApi } from './adapters/web/api/api-plugin.ts';
import { operatorConsole } from './adapters/web/console/console-plugin.ts';
import { createLadepayMetrics, registerMetricsRoute } from './adapters/web/metrics.ts';
import { createSecurityMetrics } from './adapters/web/security-metrics.ts';
import { createLadepayLogger } from './ladepay-logger.ts';
import { hashPassword } from './adapters/security/password-hash.ts';
import { ApiTokenStore } from './adapters/storage/api-token-store.ts';
import { AuditLog } from './adapters/storage/audit-log.ts';
import { ConsoleQueries } from './adapters/storage/console-queries.ts';
import { TariffStore } from './adapters/storage/tariff-store.ts';
import { UserStore } from './adapters/storage/user-store.ts';
import { freePort } from './adapters/web/free-port.ts';
import { clientAddressReader } from './adapters/web/client-address.ts';
import { addressKey } from './adapters/web/address-key.ts';
import { stableSecret } from './adapters/storage/stable-secret.ts';
import { createOcppServer, type OcppServer } from './adapters/ocpp/ocpp-server.ts';
import { createStationAuthLimiter } from './adapters/ocpp/station-auth-limiter.ts';
import { createStationDoors } from './adapters/ocpp/station-doors.ts';
import { createStationLockouts } from './adapters/ocpp/station-lockouts.ts';
import { KyselyLockoutStore } from './adapters/storage/station-lockout-store.ts';
import { KyselyStationPasswords } from './adapters/storage/station-password-store.ts';
import { stationDoorMetrics } from './adapters/web/station-door-metrics.ts';
import { KyselyChargePointDirectory } from './adapters/storage/charge-point-directory.ts';
import { migrateToLatest } from './adapters/storage/migrations.ts';
import { OcppLogStore } from './adapters/storage/ocpp-log-store.ts';
import { databaseTarget, openDatabase, type OpenDatabase } from './adapters/storage/open-database.ts';
import { Outbox } from './adapters/storage/outbox.ts';
import { startOutboxWorker, type OutboxWorker } from './adapters/storage/outbox-worker.ts';
import { PaymentEventStore } from './adapters/storage/payment-event-store.ts';
import { RefundRequestStore } from './adapters/storage/refund-request-store.ts';
import { KyselySessionRepository } from './adapters/storage/session-repository.ts';
import type { StoredSessionError } from './adapters/storage/session-codec.ts';
import type { SealedSettings } from './adapters/storage/sealed-settings.ts';
import { SettingsStore } from './adapters/storage/settings-store.ts';
import { openSecrets } from './open-secrets.ts';
import { StationStore } from './adapters/storage/station-store.ts';
import { settingsWebhookSecretStore } from './adapters/storage/webhook-secret-store.ts';
import { vippsPaymentGateway } from './adapters/vipps/payment-gateway.ts';
import { vippsStickerCodes } from './adapters/vipps/vipps-sticker-codes.ts';
import { createVippsClient, type VippsClient } from './adapters/vipps/vipps-client.ts';
import { createVippsConfig, type VippsRetrySettings } from './adapters/vipps/vipps-config.ts';
import { vippsWebhookRoutes } from './adapters/vipps/webhook-routes.ts';
import { CHARGING_PAYMENT_EVENTS } from './adapters/vipps/webhooks-api.ts';
import { chargerEventsHandler } from './usecases/charger-events-handler.ts';
import { driverActions } from './usecases/driver-actions.ts';
import type { DriverActions } from './usecases/ports/driver-views.ts';
import { observePayment } from './usecases/observe-payment.ts';
import { operatorActions, type OperatorActions } from './usecases/operator/operator-actions.ts';
import { operatorAdmin } from './usecases/operator/operator-admin.ts';
import { startReconciler } from './usecases/reconcile.ts';
import { sessionEffects } from './usecases/session-effects.ts';
import { strayTransactions } from './usecases/stray-transactions.ts';
import { SessionEngine } from './usecases/session-engine.ts';
import { SessionNotifier } from './usecases/session-notifier.ts';
import { startDemo, type RunningDemo } from './demo/start-demo.ts';
import { startEmbeddedVipps, type EmbeddedVipps } from './demo/embedded-vipps.ts';
import { LADEPAY_VERSION } from './version.ts';

export const WEBHOOK_PATH = '/webhooks/vipps';

export interface StartOptions {
  logger?: Logger;
  now?: () => Date;
  reconcileEveryMs?: number;
  outboxPollMs?: number;
  vippsRetry?: Partial<VippsRetrySettings>;
}

export interface RunningLadepay {
  url: string;
  publicUrl: string;
  database: OpenDatabase;
  logger: Logger;
  ocpp: OcppServer;
  vipps: VippsClient;
  driver: DriverActions;
  operator: OperatorActions;
  engine: SessionEngine;
  repo: KyselySessionRepository;
  outbox: Outbox;
  outboxWorker: OutboxWorker;
  embeddedVipps?: EmbeddedVipps;
  demo?: RunningDemo;
  // Runs the periodic sweep now (tests).
  reconcileNow(): Promise<void>;
  stop(): Promise<void>;
}

// The composition root: builds every adapter from the Config and wires them
// together in the open. Tests call it with port 0.
export async function startLadepay(config: Config, options: StartOptions = {}): Promise<RunningLadepay> {
  const logger = options.logger ?? createLadepayLogger(config.logLevel);
  const now = options.now ?? (() => new Date());
  const database = openDatabase(databaseTarget(config.databaseUrl, config.sqlitePath));
  try {
    await migrateToLatest(database.db, database.dialect);
  } catch (e) {
    await database.close();
    throw e;
  }
  const { db, dialect } = database;
  const stations = new StationStore(db);
  const settings = new SettingsStore(db);
  let secrets: SealedSettings;
  try {
    secrets = await openSecrets(config, settings, logger, now);
  } catch (e) {
    await database.close();
    throw e;
  }
  const outbox = new Outbox(db, dialect);
  // A damaged session row is left out of lists, loudly, until it is repaired.
  const unreadable = (e: StoredSessionError) => logger.error({ sessionId: e.sessionId, path: e.path }, 'stored session cannot be read: left out until repaired');
  const repo = new KyselySessionRepository(db, dialect, outbox, unreadable);
  const directory = new KyselyChargePointDirectory(db, settings);
  const ocppLog = new OcppLogStore(db, { onError: (err) => logger.warn({ err }, 'ocpp log write failed') });
  const paymentEvents = new PaymentEventStore(db);
  const webhookStore = settingsWebhookSecretStore(secrets);
  const metrics = createLadepayMetrics();
  const security = createSecurityMetrics(metrics.registry);

  // Vipps: the configured keys, or in the demo the simulator in this process.
  const embeddedVipps = config.vipps ? undefined : await startEmbeddedVipps(logger);
  const vippsSettings = config.vipps ?? embeddedVipps!.settings;
  const vipps = createVippsClient(
    createVippsConfig({ ...vippsSettings, systemVersion: LADEPAY_VERSION, retry: options.vippsRetry }),
    { logger: logger.child({ component: 'vipps' }), metrics: metrics.vipps },
  );
  const gateway = vippsPaymentGateway(vipps);

  const port = config.port === 0 ? await freePort(config.host) : config.port;
  const urls = { public: config.publicUrl ?? `http://localhost:${port}` };
  const policy: SessionPolicy = {
    startWindowSeconds: config.sessions.startWindowSeconds,
    stationSilenceSeconds: config.sessions.stationSilenceSeconds,
    meterIntervalSeconds: config.ocpp.meterIntervalSeconds,
    billEnergyAfterUndeliveredStop: config.sessions.billEnergyAfterUndeliveredStop,
  };
  const notifier = new SessionNotifier();
  const stationListeners = new Set<(stationId: string) => void>();
  // Made after listen; the engine wakes it once it exists.
  const workerRef: { current?: OutboxWorker } = {};
  const engine = new SessionEngine({
    repo,
    policy,
    now,
    logger: logger.child({ component: 'sessions' }),
    committed: (session, commands) => {
      if (commands.length > 0) workerRef.current?.wake();
      notifier.notify(session.id);
    },
  });

  // Bound late: the OCPP server that runs the commands needs these events first.
  const strays = strayTransactions({
    repo,
    directory,
    charger: () => ocpp.commands,
    now,
    ended: (e) => {
      logger.warn({ security: 'stray_transaction', ...e }, 'station charging with no session of Ladepay’s: ended');
      metrics.countStrayTransaction(e.signal);
    },
    failed: (e, err) => logger.warn({ ...e, err }, 'ending a stray transaction failed'),
  });
  const events = chargerEventsHandler({
    strays,
    repo,
    engine,
    directory,
    stations,
    connectorChanged: (stationId) => stationListeners.forEach((l) => l(stationId)),
    foreignSessionInput: (e) => {
      logger.warn({ security: 'foreign_session_input', ...e }, "OCPP input about another station's session ignored");
      metrics.countForeignSessionInput(e.kind);
    },
  });
  // The station door: passwords, failed-upgrade lockouts (kept in the
  // database and read again every 15 s, so every process honours them).
  const stationPasswords = new KyselyStationPasswords(db);
  const stationLockouts = createStationLockouts({
    store: new KyselyLockoutStore(db),
    limiter: createStationAuthLimiter(config.stationDoor),
    logger: logger.child({ component: 'ocpp' }),
    now,
  });
  await stationLockouts.start(15_000);
  // Behind a trusted proxy, the address it names; an IPv6 client counts as its /64.
  const readClientAddress = clientAddressReader(config.http.trustedProxies);
  const ocpp: OcppServer = createOcppServer({
    stations: stationPasswords,
    limits: config.stationDoor,
    lockouts: stationLockouts,
    metrics: stationDoorMetrics(metrics.registry, () => ({ upgradesInProgress: () => ocpp.upgradesInProgress(), activeLockouts: () => stationLockouts.activeCounts() })),
    clientAddress: (req) => addressKey(readClientAddress(req)),
    now,
    log: metrics.countOcppFrames(ocppLog),
    events,
    logger: logger.child({ component: 'ocpp' }),
    callTimeoutMs: config.ocpp.callTimeoutMs,
    heartbeatIntervalSeconds: config.ocpp.heartbeatSeconds,
    meterIntervalSeconds: config.ocpp.meterIntervalSeconds,
  });

  const effects = sessionEffects({
    repo,
    engine,
    gateway,
    charger: ocpp.commands,
    directory,
    strays,
    get publicUrl() {
      return urls.public;
    },
  });
  const observe = { repo, engine, gateway };
  const driver = driverActions({
    repo,
    engine,
    directory,
    charger: ocpp.commands,
    notifier,
    observe,
    start: {
      directory,
      repo,
      engine,
      amounts: { minOre: config.sessions.minAmountOre, maxOre: config.sessions.maxAmountOre },
      cardPayments: config.sessions.cardPayments,
      createPaymentNow: effects.createPaymentNow,
    },
    config: {
      sessions: config.sessions,
      operator: config.operator,
      get publicUrl() {
        return urls.public;
      },
    },
  });

  const consoleQueries = new ConsoleQueries(db, unreadable);
  const operator = operatorActions({ repo, engine, gateway, refunds: new RefundRequestStore(db), sideEffects: consoleQueries, retryOutboxItem: (id) => outbox.retry(id, now()) });

  const health = healthCheck(
    {
      pingDatabase: async () => {
        await sql`select 1`.execute(db);
      },
      vippsToken: () => vipps.token.get(),
    },
    logger,
  );

  const app = buildApp({ logger, version: LADEPAY_VERSION, health, http: config.http, security });
  await app.register(vippsWebhookRoutes, {
    path: WEBHOOK_PATH,
    // Freshness of a signature is judged by the wall clock, as Vipps signs by it.
    getSecret: async () => {
      const url = `${urls.public}${WEBHOOK_PATH}`;
      const reg = await webhookStore.load(url);
      return reg ? { secret: reg.secret, url } : undefined;
    },
    onEvent: async (hint) => {
      await paymentEvents.record(hint, now());
      await observePayment(observe, hint.reference);
    },
  });
  app.server.on('upgrade', (req, socket, head) => ocpp.handleUpgrade(req, socket, head));

  await app.register(driverPages, {
    actions: driver,
    publicUrl: urls.public,
    operatorName: config.operator.name,
    logger,
    formKey: await stableSecret(secrets, 'driver.form-key'),
    // The Vipps landing page, or the simulator's phone page in a demo or test.
    paymentOrigins: [new URL(vippsSettings.baseUrl).origin],
    billEnergyAfterUndeliveredStop: config.sessions.billEnergyAfterUndeliveredStop,
    security,
    streamCaps: { perAddress: config.http.sseStreamsPerAddress, perSession: config.http.sseStreamsPerSession },
    // A stream must speak before the idle timeout would cut it.
    heartbeatMs: Math.min(15_000, Math.floor(config.http.idleTimeoutMs / 2)),
  });

  // The operator console, the REST API and the metrics.
  const users = new UserStore(db);
  if (config.admin && (await users.count()) === 0) {
    await users.createFirst({ email: config.admin.email, passwordHash: await hashPassword(config.admin.password) }, now());
  }
  metrics.watch({ connectedStations: () => ocpp.connectedCount(), sessionsByState: () => consoleQueries.sessionCountsByState(), outboxDepth: () => outbox.depth() });
  registerMetricsRoute(app, metrics);
  const doors = createStationDoors({ passwords: stationPasswords, lockouts: stationLockouts, station: { isOnline: ocpp.commands.isOnline, changePassword: ocpp.changePassword }, graceSeconds: config.stationDoor.passwordGraceSeconds, now });
  const admin = operatorAdmin({
    stations,
    tariffs: new TariffStore(db),
    users,
    logins: users,
    tokens: new ApiTokenStore(db),
    audit: new AuditLog(db),
    repo,
    queries: consoleQueries,
    ocppFrames: ocppLog,
    paymentEvents,
    now,
  });
  const operatorDeps = { ...admin, doors, operator, publicUrl: () => urls.public, now };
  await app.register(operatorConsole, {
    ...operatorDeps,
    logins: users,
    security,
    stickerCodes: vippsStickerCodes(vipps.qr),
    seller: config.operator,
    cookieSecret: config.console.sessionSecret ?? (await stableSecret(secrets, 'console.cookie')),
    logger: logger.child({ component: 'console' }),
  });
  await app.register(restApi, { ...operatorDeps, security, version: LADEPAY_VERSION });

  await app.listen({ port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;

  const worker = startOutboxWorker({
    outbox,
    handlers: effects.handlers,
    owner: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    now,
    logger: logger.child({ component: 'outbox' }),
    pollMs: options.outboxPollMs ?? 1000,
    leaseMs: config.workers.outboxLeaseSeconds * 1000,
  });
  workerRef.current = worker;
  // The OCPP message log keeps 30 days (OcppLogStore's retention).
  const pruneTimer = setInterval(() => void ocppLog.prune(now()).catch(() => undefined), 3_600_000);
  pruneTimer.unref();
  const reconciler = startReconciler({ repo, engine, gateway, logger }, options.reconcileEveryMs ?? config.workers.reconcileSeconds * 1000);
  const ensureWebhook = async () => {
    const r = await vipps.webhooks.ensureWebhook(`${urls.public}${WEBHOOK_PATH}`, CHARGING_PAYMENT_EVENTS, webhookStore);
    if (!r.ok) logger.warn({ failure: r.failure.kind }, 'Vipps webhook not registered; polling covers until it is');
  };
  await ensureWebhook();

  const demo = config.mode === 'demo' ? await startDemo({ config, db, url, publicUrl: urls.public, logger, now }) : undefined;

  return {
    url,
    publicUrl: urls.public,
    database,
    logger,
    ocpp,
    vipps,
    driver,
    operator,
    engine,
    repo,
    outbox,
    outboxWorker: worker,
    embeddedVipps,
    demo,
    reconcileNow: () => reconciler.runNow(),
    async stop() {
      await demo?.stop();
      clearInterval(pruneTimer);
      await reconciler.stop();
      await worker.stop();
      await ocpp.close();
      stationLockouts.stop();
      await app.close();
      await ocppLog.flush();
      await embeddedVipps?.stop();
      await database.close();
    },
  };
}
