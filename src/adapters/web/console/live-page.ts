import type { FastifyInstance } from 'fastify';
import type { Session } from '../../../core/session/session.ts';
import type { ConnectorStatusOrUnknown } from '../../../core/vocabulary/connector-status.ts';
import type { Connector, HardwareReport, Station } from '../../../usecases/ports/operator-stations.ts';
import { formatNok } from '../format-nok.ts';
import { html, type SafeHtml } from '../html.ts';
import { openAlertsPanel } from './alerts-page.ts';
import { sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { kwhDecimal } from './kroner.ts';
import { formatOslo } from './oslo-time.ts';
import { textOf } from './i18n/console-language.ts';
import type { Messages } from './i18n/messages.ts';
import { ageText } from './session-age.ts';
import { costLabel, energyWh, powerKw, stateBadge } from './session-figures.ts';

const CONNECTOR_TONE: Partial<Record<ConnectorStatusOrUnknown, string>> = { available: 'ok', charging: 'ok', occupied: 'warn', preparing: 'warn', finishing: 'warn', faulted: 'bad', unavailable: 'bad' };

function sessionCell(s: Session | undefined, now: Date, t: Messages): SafeHtml {
  if (!s) return html`<span class="muted">${t.live.noSession}</span>`;
  const badge = html`<a href="/console/sessions/${s.id}">${stateBadge(s.state, t)}</a>`;
  // Before charging there is nothing to measure but the wait: a payment nobody
  // approves holds the connector until it is cancelled (UNPAID_HOLD_SECONDS).
  if (s.state === 'awaiting_payment' || s.state === 'starting') {
    return html`${badge} <span class="age">${t.live.waitingFor(ageText(s.createdAt, now))}</span> <span class="muted">· ${t.live.max(formatNok(s.maxAmountOre))}</span>`;
  }
  return html`${badge} <span class="num">${kwhDecimal(energyWh(s))} kWh</span>${s.powerW !== undefined && html` · ${powerKw(s.powerW)} kW`} · ${costLabel(s, now, t)} <span class="muted">${t.live.of(formatNok(s.maxAmountOre))}</span>`;
}

function connectorRow(c: Connector, s: Session | undefined, now: Date, t: Messages): SafeHtml {
  return html`<tr>
<td><span class="mono">${c.code}</span> <span class="muted">#${c.connectorNo} ${c.type}</span></td>
<td><span class="badge ${c.disabled ? 'off' : (CONNECTOR_TONE[c.status] ?? 'off')}">${c.disabled ? t.common.disabled : t.live.connectorStatus[c.status]}</span>${c.errorCode && c.errorCode !== 'NoError' && html` <span class="muted">${c.errorCode}</span>`}${c.errorInfo && html` <span class="muted">· ${c.errorInfo}</span>`}${c.vendorErrorCode && html` <span class="muted">· ${t.live.vendor(c.vendorErrorCode)}</span>`}</td>
<td>${sessionCell(s, now, t)}</td>
</tr>`;
}

// What the station reports beyond its connectors: a status for all of them,
// and connectors it has that Ladepay was not set up with (never sold).
function reported(r: HardwareReport | undefined, t: Messages): SafeHtml | undefined {
  if (!r) return undefined;
  const wide = r.stationStatus && r.stationStatus.status !== 'available' ? r.stationStatus : undefined;
  return html`${wide && html`<p class="station-status"><span class="badge ${CONNECTOR_TONE[wide.status] ?? 'off'}">${t.live.wholeStation(t.live.connectorStatus[wide.status])}</span>${wide.errorCode && wide.errorCode !== 'NoError' && html` <span class="muted">${wide.errorCode}</span>`}${wide.info && html` <span class="muted">· ${wide.info}</span>`} <span class="muted">${t.live.since(formatOslo(wide.at))}</span></p>`}
${r.undeclared.map((u) => html`<p class="undeclared"><span class="badge warn">${t.live.undeclared(u.connectorNo)}</span> <span class="muted">${t.live.undeclaredReports(`${t.live.connectorStatus[u.status]}${u.errorCode && u.errorCode !== 'NoError' ? ` (${u.errorCode})` : ''}`, formatOslo(u.lastAt))}</span></p>`)}`;
}

function stationCard(t: Messages, st: Station, connectors: Connector[], active: Map<string, Session>, now: Date, report?: HardwareReport): SafeHtml {
  return html`<section class="card" aria-labelledby="st-${st.id}">
<h2 id="st-${st.id}"><a href="/console/stations/${encodeURIComponent(st.id)}">${st.name}</a> <span class="muted mono">${st.id}</span></h2>
<p><span class="badge ${st.disabled ? 'off' : st.online ? 'ok' : 'bad'}">${st.disabled ? t.common.disabled : st.online ? t.common.online : t.common.offline}</span>
<span class="muted">${t.common.lastSeen.toLowerCase()} ${formatOslo(st.lastSeenAt)}${st.protocol && html` · ${st.protocol}`}</span></p>
${reported(report, t)}
<table><thead><tr><th scope="col">${t.common.connector}</th><th scope="col">${t.common.status}</th><th scope="col">${t.common.session}</th></tr></thead>
<tbody>${connectors.map((c) => connectorRow(c, active.get(c.id), now, t))}</tbody></table>
</section>`;
}

// Every station with its connectors and the sessions running on them; the
// page reloads itself every 10 s (a meta refresh: no script needed).
export function registerLivePage(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  app.get<{ Querystring: { refresh?: string } }>('/console', async (request, reply) => {
    const now = deps.now();
    // WCAG 2.2.1: whoever needs the page to hold still can stop the reloads.
    const refresh = request.query.refresh !== 'off';
    const { stations, connectors, active, reports } = await deps.sessions.live();
    const reportOf = new Map(reports.map((r) => [r.stationId, r]));
    const byConnector = new Map(active.map(({ session }) => [session.connectorId, session]));
    const online = stations.filter((s) => s.online).length;
    const t = textOf(request);
    const main = html`<h1>${t.live.title}</h1>
${openAlertsPanel(await deps.alerts.open(), t)}
<p>${t.live.summary(online, stations.length, active.length)} · <span class="muted">${t.live.updated(formatOslo(now.toISOString()))}</span> ·
${refresh ? html`<a href="/console?refresh=off">${t.live.stopUpdating}</a>` : html`<a href="/console">${t.live.startUpdating}</a>`}</p>
${stations.length === 0 && html`<p class="card">${t.live.noStations} <a href="/console/stations/new">${t.live.addFirst}</a>.</p>`}
<div class="grid">${stations.map((st) =>
      stationCard(
        t,
        st,
        connectors.filter((c) => c.stationId === st.id),
        byConnector,
        now,
        reportOf.get(st.id),
      ),
    )}</div>`;
    return sendPage(deps, request, reply, { title: t.live.title, section: 'live', main, ...(refresh ? { refreshSeconds: 10 } : {}) });
  });
}
