import type { FastifyInstance, FastifyRequest } from 'fastify';
import { roleAllows } from '../../../core/operator-role.ts';
import type { Connector, Site, Station } from '../../../usecases/ports/operator-stations.ts';
import { html, type SafeHtml } from '../html.ts';
import { auditBy, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { textOf } from './i18n/console-language.ts';
import { field, problemSummary, type FieldErrors } from './form-errors.ts';
import { csrfField } from './layout.ts';
import { formatOslo } from './oslo-time.ts';
import { credentialsCard } from './station-credentials.ts';
import { operationsCard } from './station-operations-card.ts';
import { kwText, ocppUrl, siteSelect, typeSelect } from './station-forms.ts';

function connectorForm(c: Connector, csrf: string) {
  return html`<tr><td>${c.connectorNo}</td><td class="mono">${c.code}</td><td>${c.status}</td>
<td><form class="actions" method="post" action="/console/connectors/${encodeURIComponent(c.id)}" aria-label="Connector ${c.code}">${csrfField(csrf)}
${typeSelect('type', c.type, {})}
${field({ name: 'power', label: 'Max kW', value: kwText(c.maxPowerW), errors: {}, id: `power-${c.id}` })}
<label class="check"><input type="checkbox" name="disabled"${c.disabled ? html` checked` : ''}> Disabled</label>
<button type="submit" class="secondary">Save</button></form></td></tr>`;
}

function stationPage(st: Station, sites: readonly Site[], connectors: Connector[], csrf: string, publicUrl: string, errors: FieldErrors, credentials: SafeHtml, operations: SafeHtml) {
  return html`<h1>${st.name} <span class="muted mono">${st.id}</span></h1>
<div class="grid">
<section class="card"><h2>Status</h2><dl class="facts">
<dt>Connection</dt><dd><span class="badge ${st.online ? 'ok' : 'bad'}">${st.online ? 'online' : 'offline'}</span></dd>
<dt>Last seen</dt><dd>${formatOslo(st.lastSeenAt)}</dd>
<dt>Protocol</dt><dd>${st.protocol ?? '–'}</dd>
<dt>Vendor / model</dt><dd>${st.vendor ?? '–'} ${st.model ?? ''}</dd>
<dt>Firmware</dt><dd>${st.firmware ?? '–'}</dd>
<dt>Serial number</dt><dd>${st.serialNumber ?? '–'}</dd>
<dt>Last boot</dt><dd>${formatOslo(st.lastBootAt)}</dd>
<dt>OCPP URL</dt><dd><code>${ocppUrl(publicUrl, st.id)}</code></dd>
</dl></section>
${credentials}
<section class="card"><h2>Settings</h2>
<form class="stack" method="post" action="/console/stations/${encodeURIComponent(st.id)}">${csrfField(csrf)}
${field({ name: 'name', label: 'Name', value: st.name, errors, required: true })}
${siteSelect(sites, st.siteId, errors)}
<label class="check"><input type="checkbox" name="disabled"${st.disabled ? html` checked` : ''}> Disabled (refused at connect, no new sessions)</label>
<div><button type="submit">Save</button></div></form></section>
</div>
${operations}
<h2>Connectors</h2>
<table><thead><tr><th scope="col">#</th><th scope="col">Code</th><th scope="col">Status</th><th scope="col">Settings</th></tr></thead>
<tbody>${connectors.map((c) => connectorForm(c, csrf))}</tbody></table>
<form class="actions card" method="post" action="/console/stations/${encodeURIComponent(st.id)}/connectors" aria-label="Add a connector">${csrfField(csrf)}
${typeSelect('type', 'CCS', {})}
${field({ name: 'power', label: 'Max kW', value: '50', errors: {}, id: 'power-new' })}
<button type="submit" class="secondary">Add a connector</button></form>
<p><a href="/console/stickers?connectors=${connectors.map((c) => c.code).join(',')}">QR stickers for this station</a> · <a href="/console/sessions?station=${encodeURIComponent(st.id)}">Sessions</a></p>`;
}

export function registerStationPage(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const notFound = html`<h1>No such station</h1>`;
  const credentialsOf = async (st: Station, csrf: string): Promise<SafeHtml> => {
    const [status, lockouts] = await Promise.all([deps.doors.passwordStatus(st.id), deps.doors.lockouts({ stationId: st.id })]);
    if (!status) return html``;
    return credentialsCard({ stationId: st.id, status, lockouts, csrf, online: st.online });
  };
  const operationsOf = async (st: Station, connectors: Connector[], request: FastifyRequest): Promise<SafeHtml> => {
    const login = deps.auth.current(request);
    const history = await deps.operations.history(st.id);
    return operationsCard({ station: st, connectors, csrf: login.csrfToken, mayAct: roleAllows(login.user.role, 'operator'), ...history });
  };

  app.get<{ Params: { id: string }; Querystring: { problem?: string } }>('/console/stations/:id', async (request, reply) => {
    const st = await deps.stations.get(request.params.id);
    if (!st) return sendPage(deps, request, reply, { title: 'Not found', section: 'stations', main: notFound }, 404);
    const [sites, connectors, credentials] = await Promise.all([deps.sites.list(), deps.stations.connectors(st.id), credentialsOf(st, deps.auth.current(request).csrfToken)]);
    const main = stationPage(st, sites, connectors, deps.auth.current(request).csrfToken, deps.publicUrl, {}, credentials, await operationsOf(st, connectors, request));
    const problem = request.query.problem === 'connector' ? 'A connector needs a type and a power from 1 to 1000 kW.' : undefined;
    return sendPage(deps, request, reply, { title: st.name, section: 'stations', main, ...(problem ? { problem } : {}) });
  });

  app.post<{ Params: { id: string } }>('/console/stations/:id', async (request, reply) => {
    const st = await deps.stations.get(request.params.id);
    if (!st) return sendPage(deps, request, reply, { title: 'Not found', section: 'stations', main: notFound }, 404);
    const name = formField(request.body, 'name');
    const siteId = formField(request.body, 'siteId');
    const disabled = formField(request.body, 'disabled') === 'on';
    const errors: FieldErrors = {};
    if (name.length < 1 || name.length > 100) errors.name = 'A name of 1 to 100 characters is required.';
    if (!(await deps.sites.get(siteId))) errors.siteId = 'Choose a site.';
    const updated = Object.keys(errors).length === 0 ? await deps.stations.update(st.id, { name, siteId, disabled }) : undefined;
    if (updated?.ok === false && updated.reason === 'not_found') return sendPage(deps, request, reply, { title: 'Not found', section: 'stations', main: notFound }, 404);
    if (updated?.ok === false) errors.siteId = 'Choose a site.';
    if (!updated?.ok) {
      const [sites, connectors, credentials] = await Promise.all([deps.sites.list(), deps.stations.connectors(st.id), credentialsOf(st, deps.auth.current(request).csrfToken)]);
      const main = stationPage({ ...st, name }, sites, connectors, deps.auth.current(request).csrfToken, deps.publicUrl, errors, credentials, await operationsOf(st, connectors, request));
      return sendPage(deps, request, reply, { title: st.name, section: 'stations', main, problem: problemSummary(errors, textOf(request)) }, 400);
    }
    await deps.audit.record({ ...auditBy(deps, request), action: 'station.update', subjectType: 'station', subjectId: st.id, outcome: 'ok', detail: { name, siteId, disabled } });
    return reply.redirect(`/console/stations/${encodeURIComponent(st.id)}?notice=station-saved`, 303);
  });
}
