import type { Alert } from '../../core/alerts/alert.ts';
import { readThresholds, type AlertThresholds, type ThresholdProblems } from '../../core/alerts/alert-thresholds.ts';
import type { AcknowledgeOutcome, AlertBook, AlertSettings } from '../ports/alerts.ts';
import { thresholdsInForce } from './alert-thresholds-source.ts';

export interface AlertAdminDeps {
  book: AlertBook;
  settings: AlertSettings;
  defaults: AlertThresholds;
  now(): Date;
  // Thresholds saved: evaluate at once rather than at the next tick.
  thresholdsChanged(): void;
}

const RESOLVED_SHOWN = 50;

// What the console and the API read and do with alerts.
export function alertAdmin(d: AlertAdminDeps) {
  return {
    async list(): Promise<{ open: Alert[]; resolved: Alert[] }> {
      return { open: await d.book.open(), resolved: await d.book.resolved(RESOLVED_SHOWN) };
    },
    open: (): Promise<Alert[]> => d.book.open(),
    async openCount(): Promise<number> {
      return Object.values(await d.book.openCountsByRule()).reduce((a, b) => a + b, 0);
    },
    get: (id: string): Promise<Alert | undefined> => d.book.byId(id),
    acknowledge: (id: string, by: string): Promise<AcknowledgeOutcome> => d.book.acknowledge(id, by, d.now()),
    thresholds: (): Promise<AlertThresholds> => thresholdsInForce(d.settings, d.defaults),
    defaults: (): AlertThresholds => d.defaults,
    async saveThresholds(input: Record<string, unknown>): Promise<{ ok: true; value: AlertThresholds } | { ok: false; problems: ThresholdProblems }> {
      const r = readThresholds(input);
      if (!r.ok) return r;
      await d.settings.save(r.value, d.now());
      d.thresholdsChanged();
      return r;
    },
  };
}

export type AlertAdmin = ReturnType<typeof alertAdmin>;
