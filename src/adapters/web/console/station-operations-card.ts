import type { AuditEntry } from '../../../usecases/ports/operator-audit.ts';
import type { Connector, Station } from '../../../usecases/ports/operator-stations.ts';
import { TRIGGER_MESSAGES } from '../../../usecases/ports/charger-operations.ts';
import type { TransferStatus } from '../../../usecases/ports/station-transfer-log.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField } from './layout.ts';
import { formatOslo } from './oslo-time.ts';
import type { Messages } from './i18n/messages.ts';

// What was asked, in a few words, from the audit entry's detail.
function askedText(e: AuditEntry): string {
  const d = e.detail;
  const parts = Object.entries(d)
    .filter(([k]) => !['answer', 'confirmed', 'requestId', 'fileName', 'keys'].includes(k))
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') || 'all' : String(v)}`);
  return parts.join(', ');
}

function optionList(connectors: readonly Connector[], withStation: boolean, m: Messages['operations']): SafeHtml {
  return html`${withStation ? html`<option value="0">${m.wholeStation}</option>` : ''}${connectors.map((c) => html`<option value="${c.connectorNo}">${m.connectorOption(c.connectorNo, c.code)}</option>`)}`;
}

// The station page's "Operations" card: a form per operation (operators and
// owners only), the last operations with the station's answers, and the
// firmware and diagnostics progress it reported.
export function operationsCard(t: Messages, o: {
  station: Station;
  connectors: readonly Connector[];
  csrf: string;
  mayAct: boolean;
  operations: readonly AuditEntry[];
  transfers: readonly TransferStatus[];
}): SafeHtml {
  const m = t.operations;
  const base = `/console/stations/${encodeURIComponent(o.station.id)}/operations`;
  const csrf = csrfField(o.csrf);
  const offline = o.station.online ? '' : html`<p class="hint">${m.offlineHint}</p>`;
  const forms = o.mayAct
    ? html`${offline}<div class="operations">
<form class="actions" method="post" action="${base}/reset" aria-label="${m.reset}">${csrf}
<label for="f-reset-kind">${m.resetType}</label> <select name="kind" id="f-reset-kind"><option value="soft">${m.soft}</option><option value="hard">${m.hard}</option></select>
<button type="submit">${m.reset}</button></form>
<form class="actions" method="post" action="${base}/unlock" aria-label="${m.unlock}">${csrf}
<label for="f-unlock-connector">${m.unlockWhich}</label> <select name="connectorNo" id="f-unlock-connector">${optionList(o.connectors, false, m)}</select>
<button type="submit" class="secondary">${m.unlockConnector}</button></form>
<form class="actions" method="post" action="${base}/availability" aria-label="${m.availability}">${csrf}
<label for="f-availability-target">${m.availabilityOf}</label> <select name="connectorNo" id="f-availability-target">${optionList(o.connectors, true, m)}</select>
<label for="f-availability">${m.make}</label> <select name="available" id="f-availability"><option value="no">${m.inoperative}</option><option value="yes">${m.operative}</option></select>
<button type="submit" class="secondary">${m.changeAvailability}</button></form>
<form class="actions" method="post" action="${base}/configuration" aria-label="${m.readConfiguration}">${csrf}
<label>${m.keys} <span class="hint">${m.keysHint}</span><input type="text" name="keys" id="f-config-keys"></label>
<button type="submit" class="secondary">${m.readConfiguration}</button></form>
<form class="actions" method="post" action="${base}/configuration/change" aria-label="${m.changeConfiguration}">${csrf}
<label>${m.key} <input type="text" name="key" id="f-config-key" required></label>
<label>${m.value} <input type="text" name="value" id="f-config-value"></label>
<button type="submit" class="secondary">${m.changeKey}</button></form>
<form class="actions" method="post" action="${base}/trigger" aria-label="${m.trigger}">${csrf}
<label for="f-trigger-message">${m.triggerWhich}</label> <select name="message" id="f-trigger-message">${TRIGGER_MESSAGES.map((msg) => html`<option value="${msg}">${msg}</option>`)}</select>
<label for="f-trigger-connector">${m.forTarget}</label> <select name="connectorNo" id="f-trigger-connector">${optionList(o.connectors, true, m)}</select>
<button type="submit" class="secondary">${m.sendTrigger}</button></form>
<form class="actions" method="post" action="${base}/firmware" aria-label="${m.firmwareUpdate}">${csrf}
<label>${m.firmwareUrl} <input type="url" name="location" id="f-firmware-location" required placeholder="https://…"></label>
<label>${m.downloadAt} <span class="hint">${m.downloadAtHint}</span><input type="datetime-local" name="retrieveAt" id="f-firmware-at"></label>
<button type="submit" class="secondary">${m.updateFirmware}</button></form>
<form class="actions" method="post" action="${base}/diagnostics" aria-label="${m.diagnosticsUpload}">${csrf}
<label>${m.diagnosticsTo} <input type="url" name="location" id="f-diagnostics-location" required placeholder="https://…"></label>
<button type="submit" class="secondary">${m.uploadDiagnostics}</button></form></div>`
    : html`<p class="muted">${m.needRole}</p>`;

  const history =
    o.operations.length === 0
      ? html`<p class="muted">${m.none}</p>`
      : html`<table id="operations-log"><caption>${m.logCaption}</caption><thead><tr><th scope="col">${m.when}</th><th scope="col">${m.operation}</th><th scope="col">${m.asked}</th><th scope="col">${m.answer}</th><th scope="col">${m.by}</th></tr></thead><tbody>
${o.operations.map(
  (e) => html`<tr><td>${formatOslo(e.at)}</td><td>${m.actions[e.action] ?? e.action}</td><td>${askedText(e)}</td><td>${e.outcome}${typeof e.detail.answer === 'string' ? ` (${e.detail.answer})` : ''}</td><td>${e.actor}</td></tr>`,
)}</tbody></table>`;
  const transfers =
    o.transfers.length === 0
      ? ''
      : html`<table id="transfer-log"><caption>${m.transferCaption}</caption><thead><tr><th scope="col">${m.when}</th><th scope="col">${m.what}</th><th scope="col">${t.common.status}</th></tr></thead><tbody>
${o.transfers.map((x) => html`<tr><td>${formatOslo(x.at)}</td><td>${x.kind}</td><td>${x.status}</td></tr>`)}</tbody></table>`;

  return html`<section class="card" aria-labelledby="operations-title"><h2 id="operations-title">${m.title}</h2>
${forms}
${history}
${transfers}</section>`;
}
