import type { PaymentGateway } from './ports/payment-gateway.ts';
import type { SessionRepository } from './ports/session-repository.ts';
import type { SessionEngine } from './session-engine.ts';

export interface OperatorActionsDeps {
  repo: SessionRepository;
  engine: SessionEngine;
  gateway: PaymentGateway;
  // Dead side effects (a capture Vipps refused, a receipt that never went):
  // an operator's "try again" gives them a fresh set of attempts.
  retrySideEffect: (outboxId: number) => Promise<boolean>;
}

export type OperatorResult = { ok: true } | { ok: false; reason: string };

// What the charging operator can do to a session from the console or the API.
// Each is idempotent: a double click does nothing more.
export function operatorActions(d: OperatorActionsDeps) {
  return {
    async stop(sessionId: string): Promise<OperatorResult> {
      const r = await d.engine.apply(sessionId, { type: 'stop_requested', source: 'operator' }, 'operator');
      return r.changed ? { ok: true } : { ok: false, reason: r.reason };
    },

    // Ends a session whose station went quiet, on its last meter value.
    async settleNow(sessionId: string): Promise<OperatorResult> {
      const r = await d.engine.apply(sessionId, { type: 'settle_now' }, 'operator');
      return r.changed ? { ok: true } : { ok: false, reason: r.reason };
    },

    retrySideEffect: d.retrySideEffect,

    // Refunds part or all of what was captured. The idempotency key is derived
    // from what was refunded before, so the same click twice refunds once.
    async refund(sessionId: string, amountOre: number, reason: string): Promise<OperatorResult> {
      const stored = await d.repo.byId(sessionId);
      if (!stored) return { ok: false, reason: 'not_found' };
      const s = stored.session;
      if (!Number.isInteger(amountOre) || amountOre <= 0) return { ok: false, reason: 'invalid_amount' };
      if (amountOre > s.capturedOre - s.refundedOre) return { ok: false, reason: 'more_than_captured' };
      if (reason.trim().length < 3) return { ok: false, reason: 'reason_required' };
      const r = await d.gateway.refund(s.reference, amountOre, `refund-${s.id}-${s.refundedOre}`);
      if (!r.ok) return { ok: false, reason: r.failure.code };
      await d.engine.apply(sessionId, { type: 'refund_answered', ok: true, refundedOre: r.value.refundedOre, reason: reason.trim() }, 'operator');
      return { ok: true };
    },
  };
}

export type OperatorActions = ReturnType<typeof operatorActions>;
