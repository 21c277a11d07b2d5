import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isActive, type Session } from '../../../core/session/session.ts';
import type { OutboxForSession } from '../../storage/console-queries.ts';
import { sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { html, type Html } from './html.ts';
import { formatKroner, kronerDecimal, kwhDecimal, percentDecimal } from './kroner.ts';
import { csrfField } from './layout.ts';
import { formatOslo } from './oslo-time.ts';
import { costSoFar, energyWh, powerKw, stateBadge } from './session-figures.ts';
import { receiptSection } from './session-receipt.ts';
import { sessionTimeline, type TimelineEntry } from './session-timeline.ts';

const OCPP_FRAMES = 500;
const LINE_NAMES = { energy: 'Energy', start_fee: 'Start fee', time: 'Charging time', idle: 'Idle fee' } as const;

function quantity(kind: keyof typeof LINE_NAMES, q: number): string {
  if (kind === 'energy') return `${kwhDecimal(q)} kWh`;
  if (kind === 'time') return `${Math.floor(q / 60)} min`;
  if (kind === 'idle') return `${q} min`;
  return '1';
}

function linesTable(s: Session): Html {
  if (!s.priced) return html`<p class="muted">Not priced yet: ${formatKroner(costSoFar(s, new Date()))} so far.</p>`;
  return html`<table><thead><tr><th scope="col">Line</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Unit price</th><th scope="col" class="num">Amount</th><th scope="col" class="num">VAT</th><th scope="col" class="num">Net</th></tr></thead><tbody>
${s.priced.lines.map(
  (l) => html`<tr><td>${LINE_NAMES[l.kind]}</td><td class="num">${quantity(l.kind, l.quantity)}</td><td class="num">${formatKroner(l.unitPriceOre)}</td>
<td class="num">${formatKroner(l.amountOre)}</td><td class="num">${formatKroner(l.vatOre)} <span class="muted">(${percentDecimal(l.vatRateBasisPoints)} %)</span></td><td class="num">${formatKroner(l.netOre)}</td></tr>`,
)}
<tr><th scope="row">Total</th><td></td><td></td><td class="num"><strong>${formatKroner(s.priced.totalOre)}</strong></td><td class="num">${formatKroner(s.priced.vatOre)}</td><td class="num">${formatKroner(s.priced.netOre)}</td></tr>
</tbody></table>`;
}

function actions(s: Session, outbox: readonly OutboxForSession[], csrf: string): Html {
  const base = `/console/sessions/${s.id}`;
  const refundable = s.capturedOre - s.refundedOre;
  const dead = outbox.filter((o) => o.state === 'dead');
  return html`<section class="card" aria-labelledby="actions"><h2 id="actions">Actions</h2><div class="actions">
${isActive(s) && html`<form method="post" action="${base}/stop">${csrfField(csrf)}<button type="submit" class="danger">Stop charging</button></form>`}
${(s.state === 'charging' || s.state === 'stopping') &&
  html`<form method="post" action="${base}/settle">${csrfField(csrf)}<button type="submit" class="secondary">Settle now on the last meter value</button></form>`}
${dead.map(
  (o) => html`<form method="post" action="${base}/retry">${csrfField(csrf)}<input type="hidden" name="outboxId" value="${o.id}"><button type="submit" class="secondary">Retry ${o.kind.replace(/^session\./, '').replace(/_/g, ' ')}</button></form>`,
)}
</div>
${refundable > 0 &&
  html`<h3 id="refund-title">Refund</h3><form class="stack" method="post" action="${base}/refund" aria-labelledby="refund-title">${csrfField(csrf)}
<label>Amount (kr) <span class="hint">at most ${formatKroner(refundable)}</span><input name="amount" inputmode="decimal" required value="${kronerDecimal(refundable)}"></label>
<label>Reason <span class="hint">kept with the session</span><input name="reason" required minlength="3" maxlength="200"></label>
<div><button type="submit" class="danger">Refund</button></div></form>`}
${!isActive(s) && refundable <= 0 && dead.length === 0 && html`<p class="muted">Nothing to do.</p>`}
</section>`;
}

function timelineList(entries: readonly TimelineEntry[]): Html {
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
  o: { status?: number; problem?: string } = {},
): Promise<FastifyReply> {
  const stored = await deps.sessions.byId(sessionId);
  if (!stored) return sendPage(deps, request, reply, { title: 'Not found', section: 'sessions', main: html`<h1>No such session</h1>` }, 404);
  const s = stored.session;
  const now = deps.now();
  const until = new Date((s.endedAt ? Date.parse(s.endedAt) : now.getTime()) + 60_000).toISOString();
  const [events, ocpp, payments, outbox, audit, station] = await Promise.all([
    deps.sessions.events(s.id),
    deps.ocppLog.forStation(s.stationId, OCPP_FRAMES, s.createdAt, until),
    deps.paymentEvents.forReference(s.reference),
    deps.queries.outboxForSession(s.id),
    deps.queries.auditOf('session', s.id),
    deps.stations.station(s.stationId),
  ]);
  const timeline = sessionTimeline({ events, ocpp, payments, outbox, audit });
  const stationName = station?.name ?? s.stationId;
  const main = html`<h1>Session <span class="mono">${s.reference}</span> ${stateBadge(s.state)}</h1>
<div class="grid">
<section class="card" aria-labelledby="facts"><h2 id="facts">Session</h2><dl class="facts">
<dt>Station</dt><dd><a href="/console/stations/${encodeURIComponent(s.stationId)}">${stationName}</a> · connector ${s.connectorNo}</dd>
<dt>Started</dt><dd>${formatOslo(s.createdAt)}</dd>
<dt>Charging from</dt><dd>${formatOslo(s.chargingStartedAt)}</dd>
<dt>Ended</dt><dd>${formatOslo(s.endedAt)}${s.stopSource && ` (stopped by ${s.stopSource.replace(/_/g, ' ')})`}</dd>
<dt>Energy</dt><dd>${kwhDecimal(energyWh(s))} kWh${s.powerW !== undefined && isActive(s) ? ` at ${powerKw(s.powerW)} kW` : ''}</dd>
<dt>Cost</dt><dd>${formatKroner(costSoFar(s, now))}</dd>
<dt>Maximum</dt><dd>${formatKroner(s.maxAmountOre)}</dd>
<dt>Authorized</dt><dd>${formatKroner(s.authorizedOre)}</dd>
<dt>Captured</dt><dd>${formatKroner(s.capturedOre)}</dd>
<dt>Released</dt><dd>${formatKroner(s.cancelledOre)}</dd>
<dt>Refunded</dt><dd>${formatKroner(s.refundedOre)}</dd>
${s.failure && html`<dt>Failure</dt><dd>${s.failure}</dd>`}
${s.captureFailed && html`<dt>Capture failed</dt><dd>${s.captureFailed}</dd>`}
${s.flags.length > 0 && html`<dt>Flags</dt><dd>${s.flags.join(', ')}</dd>`}
<dt>Transaction</dt><dd class="mono">${s.transactionId ?? '–'} · ${s.idTag}</dd>
</dl></section>
${actions(s, outbox, deps.auth.current(request).csrfToken)}
</div>
<section class="card" aria-labelledby="lines"><h2 id="lines">Priced lines</h2>${linesTable(s)}</section>
${receiptSection(s, deps.seller, stationName)}
<section class="card" aria-labelledby="timeline"><h2 id="timeline">Timeline</h2>
${ocpp.length >= OCPP_FRAMES && html`<p class="muted">Only the station's last ${OCPP_FRAMES} OCPP frames of this period are shown.</p>`}
${timelineList(timeline)}</section>`;
  return sendPage(deps, request, reply, { title: `Session ${s.reference}`, section: 'sessions', main, ...(o.problem ? { problem: o.problem } : {}) }, o.status ?? 200);
}

export function registerSessionPage(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  app.get<{ Params: { id: string } }>('/console/sessions/:id', async (request, reply) => sendSessionPage(deps, request, reply, request.params.id));
}
