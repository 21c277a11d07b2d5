import type { FastifyInstance } from 'fastify';
import { OCPI_VERSION } from '../../../usecases/ocpi/ocpi-wire.ts';
import { detailsUrl, ourEndpoints, type OurPlatform } from '../../../usecases/ocpi/our-platform.ts';
import { sendData } from './ocpi-envelope.ts';

const configuration = { config: { ocpiModule: 'configuration' as const } };

// OCPI 2.2.1 versions module: the version information endpoint (the one
// version Ladepay speaks) and its details (credentials; locations and tariffs
// as SENDER). Both take a Token A, as the partner reads them before it registers.
export function registerVersionsRoutes(app: FastifyInstance, deps: { us: OurPlatform; now(): Date }): void {
  app.get('/versions', configuration, async (_request, reply) => sendData(reply, deps.now(), [{ version: OCPI_VERSION, url: detailsUrl(deps.us) }]));
  app.get(`/${OCPI_VERSION}`, configuration, async (_request, reply) => sendData(reply, deps.now(), { version: OCPI_VERSION, endpoints: ourEndpoints(deps.us) }));
}
