import type { FastifyInstance } from 'fastify';
import { formatNok, parseKroner } from '../format-nok.ts';
import { html } from '../html.ts';
import { formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { kronerDecimal } from './kroner.ts';
import { csrfField } from './layout.ts';
import { actionProblem } from './session-action-routes.ts';
import { sendSessionPage } from './session-page.ts';
import { textOf } from './i18n/console-language.ts';

// A refund sends the driver's money back and cannot be undone, so the session
// page's form only asks; this page shows what will happen and the operator
// confirms it. Plain forms, so it works without JavaScript. The nonce is the
// session page's, carried through: confirming twice still refunds once.
export function registerRefundConfirmRoute(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  app.post<{ Params: { id: string } }>('/console/sessions/:id/refund/confirm', async (request, reply) => {
    const id = request.params.id;
    const stored = await deps.sessions.get(id);
    if (!stored) return sendSessionPage(deps, request, reply, id);
    const s = stored.session;
    const typed = { amount: formField(request.body, 'amount'), reason: formField(request.body, 'reason').slice(0, 200) };
    const nonce = formField(request.body, 'nonce');
    const amountOre = parseKroner(typed.amount);
    const left = s.capturedOre - s.refundedOre;
    const t = textOf(request);
    const m = t.session;
    const problem =
      amountOre === undefined || amountOre <= 0
        ? actionProblem('invalid_amount', t)
        : amountOre > left
          ? actionProblem('more_than_captured', t)
          : typed.reason.length < 3
            ? actionProblem('reason_required', t)
            : undefined;
    if (problem || amountOre === undefined) return sendSessionPage(deps, request, reply, id, { status: 400, problem, refund: typed });
    const base = `/console/sessions/${s.id}`;
    const question = m.confirmQuestion(formatNok(amountOre), formatNok(s.capturedOre));
    const main = html`<h1>${m.confirmTitle}</h1>
<section class="card stack" aria-labelledby="refund-question"><h2 id="refund-question">${question}</h2>
<dl class="facts"><dt>${t.common.session}</dt><dd class="mono">${s.reference}</dd>
${s.refundedOre > 0 && html`<dt>${m.refundedBefore}</dt><dd>${formatNok(s.refundedOre)}</dd>`}
<dt>${t.common.reason}</dt><dd>${typed.reason}</dd></dl>
<p class="muted">${m.confirmNote}</p>
<div class="actions"><form method="post" action="${base}/refund">${csrfField(deps.auth.current(request).csrfToken)}<input type="hidden" name="nonce" value="${nonce}">
<input type="hidden" name="amount" value="${kronerDecimal(amountOre)}"><input type="hidden" name="reason" value="${typed.reason}">
<button type="submit" class="danger">${m.confirmYes(formatNok(amountOre))}</button></form>
<a class="button secondary" href="${base}">${m.confirmNo}</a></div></section>`;
    return sendPage(deps, request, reply, { title: m.confirmTitle, section: 'sessions', main });
  });
}
