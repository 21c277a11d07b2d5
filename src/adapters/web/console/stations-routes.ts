import type { FastifyInstance, FastifyRequest } from 'fastify';
import { newStationPassword } from '../../ocpp/station-doors.ts';
import { STATION_PASSWORD_RULE } from '../../security/secret-strength.ts';
import { html } from '../html.ts';
import { auditBy, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { textOf } from './i18n/console-language.ts';
import { field, problemSummary, type FieldErrors } from './form-errors.ts';
import { csrfField } from './layout.ts';
import { formatOslo } from './oslo-time.ts';
import { lockoutTable } from './station-credentials.ts';
import { CONNECTOR_TYPES, STATION_ID, parseKw } from '../../../core/station-setup.ts';
import { ocppUrl, secretBlock, siteSelect, typeSelect } from './station-forms.ts';
import { landingUrl } from './sticker-qr.ts';

interface NewStationForm {
  id: string;
  name: string;
  siteId: string;
  connectors: string;
  type: string;
  power: string;
  password: string;
}

const EXISTS = 'A station with this identity exists already.';
const NO_ACTIVE_SITE = 'Choose an active site.';

const EMPTY: NewStationForm = { id: '', name: '', siteId: '', connectors: '1', type: 'CCS', power: '50', password: '' };

export function registerStationRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  app.get('/console/stations', async (request, reply) => {
    const [stations, connectors, sites, lockouts] = await Promise.all([deps.stations.list(), deps.stations.connectors(), deps.sites.list(), deps.doors.lockouts()]);
    const siteName = new Map(sites.map((s) => [s.id, s.name]));
    const main = html`<h1>Stations</h1>
<p><a class="button" href="/console/stations/new">Add a station</a> <a class="button secondary" href="/console/stations/import">Import from CSV</a></p>
<table><thead><tr><th scope="col">Station</th><th scope="col">Site</th><th scope="col">Status</th><th scope="col">Last seen</th><th scope="col">Connectors</th></tr></thead><tbody>
${stations.map(
  (s) => html`<tr><td><a href="/console/stations/${encodeURIComponent(s.id)}">${s.name}</a> <span class="muted mono">${s.id}</span></td>
<td>${siteName.get(s.siteId) ?? s.siteId}</td>
<td><span class="badge ${s.disabled ? 'off' : s.online ? 'ok' : 'bad'}">${s.disabled ? 'disabled' : s.online ? 'online' : 'offline'}</span></td>
<td>${formatOslo(s.lastSeenAt)}</td>
<td class="mono">${connectors.filter((c) => c.stationId === s.id).map((c) => `${c.code} `)}</td></tr>`,
)}</tbody></table>
<section class="card" aria-label="Lockouts">${lockoutTable(lockouts, deps.auth.current(request).csrfToken, '/console/stations')}</section>`;
    return sendPage(deps, request, reply, { title: 'Stations', section: 'stations', main });
  });

  const newForm = async (request: FastifyRequest, form: NewStationForm, errors: FieldErrors) => {
    const sites = (await deps.sites.list()).filter((s) => !s.disabled);
    if (sites.length === 0) return html`<h1>Add a station</h1><p class="card">Create a <a href="/console/sites">site</a> first.</p>`;
    return html`<h1>Add a station</h1>
<form class="stack card" method="post" action="/console/stations">${csrfField(deps.auth.current(request).csrfToken)}
${field({ name: 'id', label: 'OCPP identity', value: form.id, errors, required: true, hint: 'as configured in the station: letters, digits, "_", "." or "-"' })}
${field({ name: 'name', label: 'Name', value: form.name, errors, required: true, hint: 'shown to drivers' })}
${siteSelect(sites, form.siteId, errors)}
${field({ name: 'connectors', label: 'Connectors', value: form.connectors, errors, type: 'number', attrs: html` min="1" max="32"` })}
${typeSelect('type', form.type, errors)}
${field({ name: 'power', label: 'Max power per connector (kW)', value: form.power, errors, required: true })}
${field({ name: 'password', label: 'OCPP password', errors, type: 'password', hint: `optional: ${STATION_PASSWORD_RULE}`, attrs: html` autocomplete="new-password"` })}
<div><button type="submit">Add station</button></div></form>`;
  };

  app.get('/console/stations/new', async (request, reply) => {
    return sendPage(deps, request, reply, { title: 'Add a station', section: 'stations', main: await newForm(request, EMPTY, {}) });
  });

  app.post('/console/stations', async (request, reply) => {
    const b = request.body;
    const form: NewStationForm = {
      id: formField(b, 'id'),
      name: formField(b, 'name'),
      siteId: formField(b, 'siteId'),
      connectors: formField(b, 'connectors'),
      type: formField(b, 'type'),
      power: formField(b, 'power'),
      password: formField(b, 'password'),
    };
    const errors: FieldErrors = {};
    if (!STATION_ID.test(form.id)) errors.id = 'Letters, digits, "_", "." or "-", at most 48.';
    else if (await deps.stations.get(form.id)) errors.id = EXISTS;
    if (form.name.length < 1 || form.name.length > 100) errors.name = 'A name of 1 to 100 characters is required.';
    const site = await deps.sites.get(form.siteId);
    if (!site || site.disabled) errors.siteId = NO_ACTIVE_SITE;
    const count = /^\d{1,2}$/.test(form.connectors) ? Number(form.connectors) : 0;
    if (count < 1 || count > 32) errors.connectors = 'From 1 to 32.';
    if (!(CONNECTOR_TYPES as readonly string[]).includes(form.type)) errors.type = 'Choose a connector type.';
    const powerW = parseKw(form.power);
    if (powerW === undefined) errors.power = 'A power from 1 to 1000 kW, e.g. 50 or 7,4.';
    // Kept with a fast hash, so a hand-picked one must be as strong as a generated one.
    const made = await newStationPassword(form.password);
    if (!made.ok) errors.password = made.problem;
    const created =
      Object.keys(errors).length === 0 && powerW !== undefined && made.ok
        ? await deps.stations.create({
            id: form.id,
            siteId: form.siteId,
            name: form.name,
            passwordHash: made.hash,
            connectors: Array.from({ length: count }, (_, i) => ({ connectorNo: i + 1, type: form.type, maxPowerW: powerW })),
          })
        : undefined;
    if (created?.ok === false) {
      if (created.reason === 'exists') errors.id = EXISTS;
      else errors.siteId = NO_ACTIVE_SITE;
    }
    if (!created?.ok || !made.ok) {
      const main = await newForm(request, form, errors);
      return sendPage(deps, request, reply, { title: 'Add a station', section: 'stations', main, problem: problemSummary(errors, textOf(request)) }, 400);
    }

    const { password } = made;
    const { connectors } = created;
    await deps.audit.record({ ...auditBy(deps, request), action: 'station.create', subjectType: 'station', subjectId: form.id, outcome: 'ok', detail: { siteId: form.siteId, connectors: count } });
    const publicUrl = deps.publicUrl;
    const main = html`<h1>Station ${form.name} added</h1>
${secretBlock({ stationId: form.id, password, ocppUrl: ocppUrl(publicUrl, form.id) })}
<section class="card"><h2>Connectors</h2><table><thead><tr><th scope="col">#</th><th scope="col">Code</th><th scope="col">Landing page</th></tr></thead><tbody>
${connectors.map((c) => html`<tr><td>${c.connectorNo}</td><td class="mono">${c.code}</td><td><a href="${landingUrl(publicUrl, c.code)}">${landingUrl(publicUrl, c.code)}</a></td></tr>`)}
</tbody></table>
<p><a href="/console/stickers?connectors=${connectors.map((c) => c.code).join(',')}">Print QR stickers</a> · <a href="/console/stations/${encodeURIComponent(form.id)}">Station page</a></p></section>`;
    return sendPage(deps, request, reply, { title: 'Station added', section: 'stations', main, notice: 'Station added.' }, 201);
  });

  app.post<{ Params: { id: string } }>('/console/stations/:id/connectors', async (request, reply) => {
    const noStation = () => sendPage(deps, request, reply, { title: 'Not found', section: 'stations', main: html`<h1>No such station</h1>` }, 404);
    const station = await deps.stations.get(request.params.id);
    if (!station) return noStation();
    const type = formField(request.body, 'type');
    const powerW = parseKw(formField(request.body, 'power'));
    if (!(CONNECTOR_TYPES as readonly string[]).includes(type) || powerW === undefined) {
      return reply.redirect(`/console/stations/${encodeURIComponent(station.id)}?problem=connector`, 303);
    }
    const c = await deps.stations.addConnector(station.id, { type, maxPowerW: powerW });
    if (!c) return noStation();
    await deps.audit.record({ ...auditBy(deps, request), action: 'connector.create', subjectType: 'connector', subjectId: c.id, outcome: 'ok', detail: { code: c.code } });
    return reply.redirect(`/console/stations/${encodeURIComponent(station.id)}?notice=connector-added`, 303);
  });

  app.post<{ Params: { id: string } }>('/console/connectors/:id', async (request, reply) => {
    const c = await deps.stations.connector(request.params.id);
    if (!c) return sendPage(deps, request, reply, { title: 'Not found', section: 'stations', main: html`<h1>No such connector</h1>` }, 404);
    const type = formField(request.body, 'type');
    const powerW = parseKw(formField(request.body, 'power'));
    const back = `/console/stations/${encodeURIComponent(c.stationId)}`;
    if (!(CONNECTOR_TYPES as readonly string[]).includes(type) || powerW === undefined) return reply.redirect(`${back}?problem=connector`, 303);
    const disabled = formField(request.body, 'disabled') === 'on';
    await deps.stations.updateConnector(c.id, { type, maxPowerW: powerW, disabled });
    await deps.audit.record({ ...auditBy(deps, request), action: 'connector.update', subjectType: 'connector', subjectId: c.id, outcome: 'ok', detail: { type, maxPowerW: powerW, disabled } });
    return reply.redirect(`${back}?notice=connector-saved`, 303);
  });
}
