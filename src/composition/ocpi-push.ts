import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { ClusterLink } from '../adapters/cluster/cluster-link.ts';
import { OcpiPartnerStore, sealedWith } from '../adapters/storage/ocpi-partner-store.ts';
import { OcpiPushStore } from '../adapters/storage/ocpi-push-store.ts';
import type { OutboxSignal } from '../adapters/storage/outbox-worker.ts';
import type { LadepayMetrics } from '../adapters/web/metrics.ts';
import { ocpiHttpPeer } from '../adapters/web/ocpi/ocpi-http-peer.ts';
import type { PushBook } from '../usecases/ocpi/push-book.ts';
import { pushPlanner } from '../usecases/ocpi/push-planner.ts';
import { PUSH_KIND } from '../usecases/ocpi/push-queue.ts';
import { pushBackoff, pushSender, type PushWatch } from '../usecases/ocpi/push-sender.ts';
import { statusPush } from '../usecases/ocpi/status-push.ts';
import { startPeriodicJob, type PeriodicJob } from '../usecases/periodic-job.ts';
import type { ChargerEvents } from '../usecases/ports/charger.ts';
import type { EffectHandler } from '../usecases/ports/effect-result.ts';
import { buildPublishedSites } from './feeds.ts';
import type { Storage } from './storage.ts';

export interface OcpiPushWiring {
  config: Config;
  storage: Storage;
  link: ClusterLink;
  outboxSignal: OutboxSignal;
  metrics: LadepayMetrics;
  logger: Logger;
  now: () => Date;
  publicUrl: string;
}

export interface OcpiPush {
  handlers: Record<string, EffectHandler>;
  // The operator saved an edit of what the feeds publish: the planner looks again, on whichever node runs it.
  feedsEdited(): void;
  // The stations' events, each status change pushed as it happens.
  watching(events: ChargerEvents): ChargerEvents;
  // The planner, once per cluster (gate), every OCPI_PUSH_SWEEP_SECONDS and at every edit.
  start(gate: () => Promise<boolean>): void;
  planNow(): Promise<void>;
  stop(): Promise<void>;
}

// Pushing changes to OCPI partners (docs/ocpi.md, "Pushing changes"): the
// status of each station's EVSEs as it changes, the planner for everything
// else, and the sender that runs the pushes from the outbox on any node.
export function buildOcpiPush(w: OcpiPushWiring): OcpiPush {
  const { config, storage, now } = w;
  const db = storage.database.db;
  const partners = new OcpiPartnerStore(db, sealedWith(storage.secrets));
  const store = new OcpiPushStore(db, storage.database.dialect, storage.outbox);
  // What a change queues is run at once on this node (PostgreSQL tells the others).
  const book: PushBook = {
    sent: (p, prefix) => store.sent(p, prefix),
    forget: (p) => store.forget(p),
    async change(...a) {
      await store.change(...a);
      w.outboxSignal.fire();
    },
  };
  const deps = { partners, book, view: buildPublishedSites(config, db, w.publicUrl, now), now };
  const planner = pushPlanner(deps);
  const status = statusPush(deps);
  const log = w.logger.child({ component: 'ocpi-push' });
  const feedsEdited = () => w.link.publish('feeds', '');
  const { party } = config.operator;
  const sender = pushSender({
    partners,
    book,
    peer: ocpiHttpPeer({ timeoutMs: config.ocpiPush.timeoutMs }),
    us: party,
    backoff: pushBackoff(config.ocpiPush.retryFirstMs, config.ocpiPush.retryMaxMs),
    watch: pushWatch(w.metrics, log),
    replan: feedsEdited,
    now,
  });
  const pushed = (stationId: string) => status.stationChanged(stationId).catch((err: unknown) => log.warn({ err, stationId }, 'station status not queued for OCPI partners: the planner’s sweep sends it'));
  const sweep = plannerJob(config.ocpiPush.sweepSeconds * 1000, () => planner.plan(), log);
  return {
    handlers: { [PUSH_KIND]: sender },
    feedsEdited,
    watching: (events) => ({
      ...events,
      async connectorStatus(e) {
        await events.connectorStatus(e);
        await pushed(e.stationId);
      },
      async stationConnected(e) {
        await events.stationConnected(e);
        await pushed(e.stationId);
      },
      async stationDisconnected(id, at) {
        await events.stationDisconnected(id, at);
        await pushed(id);
      },
    }),
    start(gate) {
      sweep.start(gate, w.link.on('feeds', () => sweep.wake()));
    },
    planNow: () => sweep.runNow(),
    stop: () => sweep.stop(),
  };
}

// Failures once per streak in the log (start and end), every attempt in the metrics.
function pushWatch(metrics: LadepayMetrics, log: Logger): PushWatch {
  return {
    accepted: (module, seconds) => metrics.ocpiPushAccepted(module, seconds),
    failed: (module) => metrics.countOcpiPushFailure(module),
    failing: (e) => log.warn(e, 'OCPI pushes to a partner fail: retried with backoff until it takes them'),
    recovered: (e) => log.info(e, 'OCPI pushes to a partner go through again'),
  };
}

// The planner as a periodic job; a wake while it runs makes one more run after it, however many wakes came.
function plannerJob(everyMs: number, run: () => Promise<void>, log: Logger) {
  let job: PeriodicJob | undefined;
  let off: (() => void) | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const wake = (): void => {
    if (!job) return;
    if (running) {
      again = true;
      return;
    }
    const current = job;
    running = (async () => {
      do {
        again = false;
        await current.runNow();
      } while (again);
    })().finally(() => (running = undefined));
  };
  return {
    start(gate: () => Promise<boolean>, unlisten: () => void) {
      job = startPeriodicJob({ everyMs, gate, run, failed: (err) => log.warn({ err }, 'OCPI push planner failed; it runs again at the next change or sweep') });
      off = unlisten;
      wake();
    },
    wake,
    runNow: async () => job?.runNow(),
    async stop() {
      off?.();
      await running;
      await job?.stop();
    },
  };
}
