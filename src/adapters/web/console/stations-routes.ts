import type { FastifyInstance, FastifyRequest } from 'fastify';
import { newStationPassword } from '../../ocpp/station-doors.ts';
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


const EMPTY: NewStationForm = { id: '', name: '', siteId: '', connectors: '1', type: 'CCS', power: '50', password: '' };

export function registerStationRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  app.get('/console/stations', async (request, reply) => {
    const t = textOf(request);
    const m = t.stations;
    const [stations, connectors, sites, lockouts] = await Promise.all([deps.stations.list(), deps.stations.connectors(), deps.sites.list(), deps.doors.lockouts()]);
    const siteName = new Map(sites.map((s) => [s.id, s.name]));
    const main = html`<h1>${m.title}</h1>
<p><a class="button" href="/console/stations/new">${m.add}</a> <a class="button secondary" href="/console/stations/import">${m.importCsv}</a></p>
<table><thead><tr><th scope="col">${t.common.station}</th><th scope="col">${t.common.site}</th><th scope="col">${t.common.status}</th><th scope="col">${t.common.lastSeen}</th><th scope="col">${t.common.connectors}</th></tr></thead><tbody>
${stations.map(
  (s) => html`<tr><td><a href="/console/stations/${encodeURIComponent(s.id)}">${s.name}</a> <span class="muted mono">${s.id}</span></td>
<td>${siteName.get(s.siteId) ?? s.siteId}</td>
<td><span class="badge ${s.disabled ? 'off' : s.online ? 'ok' : 'bad'}">${s.disabled ? t.common.disabled : s.online ? t.common.online : t.common.offline}</span></td>
<td>${formatOslo(s.lastSeenAt)}</td>
<td class="mono">${connectors.filter((c) => c.stationId === s.id).map((c) => `${c.code} `)}</td></tr>`,
)}</tbody></table>
<section class="card" aria-label="${m.lockouts}">${lockoutTable(lockouts, deps.auth.current(request).csrfToken, '/console/stations', t)}</section>`;
    return sendPage(deps, request, reply, { title: m.title, section: 'stations', main });
  });

  const newForm = async (request: FastifyRequest, form: NewStationForm, errors: FieldErrors) => {
    const t = textOf(request);
    const m = t.stations;
    const sites = (await deps.sites.list()).filter((s) => !s.disabled);
    if (sites.length === 0) return html`<h1>${m.add}</h1><p class="card">${m.createSiteFirst[0]}<a href="/console/sites">${m.sitesLink}</a>${m.createSiteFirst[1]}</p>`;
    return html`<h1>${m.add}</h1>
<form class="stack card" method="post" action="/console/stations">${csrfField(deps.auth.current(request).csrfToken)}
${field({ name: 'id', label: m.ocppIdentity, value: form.id, errors, required: true, hint: m.ocppIdentityHint })}
${field({ name: 'name', label: t.common.name, value: form.name, errors, required: true, hint: m.nameHint })}
${siteSelect(sites, form.siteId, errors, t)}
${field({ name: 'connectors', label: t.common.connectors, value: form.connectors, errors, type: 'number', attrs: html` min="1" max="32"` })}
${typeSelect('type', form.type, errors, t)}
${field({ name: 'power', label: m.maxPower, value: form.power, errors, required: true })}
${field({ name: 'password', label: m.ocppPassword, errors, type: 'password', hint: m.optional(m.passwordRule), attrs: html` autocomplete="new-password"` })}
<div><button type="submit">${m.addButton}</button></div></form>`;
  };

  app.get('/console/stations/new', async (request, reply) => {
    return sendPage(deps, request, reply, { title: textOf(request).stations.add, section: 'stations', main: await newForm(request, EMPTY, {}) });
  });

  app.post('/console/stations', async (request, reply) => {
    const t = textOf(request);
    const m = t.stations;
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
    if (!STATION_ID.test(form.id)) errors.id = m.badId;
    else if (await deps.stations.get(form.id)) errors.id = m.exists;
    if (form.name.length < 1 || form.name.length > 100) errors.name = t.forms.nameRequired;
    const site = await deps.sites.get(form.siteId);
    if (!site || site.disabled) errors.siteId = m.noActiveSite;
    const count = /^\d{1,2}$/.test(form.connectors) ? Number(form.connectors) : 0;
    if (count < 1 || count > 32) errors.connectors = m.connectorCount;
    if (!(CONNECTOR_TYPES as readonly string[]).includes(form.type)) errors.type = m.chooseType;
    const powerW = parseKw(form.power);
    if (powerW === undefined) errors.power = m.badPower;
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
      if (created.reason === 'exists') errors.id = m.exists;
      else if (created.reason === 'invalid') errors.power = created.errors.map((e) => t.feeds.connectorError(e)).join(' ');
      else errors.siteId = m.noActiveSite;
    }
    if (!created?.ok || !made.ok) {
      const main = await newForm(request, form, errors);
      return sendPage(deps, request, reply, { title: m.add, section: 'stations', main, problem: problemSummary(errors, t) }, 400);
    }

    const { password } = made;
    const { connectors } = created;
    await deps.audit.record({ ...auditBy(deps, request), action: 'station.create', subjectType: 'station', subjectId: form.id, outcome: 'ok', detail: { siteId: form.siteId, connectors: count } });
    const publicUrl = deps.publicUrl;
    const main = html`<h1>${m.added(form.name)}</h1>
${secretBlock({ stationId: form.id, password, ocppUrl: ocppUrl(publicUrl, form.id) }, t)}
<section class="card"><h2>${t.common.connectors}</h2><table><thead><tr><th scope="col">#</th><th scope="col">${m.code}</th><th scope="col">${m.landingPage}</th></tr></thead><tbody>
${connectors.map((c) => html`<tr><td>${c.connectorNo}</td><td class="mono">${c.code}</td><td><a href="${landingUrl(publicUrl, c.code)}">${landingUrl(publicUrl, c.code)}</a></td></tr>`)}
</tbody></table>
<p><a href="/console/stickers?connectors=${connectors.map((c) => c.code).join(',')}">${m.printStickers}</a> · <a href="/console/stations/${encodeURIComponent(form.id)}">${m.stationPage}</a></p></section>`;
    return sendPage(deps, request, reply, { title: m.addedTitle, section: 'stations', main, notice: m.addedNotice }, 201);
  });
}
