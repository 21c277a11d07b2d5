import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { registerAlertsApi } from './alerts-api.ts';
import { requireBearerToken } from './api-auth.ts';
import { registerAuditApi } from './audit-api.ts';
import { sendError, type ApiDeps } from './api-deps.ts';
import { useStrictValidation } from './api-validators.ts';
import { feedsOpenApi } from './feeds-openapi.ts';
import { registerConnectorsApi } from './connectors-api.ts';
import { registerOcpiPartnersApi, type OcpiPartnersApiDeps } from './ocpi-partners-api.ts';
import { registerReportsApi } from './reports-api.ts';
import { registerSessionsApi } from './sessions-api.ts';
import { registerSitesApi } from './sites-api.ts';
import { registerStationDoorApi } from './station-door-api.ts';
import { registerStationOperationsApi } from './station-operations-api.ts';
import { registerStationsApi } from './stations-api.ts';
import { registerTariffsApi } from './tariffs-api.ts';

export interface ApiOptions extends ApiDeps, OcpiPartnersApiDeps {
  version: string;
}

// swagger-ui's own page policy asks browsers to upgrade every request to
// https, which breaks /docs on a plain-http address (the demo, a test).
export function docsPolicy(policy: string, publicUrl: string): string {
  return publicUrl.startsWith('https:') ? policy : policy.replace(/\s*upgrade-insecure-requests;?/g, '').trim();
}

// The REST API under /api/v1 with its OpenAPI description at /docs/json and
// a browsable one at /docs. Registered with app.register() and not wrapped in
// fastify-plugin, so swagger sees only these routes and the rest of the app
// keeps its own validation and error pages. The charger feeds (/ocpi,
// /datex2) are in the same document, written out (feeds-openapi.ts).
export const restApi: FastifyPluginAsync<ApiOptions> = async (app, o) => {
  const feeds = feedsOpenApi();
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Ladepay API',
        version: o.version,
        description:
          'Sites, stations, connectors, tariffs and charging sessions. Money is integer øre (VAT included), energy integer Wh, times ISO 8601 UTC. ' +
          'Also the charger feeds: the OCPI 2.2.1 interface for partners under /ocpi (tag ocpi) and the open AFIR DATEX II feed under /datex2 (tag datex2).',
      },
      components: {
        ...feeds.components,
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a token from `npm run ladepay -- api-token create <name>`' }, ...feeds.components.securitySchemes },
      },
      security: [{ bearer: [] }],
      tags: [...['sites', 'stations', 'connectors', 'tariffs', 'sessions', 'reports', 'alerts', 'audit'].map((name) => ({ name })), ...feeds.tags],
      paths: feeds.paths,
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true, transformStaticCSP: (policy) => docsPolicy(policy, o.publicUrl) });

  await app.register(
    async (api) => {
      useStrictValidation(api);
      api.setErrorHandler((error: FastifyError, request, reply) => {
        if (error.validation) return sendError(reply, 400, 'bad_request', `${error.validationContext ?? 'request'}${error.message.startsWith('/') ? '' : ' '}${error.message}`.replace(/^(\w+) \1/, '$1'));
        const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
        if (status >= 500) {
          request.log.error({ err: error }, 'API request failed');
          return sendError(reply, 500, 'internal_error', 'Something went wrong on our side.');
        }
        return sendError(reply, status, status === 404 ? 'not_found' : 'bad_request', error.message);
      });
      api.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'not_found', 'No such API route.'));
      requireBearerToken(api, o);
      registerSitesApi(api, o);
      registerStationsApi(api, o);
      registerStationDoorApi(api, o);
      registerStationOperationsApi(api, o);
      registerConnectorsApi(api, o);
      registerTariffsApi(api, o);
      registerSessionsApi(api, o);
      registerAlertsApi(api, o);
      registerAuditApi(api, o);
      registerReportsApi(api, o);
      registerOcpiPartnersApi(api, o);
    },
    { prefix: '/api/v1' },
  );
};
