import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { createStationLinks, type OcppServer } from './adapters/ocpp/ocpp-server.ts';
import type { OpenDatabase } from './adapters/storage/open-database.ts';
import type { Outbox } from './adapters/storage/outbox.ts';
import type { OutboxWorker } from './adapters/storage/outbox-worker.ts';
import type { KyselySessionRepository } from './adapters/storage/session-repository.ts';
import type { VippsClient } from './adapters/vipps/vipps-client.ts';
import type { VippsRetrySettings } from './adapters/vipps/vipps-config.ts';
import { vippsCallWindow } from './adapters/vipps/vipps-call-window.ts';
import { reservePort } from './adapters/web/free-port.ts';
import { createLadepayMetrics } from './adapters/web/metrics.ts';
import { buildAlerts, withVippsCallWindow } from './composition/alerts.ts';
import { startDemoIfAsked } from './composition/demo.ts';
import { bootstrapFirstAdmin } from './composition/first-admin.ts';
import { openStationSide } from './composition/ocpp.ts';
import { buildOcpiPush } from './composition/ocpi-push.ts';
import { buildStationOperations } from './composition/station-operations.ts';
import { buildSessions, type SessionWiring } from './composition/sessions.ts';
import { forwardedCommandHandlers, joinCluster, openNodeStorage, type ClusterNode } from './composition/cluster.ts';
import { connectVipps } from './composition/vipps.ts';
import { buildWeb } from './composition/web.ts';
import { registerWebhook, startWorkers } from './composition/workers.ts';
import type { EmbeddedVipps } from './demo/embedded-vipps.ts';
import type { RunningDemo } from './demo/start-demo.ts';
import { createLadepayLogger } from './ladepay-logger.ts';
import { prettyLogDestination } from './pretty-log.ts';
import type { DriverActions } from './usecases/ports/driver-views.ts';
import type { OperatorActions } from './usecases/operator/operator-actions.ts';
import type { StationOperations } from './usecases/operator/station-operations.ts';
import type { SessionEngine } from './usecases/session-engine.ts';

export { WEBHOOK_PATH } from './composition/web.ts';

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
  // The operator's remote station operations (reset, configuration …).
  operations: StationOperations;
  engine: SessionEngine;
  repo: KyselySessionRepository;
  outbox: Outbox;
  outboxWorker: OutboxWorker;
  embeddedVipps?: EmbeddedVipps;
  demo?: RunningDemo;
  // Runs the periodic sweep now (tests).
  reconcileNow(): Promise<void>;
  // Evaluates the alert rules now (tests).
  evaluateAlertsNow(): Promise<void>;
  // Sends the stations' screens a price that changed by the clock, now (tests).
  refreshScreensNow(): Promise<void>;
  // Compares what is published with what each OCPI partner was sent, now (tests).
  planOcpiPushesNow(): Promise<void>;
  // The hourly pruning of the OCPP log and the outbox's finished pushes and forwarded commands.
  pruneNow(): Promise<void>;
  nodeId: string;
  // SIGTERM: out of rotation, stations sent to other nodes, work finished, leases let go, then stop.
  drain(): Promise<void>;
  stop(): Promise<void>;
}

// The composition root: each part built by its named builder in
// src/composition/, wired here in the open. Tests call it with port 0.
export async function startLadepay(config: Config, options: StartOptions = {}): Promise<RunningLadepay> {
  const logger = options.logger ?? createLadepayLogger(config.logLevel, config.logFormat === 'pretty' ? prettyLogDestination(process.stdout) : undefined);
  const now = options.now ?? (() => new Date());
  const { link, storage } = await openNodeStorage(config, logger, now);
  // Joined first: a node that may not run (a second on SQLite) leaves nothing behind.
  const links = createStationLinks(logger.child({ component: 'ocpp' }));
  const cluster = await joinCluster({ config, storage, link, links, logger, now });
  const metrics = createLadepayMetrics(link.nodeId);
  const vippsCalls = vippsCallWindow(now);
  const vipps = await connectVipps(config, logger, withVippsCallWindow(metrics, vippsCalls), options.vippsRetry);
  const { port, release } = config.port === 0 ? await reservePort(config.host) : { port: config.port, release: async () => undefined };
  const publicUrl = config.publicUrl ?? `http://localhost:${port}`;
  const { sessions, ocpiPush } = sessionsAndPushes({ config, storage, gateway: vipps.gateway, charger: cluster.charger, link, metrics, logger, now, publicUrl });
  const alerts = buildAlerts({ config, storage, outboxSignal: sessions.outboxSignal, vippsCalls, logger, now, publicUrl });
  const operations = buildStationOperations({ storage, charger: cluster.charger, now });
  const stations = await openStationSide({ config, storage, links, holding: cluster.presence, events: sessions.events, reports: operations.reports, metrics, logger, now });
  const app = await buildWeb({ config, storage, vipps, sessions, stations, alerts, operations, cluster, metrics, logger, now, publicUrl, feedsEdited: ocpiPush.feedsEdited });
  await bootstrapFirstAdmin(config, storage, now);
  await app.ready().then(release);
  await app.listen({ port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  const forwarded = forwardedCommandHandlers({ ...links.commands, changePassword: stations.ocpp.changePassword }, storage);
  const workers = startWorkers({ config, storage, vipps, sessions, alerts, ocpiPush, cluster, forwarded, logger, now, outboxPollMs: options.outboxPollMs, reconcileEveryMs: options.reconcileEveryMs });
  await registerWebhook({ storage, vipps, logger, cluster }, publicUrl);
  const demo = await startDemoIfAsked(config, { storage, url, publicUrl, logger, now });
  const stop = once(async () => {
    await demo?.stop();
    await workers.stop();
    await stations.ocpp.close();
    stations.lockouts.stop();
    await cluster.stop();
    await app.close();
    await storage.ocppLog.flush();
    await vipps.embedded?.stop();
    await link.close();
    await storage.database.close();
  });
  return {
    nodeId: link.nodeId,
    url,
    publicUrl,
    database: storage.database,
    logger,
    ocpp: stations.ocpp,
    vipps: vipps.client,
    driver: sessions.driver,
    operator: sessions.operator,
    operations,
    engine: sessions.engine,
    repo: storage.repo,
    outbox: storage.outbox,
    outboxWorker: workers.outbox,
    embeddedVipps: vipps.embedded,
    demo,
    ...workers.jobsNow,
    evaluateAlertsNow: () => alerts.evaluateNow(),
    drain: () => drainNode({ cluster, ocpp: stations.ocpp, config, logger, stop }),
    stop,
  };
}

// The session logic, with every station's status change pushed to OCPI partners as it happens.
function sessionsAndPushes(w: SessionWiring) {
  const built = buildSessions(w);
  const ocpiPush = buildOcpiPush({ ...w, outboxSignal: built.outboxSignal });
  return { sessions: { ...built, events: ocpiPush.watching(built.events) }, ocpiPush };
}

function once(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= task());
}

// Out of the balancer's rotation first, then the stations go elsewhere, then
// everything stops (docs/deploy.md).
async function drainNode(d: { cluster: ClusterNode; ocpp: OcppServer; config: Config; logger: Logger; stop: () => Promise<void> }): Promise<void> {
  d.cluster.startDraining();
  d.logger.info({ nodeId: d.cluster.link.nodeId, seconds: d.config.cluster.drainSeconds }, 'draining: not ready for traffic');
  await new Promise((r) => setTimeout(r, d.config.cluster.drainSeconds * 1000));
  await d.ocpp.drain();
  await d.stop();
}
