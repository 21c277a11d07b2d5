import { operatorBill } from '../bill.ts';
import { STANDARD_VAT_RATE_BASIS_POINTS } from '../vat.ts';
import type { Session } from './session.ts';
import type { SessionCommand, SessionEvent, SessionInput } from './session-input.ts';

type ReviewResolved = Extract<SessionInput, { type: 'review_resolved' }>;

export type ReviewOutcome =
  | { ok: true; patch: Partial<Session>; commands: SessionCommand[]; events: SessionEvent[] }
  | { ok: false; reason: string };

/**
 * An operator's decision on a session that could not be priced: capture an
 * amount up to what was authorized, with a reason, or release it all. Either
 * way the session goes on to settling with a bill of its own (one line set by
 * the operator, or none), so captured, released and the receipt follow the
 * usual path.
 */
export function resolveReview(s: Session, input: ReviewResolved, at: string): ReviewOutcome {
  if (s.state !== 'needs_review' || !s.review) return { ok: false, reason: `nothing to review in ${s.state}` };
  const reason = input.reason.trim();
  if (reason.length < 3) return { ok: false, reason: 'reason_required' };
  const amountOre = input.action === 'capture' ? input.amountOre : 0;
  if (input.action === 'capture') {
    if (!Number.isSafeInteger(amountOre) || amountOre <= 0) return { ok: false, reason: 'invalid_amount' };
    if (amountOre > s.authorizedOre) return { ok: false, reason: 'more_than_authorized' };
  }
  const bill = operatorBill(amountOre, vatRateOf(s));
  const decision = { action: input.action, amountOre, reason, at };
  return {
    ok: true,
    patch: { state: 'settling', priced: bill, review: { ...s.review, decision } },
    commands: amountOre > 0 ? [{ type: 'capture', amountOre }] : [{ type: 'cancel' }],
    events: [{ type: 'review_resolved', data: { ...decision } }],
  };
}

// The tariff's rate when it is a sane one; the pricing that failed may have
// failed on the tariff itself.
function vatRateOf(s: Session): number {
  const rate: unknown = s.tariff?.vatRateBasisPoints;
  return typeof rate === 'number' && Number.isSafeInteger(rate) && rate >= 0 && rate <= 10_000 ? rate : STANDARD_VAT_RATE_BASIS_POINTS;
}
