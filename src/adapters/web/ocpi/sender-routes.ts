import type { FastifyInstance, FastifyReply } from 'fastify';
import { readListQuery, type ListQuery, type Page } from '../../../usecases/ocpi/ocpi-paging.ts';
import type { OcpiSenders } from '../../../usecases/ocpi/ocpi-senders.ts';
import { OCPI_VERSION } from '../../../usecases/ocpi/ocpi-wire.ts';
import { moduleUrl, type OurPlatform } from '../../../usecases/ocpi/our-platform.ts';
import { ocpiCaller } from './ocpi-auth.ts';
import { OCPI_STATUS, sendData, sendOcpi } from './ocpi-envelope.ts';
import { routingHeaders, sendPage } from './ocpi-list-answer.ts';

// The most objects one page carries, whatever `limit` asks (OCPI 2.2.1: "the
// server limits the maximum number of objects to return"): a Location with
// all its EVSEs can be large; a Tariff is small.
export const MAX_LOCATIONS_PER_PAGE = 50;
export const MAX_TARIFFS_PER_PAGE = 100;

type ObjectParams = { Params: { location_id: string; evse_uid?: string; connector_id?: string } };

// OCPI 2.2.1 Locations and Tariffs, Sender interface (GET only), for a
// registered partner. An unknown Location, EVSE or Connector is HTTP 404
// with OCPI 2003; a bad offset, limit or date is OCPI 2001.
export function registerSenderRoutes(app: FastifyInstance, deps: { senders: OcpiSenders; us: OurPlatform; now(): Date }): void {
  const base = `/${OCPI_VERSION}`;
  const unknown = (reply: FastifyReply, what: string) => sendOcpi(reply, deps.now(), 404, OCPI_STATUS.unknownLocation, `Unknown ${what}.`);
  app.addHook('onSend', async (request, reply) => {
    if (request.routeOptions.config.ocpiModule !== 'configuration' && reply.statusCode < 500) routingHeaders(request, reply, deps.us);
  });

  // The spec's own examples ask for the list with a trailing slash too.
  const list = (path: string, max: number, read: (q: ListQuery, reader: string) => Promise<Page<unknown>>, url: string) => {
    for (const route of [path, `${path}/`]) {
      app.get<{ Querystring: Record<string, unknown> }>(route, async (request, reply) => {
        const q = readListQuery(request.query, max);
        if (!q.ok) return sendOcpi(reply, deps.now(), 200, OCPI_STATUS.invalidParameters, q.problem);
        // The partner: the later pages of its pull use the list its first page made.
        return sendPage(reply, deps.now(), url, q.query, await read(q.query, ocpiCaller(request).holder.partner.id));
      });
    }
  };
  list(`${base}/locations`, MAX_LOCATIONS_PER_PAGE, deps.senders.locations, moduleUrl(deps.us, 'locations'));
  list(`${base}/tariffs`, MAX_TARIFFS_PER_PAGE, deps.senders.tariffs, moduleUrl(deps.us, 'tariffs'));

  app.get<ObjectParams>(`${base}/locations/:location_id`, async (request, reply) => {
    const found = await deps.senders.location(request.params.location_id);
    return found ? sendData(reply, deps.now(), found) : unknown(reply, 'Location');
  });
  app.get<ObjectParams>(`${base}/locations/:location_id/:evse_uid`, async (request, reply) => {
    const { location_id, evse_uid = '' } = request.params;
    const found = await deps.senders.evse(location_id, evse_uid);
    return found ? sendData(reply, deps.now(), found) : unknown(reply, (await deps.senders.location(location_id)) ? 'EVSE' : 'Location');
  });
  app.get<ObjectParams>(`${base}/locations/:location_id/:evse_uid/:connector_id`, async (request, reply) => {
    const { location_id, evse_uid = '', connector_id = '' } = request.params;
    const found = await deps.senders.connector(location_id, evse_uid, connector_id);
    return found ? sendData(reply, deps.now(), found) : unknown(reply, 'Location, EVSE or Connector');
  });
}
