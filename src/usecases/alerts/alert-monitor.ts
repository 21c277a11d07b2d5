import { startPeriodicJob, type PeriodicJob } from '../periodic-job.ts';
import type { Alert } from '../../core/alerts/alert.ts';
import type { AlertThresholds } from '../../core/alerts/alert-thresholds.ts';
import { evaluateAlerts } from '../../core/alerts/evaluate-alerts.ts';
import type { AlertBook, AlertChannel, AlertFactSource, AlertSettings, VippsCallCounts } from '../ports/alerts.ts';
import { thresholdsInForce } from './alert-thresholds-source.ts';

export interface AlertMonitorDeps {
  book: AlertBook;
  facts: AlertFactSource;
  vippsCalls: VippsCallCounts;
  settings: AlertSettings;
  defaults: AlertThresholds;
  channels: readonly AlertChannel[];
  now(): Date;
  // Something opened or resolved: deliveries were queued.
  changed(change: { opened: Alert[]; resolved: Alert[] }): void;
  logger: { warn(obj: object, msg?: string): void };
}

// One evaluation: read the facts, let the rules decide, keep what changed.
// Several processes may run it side by side; the book opens a key once.
export async function evaluateAlertsOnce(d: AlertMonitorDeps): Promise<{ opened: Alert[]; resolved: Alert[] }> {
  const now = d.now();
  const thresholds = await thresholdsInForce(d.settings, d.defaults);
  const stored = await d.facts.read(now, thresholds);
  const vippsCalls = d.vippsCalls(new Date(now.getTime() - thresholds.vippsWindowMinutes * 60_000));
  const changes = evaluateAlerts({ ...stored, vippsCalls }, await d.book.open(), thresholds, now);
  if (changes.open.length === 0 && changes.resolve.length === 0) return { opened: [], resolved: [] };
  const applied = await d.book.apply(changes, d.channels, now);
  if (applied.opened.length > 0 || applied.resolved.length > 0) d.changed(applied);
  return applied;
}

// The periodic job: one evaluation at a time, every `everyMs`, on the node
// that holds the job (gate).
export function startAlertMonitor(d: AlertMonitorDeps, everyMs: number, gate?: () => Promise<boolean>): PeriodicJob {
  return startPeriodicJob({ everyMs, gate, run: () => evaluateAlertsOnce(d), failed: (e) => d.logger.warn({ err: e }, 'alert evaluation failed') });
}
