import { STOP_SOURCES } from '../../../core/vocabulary/stop-reasons.ts';
import type { SessionView } from '../../../usecases/ports/driver-views.ts';
import { formatNok, formatNokShort } from '../format-nok.ts';
import { html, jsonDataBlock, safeHref, type SafeHtml } from '../html.ts';
import { finalPrice } from './final-price.ts';
import { FAILURE_REASONS, type Messages } from './i18n/messages.ts';
import { layout } from './layout.ts';
import type { PageContext } from './page-context.ts';
import { receiptSection } from './receipt-section.ts';
import { sessionMeter } from './session-meter.ts';
import { formatElapsed, secondsBetween } from './format-time.ts';
import { isEnded, isLive } from './session-phase.ts';

export const NO_SCRIPT_REFRESH_SECONDS = 10;

function stopLabel(t: Messages, view: SessionView): string {
  return view.phase === 'charging' || view.phase === 'stopping' ? t.stopButton : t.cancelButton;
}

function stopReasonText(t: Messages, view: SessionView): string {
  if (view.endedBy?.kind === 'fault') return t.endedByFault(t.faultKind[view.endedBy.fault]);
  if (view.endedBy?.kind === 'charger_pause') return t.endedByChargerPause;
  if (view.stationEndReason) return t.stationEndReason[view.stationEndReason];
  const code = STOP_SOURCES.find((r) => r === view.stopReason);
  if (code !== 'cost_guard') return code ? t.stopReason[code] : t.stopReasonOther;
  const max = formatNokShort(view.maxAmountOre);
  const reserve = view.tariff.idlePerMinuteOre > 0 ? view.tariff.idleCapOre : 0;
  return reserve > 0 ? t.stopReasonMaximumReserve(max, formatNokShort(reserve)) : t.stopReasonMaximum(max);
}

function outcome(t: Messages, view: SessionView): SafeHtml | undefined {
  if (view.phase === 'payment_failed' || view.phase === 'start_failed') {
    const code = FAILURE_REASONS.find((r) => r === view.failureReason);
    return html`<p class="outcome">${code ? t.failureReason[code] : t.failureReasonOther}</p>
<p><a class="button primary" href="/c/${view.connectorCode}">${t.tryAgain}</a></p>`;
  }
  if (isEnded(view.phase) && view.stopReason !== undefined) {
    return html`<p class="outcome">${stopReasonText(t, view)}</p>`;
  }
  return undefined;
}

// Settled with something charged, the receipt says it all (station, place,
// maximum, reference, price): nothing after it repeats a fact. Before that,
// the final price once made, and the station card.
function afterCharge(ctx: PageContext, view: SessionView): SafeHtml {
  const { t } = ctx;
  if (view.final && view.final.capturedOre > 0 && view.issuedReceipt) return receiptSection(ctx, view, view.final, view.issuedReceipt);
  return html`${view.final && view.final.totalOre + view.final.capturedOre > 0 && finalPrice(t, view, view.final)}
<section class="card" aria-label="${t.stationLabel}">
<dl class="details">
<div><dt>${t.stationLabel}</dt><dd>${view.stationName}, ${view.siteName}</dd></div>
<div><dt>${t.amountLegend}</dt><dd>${formatNok(view.maxAmountOre)}</dd></div>
<div class="wrap"><dt>${t.referenceLabel}</dt><dd class="reference">${view.reference}</dd></div>
</dl>
</section>`;
}

// The idle fee runs until the car is unplugged: what it is so far, and that
// the rest of the reservation is released then.
function idleSection(t: Messages, view: SessionView, nowIso: string): SafeHtml | undefined {
  const idle = view.idle;
  if (view.phase !== 'idle_fee' || !idle) return undefined;
  const since = formatElapsed(secondsBetween(idle.since, nowIso), t.hourUnit);
  // When the next started minute is billed: driver.js fetches the page again then.
  const nextMs = Date.parse(idle.since) + (view.tariff.idleGraceMinutes + idle.billedMinutes) * 60_000 + 1000;
  const next = nextMs < Date.parse(idle.until) ? new Date(nextMs).toISOString() : '';
  return html`<div id="idle" class="idle">
<dl class="figures"><div><dt>${t.idleElapsedLabel}</dt><dd id="idle-elapsed" data-since="${idle.since}">${since}</dd></div></dl>
<p id="idle-fee" data-next="${next}">${t.idleRunning(idle.billedMinutes, formatNok(idle.feeOre), view.tariff.idleGraceMinutes, formatNok(view.tariff.idleCapOre))}</p>
<p id="idle-release">${t.idleRelease}</p>
</div>`;
}

// What the connector reports while the charge is on: driver.js changes it in place.
export function conditionText(t: Messages, view: SessionView): string {
  const c = view.condition;
  if (!c) return '';
  return c.kind === 'fault' ? t.condition.fault(t.faultKind[c.fault]) : t.condition[c.kind];
}

function conditionNote(t: Messages, view: SessionView): SafeHtml {
  const text = conditionText(t, view);
  const tone = view.condition?.kind === 'fault' ? 'alert' : 'notice';
  return html`<div id="condition-note" class="${tone}" role="status"${text ? '' : html` hidden`}><p id="condition-text">${text}</p></div>`;
}

// The texts driver.js needs to change the page in place, in this page's language.
function clientTexts(t: Messages): SafeHtml {
  return jsonDataBlock('texts', {
    phase: t.phase,
    stop: t.stopButton,
    cancel: t.cancelButton,
    hourUnit: t.hourUnit,
    reconnecting: t.liveReconnecting,
    costOfMax: t.costOfMax('{cost}', '{max}'),
    condition: { fault: t.condition.fault('{kind}'), fault_cleared: t.condition.fault_cleared, paused_by_charger: t.condition.paused_by_charger, car_paused: t.condition.car_paused },
    faultKind: t.faultKind,
  });
}

export function statusPage(ctx: PageContext, view: SessionView, input: { stopCheck: string; nowIso: string }): string {
  const { t } = ctx;
  const phase = t.phase[view.phase];
  const live = isLive(view);
  const main = html`<section id="live" class="live phase-${view.phase}" aria-labelledby="phase-title"
 data-token="${view.token}" data-phase="${view.phase}" data-version="${view.version}" data-ended="${isEnded(view.phase) ? '1' : '0'}" data-now="${input.nowIso}">
<h1 id="phase-title">${phase.title}</h1>
<p id="phase-hint" class="hint">${phase.hint}</p>
<p id="live-note" class="live-note" role="status"></p>
<div id="station-note" class="alert" role="alert"${view.stationNotAnswering ? '' : html` hidden`}><p>${t.stationNotAnswering}</p></div>
${conditionNote(t, view)}
${view.phase === 'awaiting_payment' && view.paymentRedirectUrl && html`<p><a id="resume" class="button vipps" href="${safeHref(view.paymentRedirectUrl)}">${t.resumeVipps}</a></p>`}
${outcome(t, view)}
${idleSection(t, view, input.nowIso)}
${sessionMeter(t, view, input.nowIso)}
<form id="stop-form" method="post" action="/s/${view.token}/stop"${view.canStop ? '' : html` hidden`}>
<input type="hidden" name="check" value="${input.stopCheck}">
<button id="stop-button" class="button stop" type="submit">${stopLabel(t, view)}</button>
</form>
</section>
${afterCharge(ctx, view)}
${live && clientTexts(t)}`;
  return layout(ctx, {
    title: phase.title,
    main,
    script: live,
    ...(live ? { noScriptRefreshSeconds: NO_SCRIPT_REFRESH_SECONDS } : {}),
  });
}
