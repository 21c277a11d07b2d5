import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OperatorResult } from '../../../usecases/operator/operator-actions.ts';
import { parseKroner } from '../format-nok.ts';
import { actorOf, auditBy, formField, type ConsoleRouteDeps } from './console-route-deps.ts';
import { textOf } from './i18n/console-language.ts';
import type { Messages } from './i18n/messages.ts';
import { sendSessionPage } from './session-page.ts';

// What an operator reads when an action did nothing; the code is kept in the audit.
export function actionProblem(reason: string, t: Messages): string {
  const p = t.session.problems;
  if (reason === 'not_found') return p.notFound;
  if (reason === 'invalid_amount') return p.invalidAmount;
  if (reason === 'more_than_captured') return p.moreThanCaptured;
  if (reason === 'reason_required') return p.reasonRequired;
  if (reason === 'not_dead') return p.notDead;
  if (reason === 'more_than_authorized') return p.moreThanAuthorized;
  if (reason === 'key_required') return p.keyRequired;
  if (reason === 'key_reused') return p.keyReused;
  if (reason === 'refund_in_progress') return p.refundInProgress;
  if (reason === 'invalid_decision') return p.invalidDecision;
  if (/^nothing to review/.test(reason)) return p.nothingToReview;
  // The rest of the reason is the session's state code, shown as sent.
  if (/^already |^nothing to settle|^(stop|settle).* in /.test(reason)) return p.nothingDone(reason.replace(/^(already|nothing to settle in) /, ''));
  return p.refused(reason);
}

type Params = { Params: { id: string } };
type Outcome = OperatorResult & { detail?: Record<string, unknown>; notice?: string };

export function registerSessionActionRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const act = (action: string, notice: string, run: (id: string, body: unknown, request: FastifyRequest) => Promise<Outcome>) =>
    app.post<Params>(`/console/sessions/:id/${action}`, async (request, reply) => {
      const id = request.params.id;
      if (!(await deps.sessions.get(id))) return sendSessionPage(deps, request, reply, id);
      const r = await run(id, request.body, request);
      await deps.audit.record({
        ...auditBy(deps, request),
        action: `session.${action}`,
        subjectType: 'session',
        subjectId: id,
        outcome: r.ok ? 'ok' : r.reason,
        detail: r.detail ?? {},
      });
      if (r.ok) return reply.redirect(`/console/sessions/${id}?notice=${r.notice ?? notice}`, 303);
      return sendSessionPage(deps, request, reply, id, { status: 409, problem: actionProblem(r.reason, textOf(request)) });
    });

  act('stop', 'stopped', async (id) => {
    const r = await deps.operator.stop(id);
    if (!r.ok) return r;
    return r.paymentCancelled ? { ok: true, notice: 'payment-cancelled', detail: { paymentCancelled: true } } : { ok: true };
  });
  act('settle', 'settled', (id) => deps.operator.settleNow(id));

  act('retry', 'retried', async (id, body) => {
    const outboxId = Number(formField(body, 'outboxId'));
    const r = await deps.operator.retrySideEffect(id, outboxId);
    return r.ok ? { ok: true, detail: { outboxId, kind: r.kind } } : { ok: false, reason: r.reason, detail: { outboxId } };
  });

  // The form's nonce is the request: the same form submitted twice refunds once.
  act('refund', 'refunded', async (id, body, request) => {
    const amountOre = parseKroner(formField(body, 'amount'));
    const reason = formField(body, 'reason').slice(0, 200);
    const nonce = formField(body, 'nonce');
    if (amountOre === undefined || amountOre <= 0) return { ok: false, reason: 'invalid_amount', detail: { reason } };
    const r = await deps.operator.refund(id, { amountOre, reason, key: nonce, actor: actorOf(deps, request) });
    if (!r.ok) return { ...r, detail: { amountOre, reason } };
    return { ok: true, detail: { amountOre, reason, repeated: r.repeated }, ...(r.repeated ? { notice: 'refund-repeated' } : {}) };
  });

  act('review', 'reviewed', async (id, body) => {
    const decision = formField(body, 'decision');
    const reason = formField(body, 'reason').slice(0, 200);
    if (decision === 'release') return { ...(await deps.operator.resolveReview(id, { action: 'release', reason })), detail: { decision, reason } };
    if (decision !== 'capture') return { ok: false, reason: 'invalid_decision', detail: { decision } };
    const amountOre = parseKroner(formField(body, 'amount'));
    if (amountOre === undefined || amountOre <= 0) return { ok: false, reason: 'invalid_amount', detail: { decision, reason } };
    return { ...(await deps.operator.resolveReview(id, { action: 'capture', amountOre, reason })), detail: { decision, amountOre, reason } };
  });
}
