import { createHash } from 'node:crypto';
import { failureCode, type PaymentGateway } from '../ports/payment-gateway.ts';
import type { RefundRequest, RefundRequests } from '../ports/refund-requests.ts';
import type { SessionRepository } from '../ports/session-repository.ts';
import type { SessionEngine } from '../session-engine.ts';

export interface RefundOnceDeps {
  repo: SessionRepository;
  engine: SessionEngine;
  gateway: PaymentGateway;
  refunds: RefundRequests;
  // How long a repeated request waits for the first one to finish.
  waitForPendingMs?: number;
}

export interface RefundInput {
  amountOre: number;
  reason: string;
  key: string; // the console form's nonce, or the API's Idempotency-Key
  actor: string;
}

export type RefundResult = { ok: true; repeated: boolean } | { ok: false; reason: string };

// The caller's key: printable ASCII, as HTTP headers and form fields carry it.
const REQUEST_KEY = /^[\x21-\x7e]{8,200}$/;
// A pending request untouched for this long lost its caller (a crash between
// Vipps and our record): a repeat of it may send it again, with the same key.
const STALE_MS = 120_000;
const POLL_MS = 50;

// Vipps' Idempotency-Key for one refund request: the same request always
// sends the same key, so Vipps itself refunds it once (max 50 characters).
export function vippsRefundKey(sessionId: string, requestKey: string): string {
  return `refund-${sessionId}-${createHash('sha256').update(requestKey).digest('base64url').slice(0, 20)}`;
}

/**
 * Refunds part or all of what was captured, once per request. The request is
 * recorded (unique per session and key) before Vipps is called, so the same
 * request sent twice, or three times at once, refunds once: the repeats wait
 * for the first and answer `repeated`. Different requests each refund, within
 * what was captured.
 */
export async function refundOnce(d: RefundOnceDeps, sessionId: string, r: RefundInput): Promise<RefundResult> {
  const reason = r.reason.trim();
  if (!Number.isSafeInteger(r.amountOre) || r.amountOre <= 0) return { ok: false, reason: 'invalid_amount' };
  if (reason.length < 3) return { ok: false, reason: 'reason_required' };
  if (!REQUEST_KEY.test(r.key)) return { ok: false, reason: 'key_required' };
  const stored = await d.repo.byId(sessionId);
  if (!stored) return { ok: false, reason: 'not_found' };
  const s = stored.session;
  const known = await d.refunds.find(sessionId, r.key);
  if (known) return repeat(d, known, r);
  const left = s.capturedOre - s.refundedOre - (await d.refunds.pendingOre(sessionId, r.key));
  if (r.amountOre > left) return { ok: false, reason: 'more_than_captured' };
  const claim = await d.refunds.claim({ sessionId, key: r.key, amountOre: r.amountOre, reason, actor: r.actor, createdAt: d.engine.now().toISOString() });
  if (!claim.created) return repeat(d, claim.existing, r);
  return send(d, sessionId, { ...r, reason });
}

async function repeat(d: RefundOnceDeps, first: RefundRequest, r: RefundInput): Promise<RefundResult> {
  if (first.amountOre !== r.amountOre) return { ok: false, reason: 'key_reused' };
  let current = first;
  const deadline = Date.now() + (d.waitForPendingMs ?? 15_000);
  while (current.state === 'pending' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    current = (await d.refunds.find(current.sessionId, current.key)) ?? current;
  }
  if (current.state === 'done') return { ok: true, repeated: true };
  const now = d.engine.now();
  const staleBefore = new Date(now.getTime() - STALE_MS).toISOString();
  // Failed, or lost by its caller: send it again. The Vipps key is the same,
  // so a refund Vipps already made is answered, not made again.
  if (await d.refunds.retake(current.sessionId, current.key, now.toISOString(), staleBefore)) {
    return send(d, current.sessionId, { ...r, reason: current.reason });
  }
  return { ok: false, reason: current.state === 'pending' ? 'refund_in_progress' : (current.failure ?? 'refund_failed') };
}

async function send(d: RefundOnceDeps, sessionId: string, r: RefundInput): Promise<RefundResult> {
  const stored = await d.repo.byId(sessionId);
  if (!stored) return { ok: false, reason: 'not_found' };
  const s = stored.session;
  const finish = (outcome: Parameters<RefundRequests['finish']>[2]) => d.refunds.finish(sessionId, r.key, outcome, d.engine.now().toISOString());
  let answer: Awaited<ReturnType<PaymentGateway['refund']>>;
  try {
    answer = await d.gateway.refund(s.reference, r.amountOre, vippsRefundKey(s.id, r.key));
  } catch (e) {
    await finish({ state: 'failed', failure: 'unavailable' });
    throw e;
  }
  if (!answer.ok) {
    const code = failureCode(answer.failure);
    await finish({ state: 'failed', failure: code });
    return { ok: false, reason: code };
  }
  // The session first, then the request: a repeat waiting for the request to
  // be done then reads the session with this refund in it. A crash in between
  // leaves the request pending; its repeat sends the same Vipps key again.
  await d.engine.apply(sessionId, { type: 'refund_answered', ok: true, refundedOre: answer.value.refundedOre, reason: r.reason }, 'operator');
  await finish({ state: 'done', refundedOre: answer.value.refundedOre });
  return { ok: true, repeated: false };
}
