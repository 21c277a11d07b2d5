import type { SessionQueries } from '../ports/operator-session-queries.ts';
import type { PaymentGateway } from '../ports/payment-gateway.ts';
import type { RefundRequests } from '../ports/refund-requests.ts';
import type { SessionRepository } from '../ports/session-repository.ts';
import type { SessionEngine } from '../session-engine.ts';
import { refundOnce, type RefundInput, type RefundResult } from './refund-once.ts';

export interface OperatorActionsDeps {
  repo: SessionRepository;
  engine: SessionEngine;
  gateway: PaymentGateway;
  refunds: RefundRequests;
  // Dead side effects (a capture Vipps refused, a receipt that never went):
  // an operator's "try again" gives them a fresh set of attempts.
  sideEffects: Pick<SessionQueries, 'outboxForSession'>;
  retryOutboxItem: (outboxId: number) => Promise<boolean>;
}

export type OperatorResult = { ok: true } | { ok: false; reason: string };

export type ReviewDecision = { action: 'capture'; amountOre: number; reason: string } | { action: 'release'; reason: string };

// What the charging operator can do to a session from the console or the API.
// Each is idempotent: a double click does nothing more.
export function operatorActions(d: OperatorActionsDeps) {
  return {
    // A charging session is stopped at its station; one still awaiting the
    // driver's approval has its payment cancelled at Vipps instead.
    async stop(sessionId: string): Promise<{ ok: true; paymentCancelled: boolean } | { ok: false; reason: string }> {
      const r = await d.engine.apply(sessionId, { type: 'stop_requested', source: 'operator' }, 'operator');
      if (!r.changed) return { ok: false, reason: r.reason };
      return { ok: true, paymentCancelled: r.session.failure === 'cancelled_by_operator' };
    },

    // Ends a session whose station went quiet, on its last meter value.
    async settleNow(sessionId: string): Promise<OperatorResult> {
      const r = await d.engine.apply(sessionId, { type: 'settle_now' }, 'operator');
      return r.changed ? { ok: true } : { ok: false, reason: r.reason };
    },

    // Only a side effect of this very session, and only a dead one.
    async retrySideEffect(sessionId: string, outboxId: number): Promise<{ ok: true; kind: string } | { ok: false; reason: 'not_dead' }> {
      const item = (await d.sideEffects.outboxForSession(sessionId)).find((o) => o.id === outboxId);
      if (!item || item.state !== 'dead' || !(await d.retryOutboxItem(outboxId))) return { ok: false, reason: 'not_dead' };
      return { ok: true, kind: item.kind };
    },

    // Refunds part or all of what was captured, once per request (key).
    refund(sessionId: string, request: RefundInput): Promise<RefundResult> {
      return refundOnce(d, sessionId, request);
    },

    // The decision on a session that could not be priced (needs_review):
    // capture an amount up to what was authorized, or release it all.
    async resolveReview(sessionId: string, decision: ReviewDecision): Promise<OperatorResult> {
      const r = await d.engine.apply(sessionId, { type: 'review_resolved', ...decision }, 'operator');
      return r.changed ? { ok: true } : { ok: false, reason: r.reason };
    },
  };
}

export type OperatorActions = ReturnType<typeof operatorActions>;
