import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { FORWARDED_KIND } from '../adapters/cluster/forwarded-commands.ts';
import { startOutboxWorker, type OutboxHandler, type OutboxWorker } from '../adapters/storage/outbox-worker.ts';
import { CHARGING_PAYMENT_EVENTS } from '../adapters/vipps/webhooks-api.ts';
import { PUSH_KIND } from '../usecases/ocpi/push-queue.ts';
import { startReconciler } from '../usecases/reconcile.ts';
import { startPeriodicJob } from '../usecases/periodic-job.ts';
import type { Alerts } from './alerts.ts';
import type { ClusterNode } from './cluster.ts';
import type { OcpiPush } from './ocpi-push.ts';
import type { buildSessions } from './sessions.ts';
import type { Storage } from './storage.ts';
import type { VippsParts } from './vipps.ts';
import { WEBHOOK_PATH } from './web.ts';

export interface Workers {
  outbox: OutboxWorker;
  // The periodic jobs run now (tests): see RunningLadepay.
  jobsNow: { reconcileNow(): Promise<void>; refreshScreensNow(): Promise<void>; planOcpiPushesNow(): Promise<void>; pruneNow(): Promise<void> };
  stop(): Promise<void>;
}

export interface WorkerWiring {
  config: Config;
  storage: Storage;
  vipps: VippsParts;
  sessions: ReturnType<typeof buildSessions>;
  alerts: Alerts;
  ocpiPush: OcpiPush;
  cluster: ClusterNode;
  // Runs, on the node holding a station, commands other nodes forwarded.
  forwarded: Record<string, OutboxHandler>;
  logger: Logger;
  now: () => Date;
  outboxPollMs?: number;
  reconcileEveryMs?: number;
}

// The finished outbox items kept a day for a look in the console, then
// deleted: an OCPI push is queued for every status change, a forwarded command
// for every operator action on another node's station, each under a key of
// its own that nothing enqueues again. A session's items are kept: their keys
// stop a replayed state change from running an effect twice.
const PRUNED_OUTBOX_KINDS = [PUSH_KIND, FORWARDED_KIND];
const OUTBOX_KEEP_MS = 86_400_000;

async function pruneOld(storage: Storage, now: Date): Promise<void> {
  await storage.ocppLog.prune(now);
  await storage.outbox.pruneFinished(PRUNED_OUTBOX_KINDS, new Date(now.getTime() - OUTBOX_KEEP_MS));
}

// What runs on its own: the outbox's side effects on every node (OCPI pushes
// among them); once per cluster, under the job's lock (docs/deploy.md): the
// reconcile sweep, the expiry of leases dead nodes left, the OCPP log's
// pruning (30 days, OcppLogStore's retention) and the outbox's (below), the alert rules, the price on
// the stations' screens when it changes by the clock (docs/price-display.md),
// the OCPI push planner (docs/ocpi.md).
export function startWorkers(w: WorkerWiring): Workers {
  const { config, storage, sessions, logger, now, cluster } = w;
  const { link } = cluster;
  const once = (job: string) => () => link.holdLock(job);
  const outbox = startOutboxWorker({
    outbox: storage.outbox,
    signal: sessions.outboxSignal,
    handlers: { ...sessions.effects.handlers, ...w.alerts.handlers, ...w.ocpiPush.handlers, ...w.forwarded },
    owner: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    node: link.nodeId,
    now,
    logger: logger.child({ component: 'outbox' }),
    pollMs: w.outboxPollMs ?? 1000,
    leaseMs: config.workers.outboxLeaseSeconds * 1000,
    completed: (item) => {
      if (item.kind in w.forwarded) link.publish('answer', item.key);
    },
  });
  // Work any node committed.
  const offOutbox = link.on('outbox', () => outbox.wake());
  // A station this node just took over may have items waiting for it.
  const offOwner = link.on('owner', (p) => p.startsWith('claim ') && p.endsWith(` ${link.nodeId}`) && outbox.wake());
  const prune = startPeriodicJob({ everyMs: 3_600_000, gate: once('ocpp-log-prune'), run: () => pruneOld(storage, now()), failed: (err) => logger.warn({ err }, 'pruning the OCPP log or the outbox failed; it runs again in an hour') });
  const screens = startPeriodicJob({ everyMs: 60_000, gate: once('price-display'), run: () => sessions.display.refreshDefaultPrices(), failed: () => undefined });
  const leases = startPeriodicJob({
    everyMs: Math.max(1000, Math.floor((config.cluster.leaseSeconds * 1000) / 3)),
    gate: once('station-leases'),
    run: async () => {
      for (const stationId of await cluster.owners.expire(now())) {
        logger.warn({ stationId }, 'station lease ran out (its node is gone): station offline until it reconnects');
        await sessions.events.stationDisconnected(stationId, now());
      }
    },
    failed: (e) => logger.warn({ err: e }, 'station lease expiry failed'),
  });
  const reconcileDeps = { repo: storage.repo, engine: sessions.engine, gateway: w.vipps.gateway, pspReferences: storage.pspReferences, logger };
  const reconciler = startReconciler(reconcileDeps, w.reconcileEveryMs ?? config.workers.reconcileSeconds * 1000, once('reconcile'));
  w.alerts.start(once('alerts'));
  w.ocpiPush.start(once('ocpi-push'));
  return {
    outbox,
    jobsNow: { reconcileNow: () => reconciler.runNow(), refreshScreensNow: () => screens.runNow(), planOcpiPushesNow: () => w.ocpiPush.planNow(), pruneNow: () => prune.runNow() },
    async stop() {
      offOutbox();
      offOwner();
      await prune.stop();
      await screens.stop();
      await leases.stop();
      await w.alerts.stop();
      await w.ocpiPush.stop();
      await reconciler.stop();
      await outbox.stop();
    },
  };
}

// Vipps sends payment events to this process's webhook; until it is
// registered, the reconcile sweep's polling covers.
// Once per cluster: the node holding the job registers (or finds the
// registration in the database); the others leave it to that node.
export async function registerWebhook(w: Pick<WorkerWiring, 'storage' | 'vipps' | 'logger' | 'cluster'>, publicUrl: string): Promise<void> {
  if (!(await w.cluster.link.holdLock('vipps-webhook'))) return;
  const store = w.storage.webhooks;
  const r = await w.vipps.client.webhooks.ensureWebhook(`${publicUrl}${WEBHOOK_PATH}`, CHARGING_PAYMENT_EVENTS, store);
  if (!r.ok) w.logger.warn({ failure: r.failure.kind }, 'Vipps webhook not registered; polling covers until it is');
}
