import type { FastifyInstance } from 'fastify';
import { CONNECTOR_TYPES } from '../../../core/station-setup.ts';
import type { ConnectorChange } from '../../../usecases/operator/station-admin.ts';
import { audit, notFound, type ApiDeps } from './api-deps.ts';
import { connectorSchema, errors, idParams } from './api-schemas.ts';
import { connectorView } from './api-views.ts';
import { refuseConnectorData } from './feed-refusals.ts';
import { connectorDataBody } from './feed-schemas.ts';

const tags = ['connectors'];
const connectorPatch = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { type: { type: 'string', enum: [...CONNECTOR_TYPES] }, maxPowerW: { type: 'integer', minimum: 1000, maximum: 1_000_000 }, disabled: { type: 'boolean' }, ...connectorDataBody },
} as const;

export function registerConnectorsApi(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Querystring: { stationId?: string } }>(
    '/connectors',
    {
      schema: {
        tags,
        summary: 'List connectors',
        querystring: { type: 'object', additionalProperties: false, properties: { stationId: { type: 'string', minLength: 1 } } },
        response: { 200: { type: 'object', properties: { connectors: { type: 'array', items: connectorSchema } } }, ...errors(400, 401) },
      },
    },
    async (request) => ({ connectors: (await deps.stations.connectors(request.query.stationId)).map((c) => connectorView(c, deps.publicUrl)) }),
  );

  app.get<{ Params: { id: string } }>('/connectors/:id', { schema: { tags, summary: 'One connector', params: idParams, response: { 200: connectorSchema, ...errors(401, 404) } } }, async (request, reply) => {
    const c = await deps.stations.connector(request.params.id);
    return c ? connectorView(c, deps.publicUrl) : notFound(reply, 'connector');
  });

  app.patch<{ Params: { id: string }; Body: ConnectorChange }>(
    '/connectors/:id',
    {
      schema: {
        tags,
        summary: 'Change or disable a connector, or what the charger feeds say of it (a new type with nothing else said takes that type’s feed data)',
        params: idParams,
        body: connectorPatch,
        response: { 200: connectorSchema, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const updated = await deps.stations.updateConnector(request.params.id, request.body);
      if (!updated.ok && updated.reason === 'invalid') return refuseConnectorData(reply, updated.errors);
      if (!updated.ok) return notFound(reply, 'connector');
      await audit(deps, request, { action: 'connector.update', subjectType: 'connector', subjectId: request.params.id, outcome: 'ok', detail: { ...request.body } });
      return connectorView(updated.connector, deps.publicUrl);
    },
  );
}
