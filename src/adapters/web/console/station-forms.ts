import type { Site } from '../../../usecases/ports/operator-stations.ts';
import { CONNECTOR_TYPES } from '../../../core/station-setup.ts';
import { html, type SafeHtml } from '../html.ts';
import type { FieldErrors } from './form-errors.ts';
import type { Messages } from './i18n/messages.ts';


export function kwText(w: number): string {
  return w % 1000 === 0 ? String(w / 1000) : `${Math.floor(w / 1000)},${Math.floor((w % 1000) / 100)}`;
}

export function typeSelect(name: string, selected: string, errors: FieldErrors, t: Messages): SafeHtml {
  return html`<label>${t.stations.connectorType} <select name="${name}">${CONNECTOR_TYPES.map(
    (t) => html`<option${t === selected ? html` selected` : ''}>${t}</option>`,
  )}</select>${errors[name] && html`<span class="field-error">${errors[name]}</span>`}</label>`;
}

export function siteSelect(sites: readonly Site[], selected: string, errors: FieldErrors, t: Messages): SafeHtml {
  return html`<label>${t.common.site} <select name="siteId" required>${sites.map(
    (s) => html`<option value="${s.id}"${s.id === selected ? html` selected` : ''}>${s.name}</option>`,
  )}</select>${errors.siteId && html`<span class="field-error">${errors.siteId}</span>`}</label>`;
}

// ws(s)://<public host>/ocpp/<id>, what the station is configured with.
export function ocppUrl(publicUrl: string, stationId: string): string {
  return `${publicUrl.replace(/^http/, 'ws').replace(/\/+$/, '')}/ocpp/${encodeURIComponent(stationId)}`;
}

export function secretBlock(o: { stationId: string; password: string; ocppUrl: string }, t: Messages): SafeHtml {
  const m = t.stations;
  return html`<section class="card" aria-labelledby="secret-title">
<h2 id="secret-title">${m.secretTitle}</h2>
<p><strong>${m.shownOnlyNow}</strong> ${m.enterInStation}</p>
<dl class="facts">
<dt>${m.ocppUrl}</dt><dd><code id="ocpp-url">${o.ocppUrl}</code></dd>
<dt>${m.username}</dt><dd><code>${o.stationId}</code></dd>
<dt>${m.password}</dt><dd><div class="secret" id="station-password">${o.password}</div></dd>
<dt>${m.securityProfile}</dt><dd>${m.securityProfileText}</dd>
</dl></section>`;
}
