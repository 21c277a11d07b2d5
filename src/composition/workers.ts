import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { startOutboxWorker, type OutboxWorker } from '../adapters/storage/outbox-worker.ts';
import { CHARGING_PAYMENT_EVENTS } from '../adapters/vipps/webhooks-api.ts';
import { startReconciler } from '../usecases/reconcile.ts';
import type { Alerts } from './alerts.ts';
import type { buildSessions } from './sessions.ts';
import type { Storage } from './storage.ts';
import type { VippsParts } from './vipps.ts';
import { WEBHOOK_PATH } from './web.ts';

export interface Workers {
  outbox: OutboxWorker;
  reconcileNow(): Promise<void>;
  stop(): Promise<void>;
}

export interface WorkerWiring {
  config: Config;
  storage: Storage;
  vipps: VippsParts;
  sessions: ReturnType<typeof buildSessions>;
  alerts: Alerts;
  logger: Logger;
  now: () => Date;
  outboxPollMs?: number;
  reconcileEveryMs?: number;
}

// What runs on its own: the outbox's side effects, the reconcile sweep, the
// OCPP log's pruning (30 days, OcppLogStore's retention), the alert rules.
export function startWorkers(w: WorkerWiring): Workers {
  const { config, storage, sessions, logger, now } = w;
  const outbox = startOutboxWorker({
    outbox: storage.outbox,
    signal: sessions.outboxSignal,
    handlers: { ...sessions.effects.handlers, ...w.alerts.handlers },
    owner: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    now,
    logger: logger.child({ component: 'outbox' }),
    pollMs: w.outboxPollMs ?? 1000,
    leaseMs: config.workers.outboxLeaseSeconds * 1000,
  });
  const pruneTimer = setInterval(() => void storage.ocppLog.prune(now()).catch(() => undefined), 3_600_000);
  pruneTimer.unref();
  const reconcileDeps = { repo: storage.repo, engine: sessions.engine, gateway: w.vipps.gateway, pspReferences: storage.pspReferences, logger };
  const reconciler = startReconciler(reconcileDeps, w.reconcileEveryMs ?? config.workers.reconcileSeconds * 1000);
  w.alerts.start();
  return {
    outbox,
    reconcileNow: () => reconciler.runNow(),
    async stop() {
      clearInterval(pruneTimer);
      await w.alerts.stop();
      await reconciler.stop();
      await outbox.stop();
    },
  };
}

// Vipps sends payment events to this process's webhook; until it is
// registered, the reconcile sweep's polling covers.
export async function registerWebhook(w: Pick<WorkerWiring, 'storage' | 'vipps' | 'logger'>, publicUrl: string): Promise<void> {
  const store = w.storage.webhooks;
  const r = await w.vipps.client.webhooks.ensureWebhook(`${publicUrl}${WEBHOOK_PATH}`, CHARGING_PAYMENT_EVENTS, store);
  if (!r.ok) w.logger.warn({ failure: r.failure.kind }, 'Vipps webhook not registered; polling covers until it is');
}
