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

function linesTable(s: Session, now: Date): SafeHtml {
  if (s.priced) return billTable(s.priced);
  if (s.state === 'needs_review') return html`<p class="muted">Could not be priced: see Review.</p>`;
  if (s.state === 'idling' && s.energyBill) {
    // docs/pricing.md, "The idle fee after the charge".
    return html`${billTable(s.energyBill)}
<p class="muted">Energy bill, captured when the charge ended. The idle fee runs from ${formatOslo(s.idleFrom)} until the car is unplugged (at most until ${formatOslo(s.idleUntil)}); the rest of the reservation is held until then.</p>`;
  }
  return html`<p class="muted">Not priced yet: ${costLabel(s, now)} so far.</p>`;
}

// What the operator typed into the refund form, shown again with a problem.
export interface RefundTyped {
  amount: string;
  reason: string;
}

function actions(s: Session, outbox: readonly OutboxForSession[], csrf: string, typed?: RefundTyped): SafeHtml {
  const base = `/console/sessions/${s.id}`;
  const refundable = s.capturedOre - s.refundedOre;
  const dead = outbox.filter((o) => o.state === 'dead');
  // The nonce makes the refund form one request: submitted twice, it refunds once.
  const nonce = randomUUID();
  return html`<section class="card" aria-labelledby="actions"><h2 id="actions">Actions</h2><div class="actions">
${isActive(s) && html`<form method="post" action="${base}/stop">${csrfField(csrf)}<button type="submit" class="danger">${s.state === 'awaiting_payment' ? 'Cancel payment' : 'Stop charging'}</button></form>`}
${stateIn(RUNNING_STATES, s.state) &&
  html`<form method="post" action="${base}/settle">${csrfField(csrf)}<button type="submit" class="secondary">Settle now on the last meter value</button></form>`}
${dead.map(
  (o) => html`<form method="post" action="${base}/retry">${csrfField(csrf)}<input type="hidden" name="outboxId" value="${o.id}"><button type="submit" class="secondary">Retry ${o.kind.replace(/^session\./, '').replace(/_/g, ' ')}</button></form>`,
)}
</div>
${refundable > 0 &&
  // The amount is typed, never offered: a refund of everything must be meant.
  // The form asks; the next page confirms (refund-confirm-routes.ts).
  html`<h3 id="refund-title">Refund</h3><form class="stack" method="post" action="${base}/refund/confirm" aria-labelledby="refund-title">${csrfField(csrf)}<input type="hidden" name="nonce" value="${nonce}">
<label>Amount (kr) <span class="hint">at most ${formatNok(refundable)} of ${formatNok(s.capturedOre)} captured</span><input name="amount" inputmode="decimal" required autocomplete="off" value="${typed?.amount ?? ''}"></label>
<label>Reason <span class="hint">kept with the session</span><input name="reason" required minlength="3" maxlength="200" value="${typed?.reason ?? ''}"></label>
<div><button type="submit" class="danger">Refund…</button></div></form>`}
${!isActive(s) && s.state !== 'needs_review' && refundable <= 0 && dead.length === 0 && html`<p class="muted">Nothing to do.</p>`}
</section>`;
}

function timelineList(entries: readonly TimelineEntry[]): SafeHtml {
  return html`<ol class="timeline">${entries.map(
    (e) => html`<li><time datetime="${e.at}">${formatOslo(e.at)}</time><span class="src">${e.source}</span><div>${
      e.tone ? html`<span class="badge ${e.tone}">${e.title}</span>` : e.title
    }${e.detail && (e.fold ? html`<details><summary>payload</summary><pre>${e.detail}</pre></details>` : html`<pre>${e.detail}</pre>`)}</div></li>`,
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
  const file = await deps.sessions.file(sessionId, now);
  if (!file) return sendPage(deps, request, reply, { title: 'Not found', section: 'sessions', main: html`<h1>No such session</h1>` }, 404);
  const { session: s, ocpp, outbox } = file;
  const timeline = sessionTimeline(file);
  const stationName = file.station?.name ?? s.stationId;
  const main = html`<h1>Session <span class="mono">${s.reference}</span> ${stateBadge(s.state)}</h1>
<div class="grid">
<section class="card" aria-labelledby="facts"><h2 id="facts">Session</h2><dl class="facts">
<dt>Station</dt><dd><a href="/console/stations/${encodeURIComponent(s.stationId)}">${stationName}</a> · connector ${s.connectorNo}</dd>
<dt>Started</dt><dd>${formatOslo(s.createdAt)}</dd>
<dt>Charging from</dt><dd>${formatOslo(s.chargingStartedAt)}</dd>
<dt>Ended</dt><dd>${formatOslo(s.endedAt)}${s.stopSource && ` (stopped by ${s.stopSource.replace(/_/g, ' ')}${s.stationStopReason ? `: ${s.stationStopReason.replace(/_/g, ' ')}` : ''})`}</dd>
${s.fault && html`<dt>Fault</dt><dd>${s.fault.scope === 'station' ? 'whole station' : 'connector'} · ${s.fault.errorCode ?? 'no code'}${s.fault.info && ` · ${s.fault.info}`}${s.fault.vendorErrorCode && ` · vendor ${s.fault.vendorErrorCode}`} · since ${formatOslo(s.fault.at)}</dd>`}
<dt>Energy</dt><dd>${kwhDecimal(energyWh(s))} kWh${s.powerW !== undefined && isActive(s) ? ` at ${powerKw(s.powerW)} kW` : ''}</dd>
<dt>Cost</dt><dd>${costLabel(s, now)}</dd>
<dt>Maximum</dt><dd>${formatNok(s.maxAmountOre)}</dd>
<dt>Authorized</dt><dd>${formatNok(s.authorizedOre)}</dd>
<dt>Captured</dt><dd>${formatNok(s.capturedOre)}</dd>
<dt>Released</dt><dd>${formatNok(s.cancelledOre)}</dd>
<dt>Refunded</dt><dd>${formatNok(s.refundedOre)}</dd>
${s.failure && html`<dt>Failure</dt><dd>${s.failure}</dd>`}
${s.captureFailed && html`<dt>Capture failed</dt><dd>${s.captureFailed}</dd>`}
${s.flags.length > 0 && html`<dt>Flags</dt><dd>${s.flags.join(', ')}</dd>`}
<dt>Transaction</dt><dd class="mono">${s.transactionId ?? '–'} · ${s.idTag}</dd>
</dl></section>
${actions(s, outbox, deps.auth.current(request).csrfToken, o.refund)}
</div>
${reviewSection(s, deps.auth.current(request).csrfToken)}
<section class="card" aria-labelledby="lines"><h2 id="lines">Priced lines</h2>${linesTable(s, now)}</section>
${meterRejectionsSection(s)}
${receiptSection(s, deps.seller, stationName)}
<section class="card" aria-labelledby="timeline"><h2 id="timeline">Timeline</h2>
${ocpp.length >= SESSION_OCPP_FRAMES && html`<p class="muted">Only the station's last ${SESSION_OCPP_FRAMES} OCPP frames of this period are shown.</p>`}
${timelineList(timeline)}</section>`;
  return sendPage(deps, request, reply, { title: `Session ${s.reference}`, section: 'sessions', main, ...(o.problem ? { problem: o.problem } : {}) }, o.status ?? 200);
}

export function registerSessionPage(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  app.get<{ Params: { id: string } }>('/console/sessions/:id', async (request, reply) => sendSessionPage(deps, request, reply, request.params.id));
}
