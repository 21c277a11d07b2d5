import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAllows } from '../../../core/operator-role.ts';
import type { Connector, Site, Station } from '../../../usecases/ports/operator-stations.ts';
import type { PriceDisplayMode } from '../../../usecases/ports/charger-display.ts';
import { html, type SafeHtml } from '../html.ts';
import { auditBy, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { textOf } from './i18n/console-language.ts';
import { field, problemSummary, type FieldErrors } from './form-errors.ts';
import { csrfField } from './layout.ts';
import { formatOslo } from './oslo-time.ts';
import { credentialsCard } from './station-credentials.ts';
import { operationsCard } from './station-operations-card.ts';
import { ocppUrl, siteSelect, typeSelect } from './station-forms.ts';
import type { Messages } from './i18n/messages.ts';
import { connectorRow, type ConnectorValues } from './connector-form.ts';

// A connector's form refused: which one, what was typed, and why.
export interface TypedConnector {
  connectorId: string;
  values: ConnectorValues;
  errors: FieldErrors;
}


function priceDisplaySelect(t: Messages, st: Station): SafeHtml {
  const m = t.stations;
  const option = (value: PriceDisplayMode, label: string) => html`<option value="${value}"${st.priceDisplay === value ? html` selected` : ''}>${label}</option>`;
  return html`<label for="priceDisplay">${m.priceDisplay}</label>
<select id="priceDisplay" name="priceDisplay" aria-describedby="priceDisplay-hint">${option('auto', m.priceDisplayAuto)}${option('off', m.priceDisplayOff)}</select>
<p class="hint" id="priceDisplay-hint">${m.priceDisplayHint}</p>`;
}

interface StationPageParts {
  sites: readonly Site[];
  connectors: Connector[];
  csrf: string;
  publicUrl: string;
  errors: FieldErrors;
  typed?: TypedConnector | undefined;
  credentials: SafeHtml;
  operations: SafeHtml;
}

function stationPage(t: Messages, st: Station, p: StationPageParts) {
  const { sites, connectors, csrf, publicUrl, errors, credentials, operations } = p;
  const m = t.stations;
  return html`<h1>${st.name} <span class="muted mono">${st.id}</span></h1>
<div class="grid">
<section class="card"><h2>${t.common.status}</h2><dl class="facts">
<dt>${m.connection}</dt><dd><span class="badge ${st.online ? 'ok' : 'bad'}">${st.online ? t.common.online : t.common.offline}</span></dd>
<dt>${t.common.lastSeen}</dt><dd>${formatOslo(st.lastSeenAt)}</dd>
<dt>${m.protocol}</dt><dd>${st.protocol ?? '–'}</dd>
<dt>${m.vendorModel}</dt><dd>${st.vendor ?? '–'} ${st.model ?? ''}</dd>
<dt>${m.firmware}</dt><dd>${st.firmware ?? '–'}</dd>
<dt>${m.serialNumber}</dt><dd>${st.serialNumber ?? '–'}</dd>
<dt>${m.lastBoot}</dt><dd>${formatOslo(st.lastBootAt)}</dd>
<dt>${m.displaySupport}</dt><dd id="display-support">${m.displaySupportText(st.displaySupport)}</dd>
<dt>${m.ocppUrl}</dt><dd><code>${ocppUrl(publicUrl, st.id)}</code></dd>
</dl></section>
${credentials}
<section class="card"><h2>${m.settings}</h2>
<form class="stack" method="post" action="/console/stations/${encodeURIComponent(st.id)}">${csrfField(csrf)}
${field({ name: 'name', label: t.common.name, value: st.name, errors, required: true })}
${siteSelect(sites, st.siteId, errors, t)}
<label class="check"><input type="checkbox" name="disabled"${st.disabled ? html` checked` : ''}> ${m.disabledStation}</label>
${priceDisplaySelect(t, st)}
<div><button type="submit">${t.common.save}</button></div></form></section>
</div>
${operations}
<h2>${t.common.connectors}</h2>
<table><thead><tr><th scope="col">#</th><th scope="col">${m.code}</th><th scope="col">${t.common.status}</th><th scope="col">${m.settings}</th></tr></thead>
<tbody>${connectors.map((c) => connectorRow(c, csrf, t, p.typed?.connectorId === c.id ? p.typed : undefined))}</tbody></table>
<form class="actions card" method="post" action="/console/stations/${encodeURIComponent(st.id)}/connectors" aria-label="${m.addConnector}">${csrfField(csrf)}
${typeSelect('type', 'CCS', {}, t)}
${field({ name: 'power', label: m.maxKw, value: '50', errors: {}, id: 'power-new' })}
<button type="submit" class="secondary">${m.addConnector}</button></form>
<p><a href="/console/stickers?connectors=${connectors.map((c) => c.code).join(',')}">${m.stickersForStation}</a> · <a href="/console/sessions?station=${encodeURIComponent(st.id)}">${t.sessions.title}</a></p>`;
}

// The station page, as asked for or after a refused form (status 400), for
// this file's routes and the connector forms' (connector-routes.ts).
export function stationPageSender(deps: ConsoleRouteDeps) {
  const credentialsOf = async (st: Station, csrf: string, t: Messages): Promise<SafeHtml> => {
    const [status, lockouts] = await Promise.all([deps.doors.passwordStatus(st.id), deps.doors.lockouts({ stationId: st.id })]);
    if (!status) return html``;
    return credentialsCard({ stationId: st.id, status, lockouts, csrf, online: st.online }, t);
  };
  const operationsOf = async (st: Station, connectors: Connector[], request: FastifyRequest): Promise<SafeHtml> => {
    const login = deps.auth.current(request);
    const history = await deps.operations.history(st.id);
    return operationsCard(textOf(request), { station: st, connectors, csrf: login.csrfToken, mayAct: roleAllows(login.user.role, 'operator'), ...history });
  };
  return async (request: FastifyRequest, reply: FastifyReply, st: Station, o: { errors?: FieldErrors; typed?: TypedConnector; problem?: string | undefined } = {}) => {
    const t = textOf(request);
    const csrf = deps.auth.current(request).csrfToken;
    const [sites, connectors, credentials] = await Promise.all([deps.sites.list(), deps.stations.connectors(st.id), credentialsOf(st, csrf, t)]);
    const errors = o.errors ?? {};
    const main = stationPage(t, st, { sites, connectors, csrf, publicUrl: deps.publicUrl, errors, typed: o.typed, credentials, operations: await operationsOf(st, connectors, request) });
    const refused = Object.keys(errors).length > 0 || o.typed !== undefined;
    const problem = o.problem ?? (refused ? problemSummary({ ...errors, ...o.typed?.errors }, t) : undefined);
    return sendPage(deps, request, reply, { title: st.name, section: 'stations', main, ...(problem ? { problem } : {}) }, refused ? 400 : 200);
  };
}

export function stationNotFound(deps: ConsoleRouteDeps, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const t = textOf(request);
  return sendPage(deps, request, reply, { title: t.common.notFound, section: 'stations', main: html`<h1>${t.common.noSuchStation}</h1>` }, 404);
}

export function registerStationPage(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const send = stationPageSender(deps);

  app.get<{ Params: { id: string }; Querystring: { problem?: string } }>('/console/stations/:id', async (request, reply) => {
    const st = await deps.stations.get(request.params.id);
    if (!st) return stationNotFound(deps, request, reply);
    const problem = request.query.problem === 'connector' ? textOf(request).stations.connectorProblem : undefined;
    return send(request, reply, st, { problem });
  });

  app.post<{ Params: { id: string } }>('/console/stations/:id', async (request, reply) => {
    const st = await deps.stations.get(request.params.id);
    if (!st) return stationNotFound(deps, request, reply);
    const t = textOf(request);
    const name = formField(request.body, 'name');
    const siteId = formField(request.body, 'siteId');
    const disabled = formField(request.body, 'disabled') === 'on';
    // Left out (an older form): unchanged.
    const shown = formField(request.body, 'priceDisplay');
    const priceDisplay: PriceDisplayMode | undefined = shown === 'auto' || shown === 'off' ? shown : undefined;
    const errors: FieldErrors = {};
    if (name.length < 1 || name.length > 100) errors.name = t.forms.nameRequired;
    if (!(await deps.sites.get(siteId))) errors.siteId = t.stations.chooseSite;
    const updated = Object.keys(errors).length === 0 ? await deps.stations.update(st.id, { name, siteId, disabled, ...(priceDisplay ? { priceDisplay } : {}) }) : undefined;
    if (updated?.ok === false && updated.reason === 'not_found') return stationNotFound(deps, request, reply);
    if (updated?.ok === false) errors.siteId = t.stations.chooseSite;
    if (!updated?.ok) return send(request, reply, { ...st, name }, { errors });
    await deps.audit.record({ ...auditBy(deps, request), action: 'station.update', subjectType: 'station', subjectId: st.id, outcome: 'ok', detail: { name, siteId, disabled, ...(priceDisplay ? { priceDisplay } : {}) } });
    return reply.redirect(`/console/stations/${encodeURIComponent(st.id)}?notice=station-saved`, 303);
  });
}
