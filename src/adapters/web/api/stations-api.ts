import type { FastifyInstance } from 'fastify';
import { newStationPassword } from '../../ocpp/station-doors.ts';
import { STATION_PASSWORD_RULE } from '../../security/secret-strength.ts';
import { CONNECTOR_TYPES } from '../../../core/station-setup.ts';
import type { ConnectorInput } from '../../../usecases/operator/station-admin.ts';
import { ocppUrl } from '../console/station-forms.ts';
import { audit, notFound, sendError, type ApiDeps } from './api-deps.ts';
import { connectorSchema, errors, idParams, stationSchema } from './api-schemas.ts';
import { connectorView, stationView } from './api-views.ts';
import { refuseConnectorData } from './feed-refusals.ts';
import { connectorDataBody } from './feed-schemas.ts';

const tags = ['stations'];
const connectorSpec = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'maxPowerW'],
  properties: { type: { type: 'string', enum: [...CONNECTOR_TYPES] }, maxPowerW: { type: 'integer', minimum: 1000, maximum: 1_000_000 }, ...connectorDataBody },
} as const;
const newStation = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'siteId', 'connectors'],
  properties: {
    // OCPP 1.6 §3.1 (security whitepaper): a URL path segment; 48 is the CiString limit of chargeBoxIdentity.
    id: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,48}$', description: 'the OCPP identity' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    siteId: { type: 'string', minLength: 1 },
    connectors: { type: 'array', minItems: 1, maxItems: 32, items: connectorSpec },
    password: { type: 'string', maxLength: 200, description: `the OCPP Basic-auth password, when not generated: ${STATION_PASSWORD_RULE}` },
  },
} as const;

const stationPatch = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    siteId: { type: 'string', minLength: 1 },
    disabled: { type: 'boolean' },
    priceDisplay: { type: 'string', enum: ['auto', 'off'], description: 'the price on the station’s own screen: auto (when it can show it) or off' },
  },
} as const;
const credentials = {
  type: 'object',
  properties: {
    station: stationSchema,
    password: { type: 'string', description: 'the OCPP Basic-auth password; shown only in this answer' },
    ocppUrl: { type: 'string' },
  },
} as const;


export function registerStationsApi(app: FastifyInstance, deps: ApiDeps): void {
  const view = async (id: string) => {
    const station = await deps.stations.get(id);
    return station && stationView(station, await deps.stations.connectors(id), deps.publicUrl);
  };

  app.get('/stations', { schema: { tags, summary: 'List stations with their connectors', response: { 200: { type: 'object', properties: { stations: { type: 'array', items: stationSchema } } }, ...errors(401) } } }, async () => {
    const [stations, connectors] = await Promise.all([deps.stations.list(), deps.stations.connectors()]);
    return { stations: stations.map((s) => stationView(s, connectors, deps.publicUrl)) };
  });

  app.get<{ Params: { id: string } }>('/stations/:id', { schema: { tags, summary: 'One station', params: idParams, response: { 200: stationSchema, ...errors(401, 404) } } }, async (request, reply) => {
    return (await view(request.params.id)) ?? notFound(reply, 'station');
  });

  app.post<{ Body: { id: string; name: string; siteId: string; connectors: ConnectorInput[]; password?: string } }>(
    '/stations',
    { schema: { tags, summary: 'Add a station; answers its OCPP password once', body: newStation, response: { 201: credentials, ...errors(400, 401, 409) } } },
    async (request, reply) => {
      const b = request.body;
      const noSite = () => sendError(reply, 400, 'bad_request', `body/siteId: no active site "${b.siteId}".`);
      const exists = () => sendError(reply, 409, 'conflict', `A station with id "${b.id}" exists already.`);
      // Asked before a password is made: a wrong site or a taken id costs no hashing.
      const site = await deps.sites.get(b.siteId);
      if (!site || site.disabled) return noSite();
      if (await deps.stations.get(b.id)) return exists();
      // Kept with a fast hash, so a hand-picked one must be as strong as a generated one.
      const made = await newStationPassword(b.password);
      if (!made.ok) return sendError(reply, 400, 'bad_request', `body/password: ${made.problem}`);
      const { password } = made;
      const created = await deps.stations.create({
        id: b.id,
        siteId: b.siteId,
        name: b.name.trim(),
        passwordHash: made.hash,
        connectors: b.connectors.map((c, i) => ({ ...c, connectorNo: i + 1 })),
      });
      if (!created.ok && created.reason === 'invalid') return refuseConnectorData(reply, created.errors);
      if (!created.ok) return created.reason === 'exists' ? exists() : noSite();
      await audit(deps, request, { action: 'station.create', subjectType: 'station', subjectId: b.id, outcome: 'ok', detail: { siteId: b.siteId, connectors: b.connectors.length } });
      return reply.code(201).send({ station: await view(b.id), password, ocppUrl: ocppUrl(deps.publicUrl, b.id) });
    },
  );

  app.patch<{ Params: { id: string }; Body: { name?: string; siteId?: string; disabled?: boolean; priceDisplay?: 'auto' | 'off' } }>(
    '/stations/:id',
    { schema: { tags, summary: 'Rename, move or disable a station, or switch the price on its screen', params: idParams, body: stationPatch, response: { 200: stationSchema, ...errors(400, 401, 404) } } },
    async (request, reply) => {
      const updated = await deps.stations.update(request.params.id, request.body);
      if (!updated.ok) return updated.reason === 'not_found' ? notFound(reply, 'station') : sendError(reply, 400, 'bad_request', `body/siteId: no site "${request.body.siteId}".`);
      await audit(deps, request, { action: 'station.update', subjectType: 'station', subjectId: request.params.id, outcome: 'ok', detail: { ...request.body } });
      return view(request.params.id);
    },
  );

  // The body is optional (no body: a generated password), so it is read here
  // rather than by a schema.
  app.post<{ Params: { id: string } }>(
    '/stations/:id/password',
    { schema: { tags, summary: `A new OCPP password; answered once. Optional JSON body {"password": …} for one picked by hand: ${STATION_PASSWORD_RULE}`, params: idParams, response: { 200: credentials, ...errors(400, 401, 404) } } },
    async (request, reply) => {
      const id = request.params.id;
      if (!(await deps.stations.get(id))) return notFound(reply, 'station');
      const body: unknown = request.body;
      const given = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).password : undefined;
      if (given !== undefined && typeof given !== 'string') return sendError(reply, 400, 'bad_request', 'body/password must be a string');
      const made = await deps.doors.setPassword(id, given);
      if (!made.ok) return sendError(reply, 400, 'bad_request', `body/password: ${made.problem}`);
      const { password } = made;
      await audit(deps, request, { action: 'station.new_password', subjectType: 'station', subjectId: id, outcome: 'ok', detail: {} });
      return { station: await view(id), password, ocppUrl: ocppUrl(deps.publicUrl, id) };
    },
  );

  app.post<{ Params: { id: string }; Body: ConnectorInput }>(
    '/stations/:id/connectors',
    { schema: { tags, summary: 'Add a connector (with a new public code)', params: idParams, body: connectorSpec, response: { 201: connectorSchema, ...errors(400, 401, 404) } } },
    async (request, reply) => {
      const added = await deps.stations.addConnector(request.params.id, request.body);
      if (!added.ok && added.reason === 'invalid') return refuseConnectorData(reply, added.errors);
      if (!added.ok) return notFound(reply, 'station');
      const c = added.connector;
      await audit(deps, request, { action: 'connector.create', subjectType: 'connector', subjectId: c.id, outcome: 'ok', detail: { code: c.code } });
      return reply.code(201).send(connectorView(c, deps.publicUrl));
    },
  );
}
