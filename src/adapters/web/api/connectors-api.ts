import type { FastifyInstance } from 'fastify';
import { CONNECTOR_TYPES } from '../../../core/station-setup.ts';
import { audit, notFound, type ApiDeps } from './api-deps.ts';
import { connectorSchema, errors, idParams } from './api-schemas.ts';
import { connectorView } from './api-views.ts';

const tags = ['connectors'];
const connectorPatch = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { type: { type: 'string', enum: [...CONNECTOR_TYPES] }, maxPowerW: { type: 'integer', minimum: 1000, maximum: 1_000_000 }, disabled: { type: 'boolean' } },
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

  app.patch<{ Params: { id: string }; Body: { type?: string; maxPowerW?: number; disabled?: boolean } }>(
    '/connectors/:id',
    { schema: { tags, summary: 'Change or disable a connector', params: idParams, body: connectorPatch, response: { 200: connectorSchema, ...errors(400, 401, 404) } } },
    async (request, reply) => {
      const c = await deps.stations.updateConnector(request.params.id, request.body);
      if (!c) return notFound(reply, 'connector');
      await audit(deps, request, { action: 'connector.update', subjectType: 'connector', subjectId: request.params.id, outcome: 'ok', detail: { ...request.body } });
      return connectorView(c, deps.publicUrl);
    },
  );
}
