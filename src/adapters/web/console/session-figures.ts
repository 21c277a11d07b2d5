import { roundHalfUp } from '../../../core/money.ts';
import { priceSession } from '../../../core/pricing.ts';
import { usageAt } from '../../../core/session/settlement.ts';
import { energyUsedWh, type Session } from '../../../core/session/session.ts';
import { html, type Html } from './html.ts';

// The cost so far: the final price once priced, else the same pricing as the
// final bill applied to the usage until now, capped at the maximum like the capture.
export function costSoFar(s: Session, now: Date): number {
  if (s.priced) return s.captureOre ?? s.priced.totalOre;
  if (!s.chargingStartedAt) return 0;
  const priced = priceSession(s.tariff, usageAt(s, (s.endedAt ? new Date(s.endedAt) : now).toISOString()));
  return priced.ok ? Math.min(priced.value.totalOre, s.maxAmountOre) : 0;
}

// W → "11,0" kW, rounded half up to 100 W.
export function powerKw(w: number): string {
  const tenths = roundHalfUp(Math.max(0, Math.round(w)), 100);
  return `${Math.floor(tenths / 10)},${tenths % 10}`;
}

export function energyWh(s: Session): number {
  return energyUsedWh(s);
}

const TONE: Record<Session['state'], 'ok' | 'warn' | 'bad' | 'off'> = {
  awaiting_payment: 'warn',
  starting: 'warn',
  charging: 'ok',
  stopping: 'warn',
  settling: 'warn',
  settled: 'off',
  payment_failed: 'bad',
  start_failed: 'bad',
};

export function stateBadge(state: Session['state']): Html {
  return html`<span class="badge ${TONE[state] ?? 'off'}">${state.replace(/_/g, ' ')}</span>`;
}

export const SESSION_STATES: readonly Session['state'][] = [
  'awaiting_payment',
  'starting',
  'charging',
  'stopping',
  'settling',
  'settled',
  'payment_failed',
  'start_failed',
];
