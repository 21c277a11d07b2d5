import { startPeriodicJob, type PeriodicJob } from './periodic-job.ts';
import { LIVE_STATES, UNPLUG_AWAITED_STATES } from '../core/vocabulary/session-states.ts';
import { observePayment, type ObservePaymentDeps } from './observe-payment.ts';

export interface ReconcileDeps extends ObservePaymentDeps {
  // Errors are logged as they are under `err`, so the logger keeps their stack.
  logger: { warn(obj: object, msg?: string): void };
}

// The periodic sweep that makes lost messages harmless: sessions waiting for a
// payment answer are polled (a webhook may never come), and every live session
// gets a tick so deadlines (start window, silent station, the end of an idle
// wait whose unplug was never reported) take effect even if nothing else happens.
export async function reconcileOnce(d: ReconcileDeps, batch = 200): Promise<void> {
  // Deadlines first (database only, no call out): a start window or a fault's
  // grace takes effect even when the payment polls below are slow. Sessions
  // waiting for the car to leave have a sweep of their own, so they never
  // crowd the live ones out of a batch.
  for (const states of [LIVE_STATES, UNPLUG_AWAITED_STATES]) {
    for (const { session } of await d.repo.inStates(states, batch)) {
      try {
        await d.engine.apply(session.id, { type: 'tick' }, 'system');
      } catch (e) {
        d.logger.warn({ sessionId: session.id, err: e }, 'session tick failed');
      }
    }
  }
  const now = d.engine.now().getTime();
  for (const { session } of await d.repo.inStates(['awaiting_payment'], batch)) {
    // Vipps: start polling ~5 s after create.
    if (now - Date.parse(session.createdAt) < 5000) continue;
    try {
      await observePayment(d, session.reference);
      // Polled first, so an approval already made starts the charge before
      // the tick ends a hold that has run out.
      await d.engine.apply(session.id, { type: 'tick' }, 'system');
    } catch (e) {
      d.logger.warn({ sessionId: session.id, err: e }, 'payment poll failed');
    }
  }
}

export function startReconciler(d: ReconcileDeps, everyMs: number, gate?: () => Promise<boolean>): PeriodicJob {
  return startPeriodicJob({ everyMs, gate, run: () => reconcileOnce(d), failed: (e) => d.logger.warn({ err: e }, 'reconcile failed') });
}
