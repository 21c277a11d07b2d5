import type { FastifyInstance } from 'fastify';
import { CONNECTOR_TYPES, parseKw } from '../../../core/station-setup.ts';
import { html } from '../html.ts';
import { auditBy, formField, sendPage, type ConsoleRouteDeps } from './console-route-deps.ts';
import { changeOf, connectorFormErrors, valuesOfConnectorForm } from './connector-form.ts';
import { textOf } from './i18n/console-language.ts';
import { stationNotFound, stationPageSender } from './station-page.ts';

// A station's connectors from its page: add one (type and power; its feed
// data is what the type suggests), or change one, feed data and all.
export function registerConnectorRoutes(app: FastifyInstance, deps: ConsoleRouteDeps): void {
  const send = stationPageSender(deps);

  app.post<{ Params: { id: string } }>('/console/stations/:id/connectors', async (request, reply) => {
    const station = await deps.stations.get(request.params.id);
    if (!station) return stationNotFound(deps, request, reply);
    const type = formField(request.body, 'type');
    const powerW = parseKw(formField(request.body, 'power'));
    if (!(CONNECTOR_TYPES as readonly string[]).includes(type) || powerW === undefined) {
      return reply.redirect(`/console/stations/${encodeURIComponent(station.id)}?problem=connector`, 303);
    }
    const added = await deps.stations.addConnector(station.id, { type, maxPowerW: powerW });
    if (!added.ok && added.reason === 'not_found') return stationNotFound(deps, request, reply);
    if (!added.ok) return reply.redirect(`/console/stations/${encodeURIComponent(station.id)}?problem=connector`, 303);
    const c = added.connector;
    await deps.audit.record({ ...auditBy(deps, request), action: 'connector.create', subjectType: 'connector', subjectId: c.id, outcome: 'ok', detail: { code: c.code } });
    return reply.redirect(`/console/stations/${encodeURIComponent(station.id)}?notice=connector-added`, 303);
  });

  app.post<{ Params: { id: string } }>('/console/connectors/:id', async (request, reply) => {
    const t = textOf(request);
    const c = await deps.stations.connector(request.params.id);
    if (!c) return sendPage(deps, request, reply, { title: t.common.notFound, section: 'stations', main: html`<h1>${t.common.noSuchConnector}</h1>` }, 404);
    const station = await deps.stations.get(c.stationId);
    if (!station) return stationNotFound(deps, request, reply);
    const values = valuesOfConnectorForm(request.body);
    const read = changeOf(values, c, t);
    const updated = read.ok ? await deps.stations.updateConnector(c.id, read.change) : undefined;
    if (updated?.ok === false && updated.reason === 'not_found') return stationNotFound(deps, request, reply);
    if (!updated?.ok) {
      const errors = updated?.ok === false && updated.reason === 'invalid' ? connectorFormErrors(updated.errors, t) : read.ok ? {} : read.errors;
      return send(request, reply, station, { typed: { connectorId: c.id, values, errors } });
    }
    await deps.audit.record({ ...auditBy(deps, request), action: 'connector.update', subjectType: 'connector', subjectId: c.id, outcome: 'ok', detail: { ...(read.ok ? read.change : {}) } });
    return reply.redirect(`/console/stations/${encodeURIComponent(c.stationId)}?notice=connector-saved`, 303);
  });
}
