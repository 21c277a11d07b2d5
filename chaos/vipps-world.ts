import { startVippsSimulator, type FaultSettings, type VippsSimulator } from '../simulators/vipps/index.ts';
import { FAULTS, type FaultKind } from './fault-catalogue.ts';
import type { WorldClock } from './world-clock.ts';
import type { WorldSettings } from './world-settings.ts';

// The Vipps simulator on the world's clock, with the Vipps faults of the run
// drawn by its own seeded PRNG (so the run's seed fixes them too).
export function vippsFaults(enabled: ReadonlySet<FaultKind>): Partial<FaultSettings> {
  const share = (kind: FaultKind) => (enabled.has(kind) ? FAULTS[kind].rate : 0);
  const latency = enabled.has('vipps-latency') ? 15 : 0;
  return {
    serverError: {
      epayment: { share: share('vipps-5xx'), status: 500 },
      accessToken: { share: share('vipps-5xx'), status: 503 },
      orderManagement: { share: share('vipps-5xx'), status: 500 },
    },
    answerLost: {
      epayment: { share: share('vipps-lost-answer'), mode: 'reset' },
      orderManagement: { share: share('vipps-lost-answer'), mode: 'error' },
    },
    hang: { epayment: { share: share('vipps-hang') } },
    latencyMs: { epayment: latency, accessToken: latency, orderManagement: latency },
    webhookDrop: { share: share('webhook-drop') },
    webhookDuplicate: { share: share('webhook-duplicate') },
    webhookDelay: { share: share('webhook-delay'), ms: 1_500 },
    webhookReorder: { share: share('webhook-reorder') },
  };
}

export function startVippsWorld(clock: WorldClock, settings: WorldSettings, enabled: ReadonlySet<FaultKind>, seed: number): Promise<VippsSimulator> {
  return startVippsSimulator({
    clock: { now: clock.now },
    // Vipps signs webhooks by the wall clock, and Ladepay judges their
    // freshness by it (not by the world's faster clock).
    webhookDateClock: { now: () => new Date() },
    approvalWindowMs: settings.approvalWindowS * 1000,
    sweepIntervalMs: 500,
    // Real milliseconds: Ladepay may be down for a restart when a webhook comes.
    webhookRetry: { backoffMs: [200, 1_000, 2_000, 5_000, 10_000], maxAttempts: 12, timeoutMs: 5_000 },
    faults: vippsFaults(enabled),
    seed,
  });
}
