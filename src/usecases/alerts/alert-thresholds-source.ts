import { readThresholds, type AlertThresholds } from '../../core/alerts/alert-thresholds.ts';
import type { AlertSettings } from '../ports/alerts.ts';

// The thresholds in force: what an owner saved over the configured defaults.
// A saved value that no longer reads (a bound changed since) gives way to the
// defaults rather than stopping the alerts.
export async function thresholdsInForce(settings: AlertSettings, defaults: AlertThresholds): Promise<AlertThresholds> {
  const saved = await settings.load();
  if (!saved) return defaults;
  const r = readThresholds({ ...defaults, ...saved });
  return r.ok ? r.value : defaults;
}
