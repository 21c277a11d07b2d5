import type { AlertThresholds } from '../../core/alerts/alert-thresholds.ts';
import type { AlertSettings } from '../../usecases/ports/alerts.ts';
import type { SettingsStore } from './settings-store.ts';

const KEY = 'alerts.thresholds';

// The thresholds an owner saved, as JSON in the settings.
export function alertSettingsStore(settings: SettingsStore): AlertSettings {
  return {
    async load() {
      const raw = await settings.get(KEY);
      if (raw === undefined) return undefined;
      try {
        const value = JSON.parse(raw) as unknown;
        return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
      } catch {
        return undefined;
      }
    },
    save: (t: AlertThresholds, now: Date) => settings.set(KEY, JSON.stringify(t), now),
  };
}
