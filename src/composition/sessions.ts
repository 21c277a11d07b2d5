import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { SessionPolicy } from '../core/session/session-input.ts';
import type { ClusterLink } from '../adapters/cluster/cluster-link.ts';
import { OutboxSignal } from '../adapters/storage/outbox-worker.ts';
import { RefundRequestStore } from '../adapters/storage/refund-request-store.ts';
import type { LadepayMetrics } from '../adapters/web/metrics.ts';
import { chargerEventsHandler } from '../usecases/charger-events-handler.ts';
import { driverActions } from '../usecases/driver-actions.ts';
import { operatorActions } from '../usecases/operator/operator-actions.ts';
import type { ChargerCommands } from '../usecases/ports/charger.ts';
import type { PaymentGateway } from '../usecases/ports/payment-gateway.ts';
import { sessionEffects } from '../usecases/session-effects.ts';
import { SessionEngine } from '../usecases/session-engine.ts';
import { SessionNotifier } from '../usecases/session-notifier.ts';
import { strayTransactions } from '../usecases/stray-transactions.ts';
import { priceDisplay } from '../usecases/price-display.ts';
import { withPriceDisplay } from '../usecases/price-display-events.ts';
import { displayPayment } from '../usecases/display-payment.ts';
import { startDropIn, type StartDropInDeps } from '../usecases/start-drop-in.ts';
import type { ChargerEvents } from '../usecases/ports/charger.ts';
import type { Storage } from './storage.ts';

export interface SessionWiring {
  config: Config;
  storage: Storage;
  gateway: PaymentGateway;
  // Commands reach a station whichever node holds its socket.
  charger: ChargerCommands;
  link: ClusterLink;
  metrics: LadepayMetrics;
  logger: Logger;
  now: () => Date;
  publicUrl: string;
}

export function sessionPolicy(config: Config): SessionPolicy {
  return {
    startWindowSeconds: config.sessions.startWindowSeconds,
    stationSilenceSeconds: config.sessions.stationSilenceSeconds,
    unpaidHoldSeconds: config.sessions.unpaidHoldSeconds,
    faultStopGraceSeconds: config.sessions.faultStopGraceSeconds,
    suspendedEvseLimitMinutes: config.sessions.suspendedEvseLimitMinutes,
    meterIntervalSeconds: config.ocpp.meterIntervalSeconds,
    billEnergyAfterUndeliveredStop: config.sessions.billEnergyAfterUndeliveredStop,
  };
}

// The session logic and what moves it: decide() behind the engine, the
// stations' messages, the side effects the outbox runs, the driver's and the
// operator's actions.
export function buildSessions(w: SessionWiring) {
  const { storage, logger, metrics, now } = w;
  const { repo, directory } = storage;
  const notifier = new SessionNotifier();
  const outboxSignal = new OutboxSignal();
  const stationChanges = new Set<(stationId: string) => void>();
  const changed = fanOut(w.link, notifier, stationChanges);
  const engine = new SessionEngine({
    repo,
    policy: sessionPolicy(w.config),
    now,
    logger: logger.child({ component: 'sessions' }),
    outboxSignal,
    changed: changed.session,
  });
  const strays = strayTransactions({
    repo,
    directory,
    charger: w.charger,
    now,
    ended: (e) => {
      logger.warn({ security: 'stray_transaction', ...e }, 'station charging with no session of Ladepay’s: ended');
      metrics.countStrayTransaction(e.signal);
    },
    failed: (e, err) => logger.warn({ ...e, err }, 'ending a stray transaction failed'),
  });
  const display = buildPriceDisplay(w);
  const sessionEvents = chargerEventsHandler({
    repo,
    engine,
    directory,
    stations: storage.stations,
    strays,
    connectorChanged: (stationId) => changed.station(stationId),
    undeclaredConnector: (e) => logger.warn(e, 'station reports a connector it was not set up with: shown to the operator, never sold'),
    foreignSessionInput: (e) => {
      logger.warn({ security: 'foreign_session_input', ...e }, "OCPP input about another station's session ignored");
      metrics.countForeignSessionInput(e.kind);
    },
  });
  // The price on the station's screen follows what the station says (docs/price-display.md).
  const events = withPriceDisplay(sessionEvents, display);
  const effects = sessionEffects({
    repo,
    engine,
    gateway: w.gateway,
    charger: w.charger,
    directory,
    strays,
    receipts: storage.receiptNumbers,
    support: w.config.operator.support,
    publicUrl: w.publicUrl,
    display,
  });
  const { screenPay, driverStart } = buildScreenPayment(w, startDeps(w, engine, effects.createPaymentNow));
  const stationEvents: ChargerEvents = { ...events, paymentAsked: (stationId, connectorNo) => screenPay.asked(stationId, connectorNo) };
  return { notifier, outboxSignal, engine, events: stationEvents, effects, display, stationChanges, ...actions(w, engine, notifier, driverStart) };
}

// Paying from the charger's screen, and a 2.1 station told of a payment made on the phone (docs/display-payment.md).
function buildScreenPayment(w: SessionWiring, start: StartDropInDeps) {
  const screenPay = displayPayment({
    charger: w.charger,
    displays: w.storage.displays,
    stations: w.storage.stations,
    repo: w.storage.repo,
    start: (input) => startDropIn(start, input),
    defaultAmountOre: w.config.sessions.defaultAmountOre,
    unpaidHoldSeconds: w.config.sessions.unpaidHoldSeconds,
    publicUrl: w.publicUrl,
    now: w.now,
  });
  const driverStart: StartDropInDeps = {
    ...start,
    async createPaymentNow(sessionId) {
      const redirectUrl = await start.createPaymentNow(sessionId);
      if (redirectUrl) void screenPay.webPaymentStarted(sessionId).catch((err: unknown) => w.logger.debug({ err, sessionId }, 'NotifyWebPaymentStarted skipped'));
      return redirectUrl;
    },
  };
  return { screenPay, driverStart };
}

// How a drop-in session is started, from the driver's page or the charger's screen.
function startDeps(w: SessionWiring, engine: SessionEngine, createPaymentNow: StartDropInDeps['createPaymentNow']): StartDropInDeps {
  const { config } = w;
  return {
    directory: w.storage.directory,
    repo: w.storage.repo,
    engine,
    amounts: {
      presetsOre: config.sessions.amountPresetsOre,
      defaultOre: config.sessions.defaultAmountOre,
      minOre: config.sessions.minAmountOre,
      maxOre: config.sessions.maxAmountOre,
      usefulEnergyWh: config.sessions.usefulEnergyWh,
    },
    meterIntervalSeconds: config.ocpp.meterIntervalSeconds,
    cardPayments: config.sessions.cardPayments,
    createPaymentNow,
  };
}

// The price on the stations' screens (docs/price-display.md): quiet, at debug level.
function buildPriceDisplay(w: SessionWiring) {
  const { storage } = w;
  return priceDisplay({
    charger: w.charger,
    displays: storage.displays,
    directory: storage.directory,
    stations: storage.stations,
    repo: storage.repo,
    now: w.now,
    meterIntervalSeconds: w.config.ocpp.meterIntervalSeconds,
    publicUrl: w.publicUrl,
    failed: (err, what, stationId) => w.logger.debug({ err, stationId, screen: what }, 'price display skipped'),
  });
}

// A session's change is shown at once by this node's live pages and told to
// the other nodes', which re-read it from the database (docs/deploy.md). The
// console's live view reads the database every few seconds on any node.
function fanOut(link: ClusterLink, notifier: SessionNotifier, stationChanges: Set<(stationId: string) => void>) {
  link.on('session', (payload) => {
    const [node, id] = payload.split(' ');
    if (id && node !== link.nodeId) notifier.notify(id);
  });
  return {
    session: (sessionId: string) => {
      notifier.notify(sessionId);
      link.publish('session', `${link.nodeId} ${sessionId}`);
    },
    station: (stationId: string) => stationChanges.forEach((l) => l(stationId)),
  };
}

function actions(w: SessionWiring, engine: SessionEngine, notifier: SessionNotifier, start: StartDropInDeps) {
  const { repo, directory, outbox, queries } = w.storage;
  const { config, gateway, now } = w;
  const observe = { repo, engine, gateway, pspReferences: w.storage.pspReferences };
  const driver = driverActions({
    repo,
    engine,
    directory,
    charger: w.charger,
    notifier,
    observe,
    start,
    receipts: w.storage.receiptNumbers,
    config: { sessions: config.sessions, operator: config.operator, publicUrl: w.publicUrl },
  });
  const operator = operatorActions({
    repo,
    engine,
    gateway,
    refunds: new RefundRequestStore(w.storage.database.db),
    sideEffects: queries,
    retryOutboxItem: (id) => outbox.retry(id, now()),
  });
  return { observe, driver, operator };
}
