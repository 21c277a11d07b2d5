import type { VippsCallObservation, VippsMetrics } from './vipps-observability.ts';

const MINUTE = 60_000;
// The longest window the vipps_errors rule may look back (its bound, alert-thresholds.ts).
const KEPT_MINUTES = 1440;

// Vipps API attempts of this process, counted per minute, for the alert rule
// on the failure rate. A failure is what the metrics count as one: no answer,
// 429 or 5xx.
export function vippsCallWindow(now: () => Date): VippsMetrics & { counts(since: Date): { calls: number; failures: number } } {
  const minutes = new Map<number, { calls: number; failures: number }>();
  return {
    observe(call: VippsCallObservation) {
      const minute = Math.floor(now().getTime() / MINUTE);
      const bucket = minutes.get(minute) ?? { calls: 0, failures: 0 };
      bucket.calls += 1;
      if (call.status === 'network' || call.status === 429 || call.status >= 500) bucket.failures += 1;
      minutes.set(minute, bucket);
      for (const m of minutes.keys()) if (m < minute - KEPT_MINUTES) minutes.delete(m);
    },
    counts(since) {
      const from = Math.floor(since.getTime() / MINUTE);
      let calls = 0;
      let failures = 0;
      for (const [m, b] of minutes) {
        if (m < from) continue;
        calls += b.calls;
        failures += b.failures;
      }
      return { calls, failures };
    },
  };
}
