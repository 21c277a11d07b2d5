import type { AuditEntry } from '../../../usecases/ports/operator-audit.ts';
import type { Connector, Station } from '../../../usecases/ports/operator-stations.ts';
import { TRIGGER_MESSAGES } from '../../../usecases/ports/charger-operations.ts';
import type { TransferStatus } from '../../../usecases/ports/station-transfer-log.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField } from './layout.ts';
import { formatOslo } from './oslo-time.ts';

const ACTION_TEXT: Record<string, string> = {
  'station.reset': 'Reset',
  'station.unlock': 'Unlock',
  'station.availability': 'Availability',
  'station.configuration_read': 'Read configuration',
  'station.configuration_change': 'Change configuration',
  'station.trigger': 'Trigger message',
  'station.firmware_update': 'Firmware update',
  'station.diagnostics_upload': 'Diagnostics upload',
};

// What was asked, in a few words, from the audit entry's detail.
function askedText(e: AuditEntry): string {
  const d = e.detail;
  const parts = Object.entries(d)
    .filter(([k]) => !['answer', 'confirmed', 'requestId', 'fileName', 'keys'].includes(k))
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') || 'all' : String(v)}`);
  return parts.join(', ');
}

function optionList(connectors: readonly Connector[], withStation: boolean): SafeHtml {
  return html`${withStation ? html`<option value="0">Whole station</option>` : ''}${connectors.map((c) => html`<option value="${c.connectorNo}">Connector ${c.connectorNo} (${c.code})</option>`)}`;
}

// The station page's "Operations" card: a form per operation (operators and
// owners only), the last operations with the station's answers, and the
// firmware and diagnostics progress it reported.
export function operationsCard(o: {
  station: Station;
  connectors: readonly Connector[];
  csrf: string;
  mayAct: boolean;
  operations: readonly AuditEntry[];
  transfers: readonly TransferStatus[];
}): SafeHtml {
  const base = `/console/stations/${encodeURIComponent(o.station.id)}/operations`;
  const csrf = csrfField(o.csrf);
  const offline = o.station.online ? '' : html`<p class="hint">The station is offline: operations are refused until it connects.</p>`;
  const forms = o.mayAct
    ? html`${offline}<div class="operations">
<form class="actions" method="post" action="${base}/reset" aria-label="Reset">${csrf}
<label for="f-reset-kind">Reset type</label> <select name="kind" id="f-reset-kind"><option value="soft">Soft (2.0.1: when idle)</option><option value="hard">Hard (2.0.1: immediately)</option></select>
<button type="submit">Reset</button></form>
<form class="actions" method="post" action="${base}/unlock" aria-label="Unlock">${csrf}
<label for="f-unlock-connector">Connector to unlock</label> <select name="connectorNo" id="f-unlock-connector">${optionList(o.connectors, false)}</select>
<button type="submit" class="secondary">Unlock connector</button></form>
<form class="actions" method="post" action="${base}/availability" aria-label="Availability">${csrf}
<label for="f-availability-target">Availability of</label> <select name="connectorNo" id="f-availability-target">${optionList(o.connectors, true)}</select>
<label for="f-availability">Make</label> <select name="available" id="f-availability"><option value="no">Unavailable (Inoperative)</option><option value="yes">Available (Operative)</option></select>
<button type="submit" class="secondary">Change availability</button></form>
<form class="actions" method="post" action="${base}/configuration" aria-label="Read configuration">${csrf}
<label>Configuration keys <span class="hint">empty: all; 2.0.1: Component.Variable, comma-separated</span><input type="text" name="keys" id="f-config-keys"></label>
<button type="submit" class="secondary">Read configuration</button></form>
<form class="actions" method="post" action="${base}/configuration/change" aria-label="Change configuration">${csrf}
<label>Key <input type="text" name="key" id="f-config-key" required></label>
<label>Value <input type="text" name="value" id="f-config-value"></label>
<button type="submit" class="secondary">Change key</button></form>
<form class="actions" method="post" action="${base}/trigger" aria-label="Trigger message">${csrf}
<label for="f-trigger-message">Message to trigger</label> <select name="message" id="f-trigger-message">${TRIGGER_MESSAGES.map((m) => html`<option value="${m}">${m}</option>`)}</select>
<label for="f-trigger-connector">For</label> <select name="connectorNo" id="f-trigger-connector">${optionList(o.connectors, true)}</select>
<button type="submit" class="secondary">Send trigger</button></form>
<form class="actions" method="post" action="${base}/firmware" aria-label="Firmware update">${csrf}
<label>Firmware URL <input type="url" name="location" id="f-firmware-location" required placeholder="https://…"></label>
<label>Download at <span class="hint">Oslo time; empty: now</span><input type="datetime-local" name="retrieveAt" id="f-firmware-at"></label>
<button type="submit" class="secondary">Update firmware</button></form>
<form class="actions" method="post" action="${base}/diagnostics" aria-label="Diagnostics upload">${csrf}
<label>Upload diagnostics to <input type="url" name="location" id="f-diagnostics-location" required placeholder="https://…"></label>
<button type="submit" class="secondary">Upload diagnostics</button></form></div>`
    : html`<p class="muted">Operations need the operator or owner role.</p>`;

  const history =
    o.operations.length === 0
      ? html`<p class="muted">No operations yet.</p>`
      : html`<table id="operations-log"><caption>Last operations (Europe/Oslo)</caption><thead><tr><th scope="col">When</th><th scope="col">Operation</th><th scope="col">Asked</th><th scope="col">Answer</th><th scope="col">By</th></tr></thead><tbody>
${o.operations.map(
  (e) => html`<tr><td>${formatOslo(e.at)}</td><td>${ACTION_TEXT[e.action] ?? e.action}</td><td>${askedText(e)}</td><td>${e.outcome}${typeof e.detail.answer === 'string' ? ` (${e.detail.answer})` : ''}</td><td>${e.actor}</td></tr>`,
)}</tbody></table>`;
  const transfers =
    o.transfers.length === 0
      ? ''
      : html`<table id="transfer-log"><caption>Firmware and diagnostics, as the station reports (Europe/Oslo)</caption><thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Status</th></tr></thead><tbody>
${o.transfers.map((t) => html`<tr><td>${formatOslo(t.at)}</td><td>${t.kind}</td><td>${t.status}</td></tr>`)}</tbody></table>`;

  return html`<section class="card" aria-labelledby="operations-title"><h2 id="operations-title">Operations</h2>
${forms}
${history}
${transfers}</section>`;
}
