import type { Decision } from './decision.ts';
import type { Session } from './session.ts';

// The station's screen shows the final cost once the bill is made
// (docs/price-display.md): when a decision gives a session of a station that
// showed prices its bill, whichever way (the station's stop, a settlement
// without it, the idle fee's end, an operator's review), and it has a
// transaction to show it for. A side effect beside the capture, never before it.
export function withFinalCost(before: Session, d: Decision): Decision {
  if (!d.changed || before.priced || !d.session.priced || !d.session.priceOnScreen || !d.session.transactionId) return d;
  if (d.commands.some((c) => c.type === 'show_final_cost')) return d;
  return { ...d, commands: [...d.commands, { type: 'show_final_cost' }] };
}
