import type { SessionPhase, SessionView } from '../../../usecases/ports/driver-views.ts';

// Phases whose page the server renders in full (final price, receipt, why it
// failed, or that the amount is being checked); driver.js reloads the page
// when the session enters one of them, or moves on from one.
export const ENDED_PHASES: readonly SessionPhase[] = ['needs_review', 'idle_fee', 'finished', 'payment_failed', 'start_failed'];

export function isEnded(phase: SessionPhase): boolean {
  return ENDED_PHASES.includes(phase);
}

// Something on the page can still change: keep refreshing (no-JS) and streaming.
export function isLive(view: SessionView): boolean {
  return !isEnded(view.phase) || view.phase === 'needs_review' || view.phase === 'idle_fee' || view.receipt === 'pending';
}

export function showsMeter(view: SessionView): boolean {
  return view.phase === 'charging' || view.phase === 'stopping' || view.chargingStartedAt !== undefined || view.energyWh > 0;
}
