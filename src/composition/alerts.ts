import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { alertWebhookSender } from '../adapters/alerts/alert-webhook-sender.ts';
import { smtpAlertMailer } from '../adapters/alerts/smtp-alert-mailer.ts';
import { AlertFactStore } from '../adapters/storage/alert-fact-store.ts';
import { alertSettingsStore } from '../adapters/storage/alert-settings-store.ts';
import { AlertStore } from '../adapters/storage/alert-store.ts';
import type { OutboxSignal } from '../adapters/storage/outbox-worker.ts';
import type { vippsCallWindow } from '../adapters/vipps/vipps-call-window.ts';
import type { LadepayMetrics } from '../adapters/web/metrics.ts';
import { alertAdmin } from '../usecases/alerts/alert-admin.ts';
import { alertDeliveries } from '../usecases/alerts/alert-deliveries.ts';
import { startAlertMonitor, type AlertMonitorDeps } from '../usecases/alerts/alert-monitor.ts';
import type { AlertChannel } from '../usecases/ports/alerts.ts';
import type { Storage } from './storage.ts';

export interface AlertWiring {
  config: Config;
  storage: Storage;
  outboxSignal: OutboxSignal;
  vippsCalls: ReturnType<typeof vippsCallWindow>;
  logger: Logger;
  now: () => Date;
  publicUrl: string;
}

// The Vipps client reports each attempt to the metrics and to the window the
// vipps_errors rule reads.
export function withVippsCallWindow(metrics: LadepayMetrics, window: ReturnType<typeof vippsCallWindow>): LadepayMetrics {
  return {
    ...metrics,
    vipps: {
      observe(call) {
        metrics.vipps.observe(call);
        window.observe(call);
      },
    },
  };
}

// Alerts: the book they are kept in, the rules' periodic evaluation, the
// deliveries to the operator's webhook and mailbox, and the console's reads.
export function buildAlerts(w: AlertWiring) {
  const { config, storage, now, logger } = w;
  const db = storage.database.db;
  const book = new AlertStore(db, storage.outbox);
  const settings = alertSettingsStore(storage.settings);
  const { webhook, mail } = config.alerts;
  const channels: AlertChannel[] = [...(webhook ? (['webhook'] as const) : []), ...(mail ? (['mail'] as const) : [])];
  const mailer = mail ? smtpAlertMailer(mail) : undefined;
  const handlers = alertDeliveries({
    book,
    webhook: webhook ? alertWebhookSender(webhook, now) : undefined,
    mailer,
    operatorName: config.operator.name,
    publicUrl: w.publicUrl,
  });
  const monitorDeps: AlertMonitorDeps = {
    book,
    facts: new AlertFactStore(db, (e) => logger.error({ sessionId: e.sessionId, path: e.path }, 'stored session cannot be read: left out until repaired')),
    vippsCalls: (since) => w.vippsCalls.counts(since),
    settings,
    defaults: config.alerts.defaults,
    channels,
    now,
    changed: (c) => {
      w.outboxSignal.fire();
      for (const a of c.opened) logger.warn({ alert: { id: a.id, rule: a.rule, subject: a.subject } }, `alert opened: ${a.summary}`);
      for (const a of c.resolved) logger.info({ alert: { id: a.id, rule: a.rule, subject: a.subject } }, `alert resolved: ${a.summary}`);
    },
    logger: logger.child({ component: 'alerts' }),
  };
  let monitor: ReturnType<typeof startAlertMonitor> | undefined;
  const admin = alertAdmin({ book, settings, defaults: config.alerts.defaults, now, thresholdsChanged: () => void monitor?.runNow() });
  return {
    book,
    admin,
    handlers,
    // Started with the other workers, once the server listens.
    start(gate?: () => Promise<boolean>) {
      monitor = startAlertMonitor(monitorDeps, config.alerts.evaluateSeconds * 1000, gate);
      return monitor;
    },
    evaluateNow: async () => monitor?.runNow(),
    async stop() {
      await monitor?.stop();
      mailer?.close();
    },
  };
}

export type Alerts = ReturnType<typeof buildAlerts>;
