import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isActive, type Session } from '../../../core/session/session.ts';
import { RUNNING_STATES, stateIn } from '../../../core/vocabulary/session-states.ts';
import { SESSION_OCPP_FRAMES } from '../../../usecases/operator/session-file.ts';
import type { OutboxForSession } from '../../../usecases/ports/operator-session-queries.ts';
import { formatNok } from '../format-nok.ts';
import { html, type SafeHtml } from '../html.ts';
import { billTable } from './bill-table.ts';
import { sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { kwhDecimal } from './kroner.ts';
import { csrfField } from './layout.ts';
import { meterRejectionsSection } from './meter-rejections.ts';
import { formatOslo } from './oslo-time.ts';
import { costLabel, energyWh, powerKw, stateBadge } from './session-figures.ts';
import { receiptSection } from './session-receipt.ts';
import { reviewSection } from './session-review.ts';
import { sessionTimeline, type TimelineEntry } from './session-timeline.ts';
import { textOf } from './i18n/console-language.ts';
import type { Messages } from './i18n/messages.ts';


function linesTable(s: Session, now: Date, t: Messages): SafeHtml {
  if (s.priced) return billTable(s.priced, t);
  if (s.state === 'needs_review') return html`<p class="muted">${t.session.notPricedReview}</p>`;
  if (s.state === 'idling' && s.energyBill) {
    // docs/pricing.md, "The idle fee after the charge".
    return html`${billTable(s.energyBill, t)}
<p class="muted">${t.session.idleNote(formatOslo(s.idleFrom), formatOslo(s.idleUntil))}</p>`;
  }
  return html`<p class="muted">${t.session.notPricedYet(costLabel(s, now, t))}</p>`;
}

// What the operator typed into the refund form, shown again with a problem.
export interface RefundTyped {
  amount: string;
  reason: string;
}

function actions(s: Session, outbox: readonly OutboxForSession[], csrf: string, t: Messages, typed?: RefundTyped): SafeHtml {
  const m = t.session;
  const base = `/console/sessions/${s.id}`;
  const refundable = s.capturedOre - s.refundedOre;
  const dead = outbox.filter((o) => o.state === 'dead');
  // The nonce makes the refund form one request: submitted twice, it refunds once.
  const nonce = randomUUID();
  return html`<section class="card" aria-labelledby="actions"><h2 id="actions">${m.actions}</h2><div class="actions">
${isActive(s) && html`<form method="post" action="${base}/stop">${csrfField(csrf)}<button type="submit" class="danger">${s.state === 'awaiting_payment' ? m.cancelPayment : m.stopCharging}</button></form>`}
${stateIn(RUNNING_STATES, s.state) &&
  html`<form method="post" action="${base}/settle">${csrfField(csrf)}<button type="submit" class="secondary">${m.settleNow}</button></form>`}
${dead.map(
  (o) => html`<form method="post" action="${base}/retry">${csrfField(csrf)}<input type="hidden" name="outboxId" value="${o.id}"><button type="submit" class="secondary">${m.retry(o.kind.replace(/^session\./, '').replace(/_/g, ' '))}</button></form>`,
)}
</div>
${refundable > 0 &&
  // The amount is typed, never offered: a refund of everything must be meant.
  // The form asks; the next page confirms (refund-confirm-routes.ts).
  html`<h3 id="refund-title">${m.refund}</h3><form class="stack" method="post" action="${base}/refund/confirm" aria-labelledby="refund-title">${csrfField(csrf)}<input type="hidden" name="nonce" value="${nonce}">
<label>${m.refundAmount} <span class="hint">${m.refundAtMost(formatNok(refundable), formatNok(s.capturedOre))}</span><input name="amount" inputmode="decimal" required autocomplete="off" value="${typed?.amount ?? ''}"></label>
<label>${t.common.reason} <span class="hint">${m.keptWithSession}</span><input name="reason" required minlength="3" maxlength="200" value="${typed?.reason ?? ''}"></label>
<div><button type="submit" class="danger">${m.refundButton}</button></div></form>`}
${!isActive(s) && s.state !== 'needs_review' && refundable <= 0 && dead.length === 0 && html`<p class="muted">${m.nothingToDo}</p>`}
</section>`;
}

function timelineList(entries: readonly TimelineEntry[], t: Messages): SafeHtml {
  return html`<ol class="timeline">${entries.map(
    (e) => html`<li><time datetime="${e.at}">${formatOslo(e.at)}</time><span class="src">${e.source}</span><div>${
      e.tone ? html`<span class="badge ${e.tone}">${e.title}</span>` : e.title
    }${e.detail && (e.fold ? html`<details><summary>${t.session.payload}</summary><pre>${e.detail}</pre></details>` : html`<pre>${e.detail}</pre>`)}</div></li>`,
  )}</ol>`;
}

export async function sendSessionPage(
  deps: ConsoleRouteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  sessionId: string,
  o: { status?: number; problem?: string; refund?: RefundTyped } = {},
): Promise<FastifyReply> {
  const now = deps.now();
  const t = textOf(request);
  const m = t.session;
  const file = await deps.sessions.file(sessionId, now);
  if (!file) return sendPage(deps, request, reply, { title: t.common.notFound, section: 'sessions', main: html`<h1>${t.common.noSuchSession}</h1>` }, 404);
  const { session: s, ocpp, outbox } = file;
  const timeline = sessionTimeline(file);
  const stationName = file.station?.name ?? s.stationId;
  const main = html`<h1>${m.title('')}<span class="mono">${s.reference}</span> ${stateBadge(s.state, t)}</h1>
<div class="grid">
<section class="card" aria-labelledby="facts"><h2 id="facts">${m.facts}</h2><dl class="facts">
<dt>${t.common.station}</dt><dd><a href="/console/stations/${encodeURIComponent(s.stationId)}">${stationName}</a> · ${t.common.connector.toLowerCase()} ${s.connectorNo}</dd>
<dt>${m.started}</dt><dd>${formatOslo(s.createdAt)}</dd>
<dt>${m.chargingFrom}</dt><dd>${formatOslo(s.chargingStartedAt)}</dd>
<dt>${m.ended}</dt><dd>${formatOslo(s.endedAt)}${s.stopSource && m.stoppedBy(m.stopSources[s.stopSource] ?? s.stopSource, s.stationStopReason ? (m.stationStopReasons[s.stationStopReason] ?? s.stationStopReason) : undefined)}</dd>
${s.fault && html`<dt>${m.fault}</dt><dd>${s.fault.scope === 'station' ? m.wholeStation : m.connectorScope} · ${s.fault.errorCode ?? m.noCode}${s.fault.info && ` · ${s.fault.info}`}${s.fault.vendorErrorCode && ` · ${t.live.vendor(s.fault.vendorErrorCode)}`} · ${t.live.since(formatOslo(s.fault.at))}</dd>`}
<dt>${m.energy}</dt><dd>${kwhDecimal(energyWh(s))} kWh${s.powerW !== undefined && isActive(s) ? m.at(powerKw(s.powerW)) : ''}</dd>
<dt>${m.cost}</dt><dd>${costLabel(s, now, t)}</dd>
<dt>${m.maximum}</dt><dd>${formatNok(s.maxAmountOre)}</dd>
<dt>${m.authorized}</dt><dd>${formatNok(s.authorizedOre)}</dd>
<dt>${m.captured}</dt><dd>${formatNok(s.capturedOre)}</dd>
<dt>${m.released}</dt><dd>${formatNok(s.cancelledOre)}</dd>
<dt>${m.refunded}</dt><dd>${formatNok(s.refundedOre)}</dd>
${s.failure && html`<dt>${m.failure}</dt><dd>${s.failure}</dd>`}
${s.captureFailed && html`<dt>${m.captureFailed}</dt><dd>${s.captureFailed}</dd>`}
${s.flags.length > 0 && html`<dt>${m.flags}</dt><dd>${s.flags.join(', ')}</dd>`}
<dt>${m.transaction}</dt><dd class="mono">${s.transactionId ?? '–'} · ${s.idTag}</dd>
</dl></section>
${actions(s, outbox, deps.auth.current(request).csrfToken, t, o.refund)}
</div>
${reviewSection(s, deps.auth.current(request).csrfToken, t)}
<section class="card" aria-labelledby="lines"><h2 id="lines">${m.pricedLines}</h2>${linesTable(s, now, t)}</section>
${meterRejectionsSection(s, t)}
${receiptSection(s, deps.seller, stationName, t)}
<section class="card" aria-labelledby="timeline"><h2 id="timeline">${m.timeline}</h2>
${ocpp.length >= SESSION_OCPP_FRAMES && html`<p class="muted">${m.lastFrames(SESSION_OCPP_FRAMES)}</p>`}
${timelineList(timeline, t)}</section>`;
  return sendPage(deps, request, reply, { title: m.title(s.reference), section: 'sessions', main, ...(o.problem ? { problem: o.problem } : {}) }, o.status ?? 200);
}

export function registerSessionPage(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  app.get<{ Params: { id: string } }>('/console/sessions/:id', async (request, reply) => sendSessionPage(deps, request, reply, request.params.id));
}
