import { roundHalfUp } from '../../../core/money.ts';
import { priceSession } from '../../../core/pricing.ts';
import { energyUsedWh, type Session } from '../../../core/session/session.ts';
import { usageAt } from '../../../core/session/settlement.ts';
import { formatNok } from '../format-nok.ts';
import { html, type SafeHtml } from '../html.ts';
import type { SessionState } from '../../../core/vocabulary/session-states.ts';
import type { Messages } from './i18n/messages.ts';

// The cost so far: the stored bill once settled; while charging, the core's
// pricing of the usage until now, capped at the maximum like the capture;
// undefined while an operator has to decide (needs_review).
export function costSoFar(s: Session, now: Date): number | undefined {
  if (s.priced) return s.priced.totalOre;
  if (s.state === 'needs_review') return undefined;
  if (!s.chargingStartedAt) return 0;
  const priced = priceSession(s.tariff, usageAt(s, (s.endedAt ? new Date(s.endedAt) : now).toISOString()));
  return priced.ok ? Math.min(priced.value.totalOre, s.maxAmountOre) : 0;
}

export function costLabel(s: Session, now: Date, t: Messages): string {
  const cost = costSoFar(s, now);
  return cost === undefined ? t.sessions.toBeDecided : formatNok(cost);
}

// W → "11,0" kW, rounded half up to 100 W.
export function powerKw(w: number): string {
  const tenths = roundHalfUp(Math.max(0, Math.round(w)), 100);
  return `${Math.floor(tenths / 10)},${tenths % 10}`;
}

export function energyWh(s: Session): number {
  return energyUsedWh(s);
}

const TONE: Record<SessionState, 'ok' | 'warn' | 'bad' | 'off'> = {
  awaiting_payment: 'warn',
  starting: 'warn',
  charging: 'ok',
  stopping: 'warn',
  needs_review: 'bad',
  idling: 'warn',
  settling: 'warn',
  settled: 'off',
  payment_failed: 'bad',
  start_failed: 'bad',
};

// The state's label in the page's language; its code stays in data-state.
export function stateBadge(state: SessionState, t: Messages): SafeHtml {
  return html`<span class="badge ${TONE[state] ?? 'off'}" data-state="${state}">${t.states[state] ?? state.replace(/_/g, ' ')}</span>`;
}
