import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CredentialsExchange, CredentialsRefusal } from '../../../usecases/ocpi/credentials-exchange.ts';
import { OCPI_VERSION } from '../../../usecases/ocpi/ocpi-wire.ts';
import { ocpiCaller } from './ocpi-auth.ts';
import { OCPI_STATUS, sendData, sendOcpi, type OcpiStatus } from './ocpi-envelope.ts';

const configuration = { config: { ocpiModule: 'configuration' as const } };

// Each refusal's answer. OCPI 2.2.1 wants 405 for a POST after registration
// and a PUT or DELETE before it; the others reached the OCPI layer with valid
// JSON, where "a HTTP error MUST NOT be returned" (status codes chapter), so
// they are HTTP 200 with the OCPI status saying what went wrong.
const ANSWERS: Record<CredentialsRefusal, [number, OcpiStatus]> = {
  not_allowed: [405, OCPI_STATUS.clientError],
  bad_credentials: [200, OCPI_STATUS.invalidParameters],
  unreadable: [200, OCPI_STATUS.unableToUseClientApi],
  no_common_version: [200, OCPI_STATUS.unsupportedVersion],
  no_party: [200, OCPI_STATUS.serverError],
};

export function refusal(reply: FastifyReply, now: Date, r: { refusal: CredentialsRefusal; message: string }): FastifyReply {
  const [http, status] = ANSWERS[r.refusal];
  if (http === 405) reply.header('allow', 'GET, POST, PUT, DELETE');
  return sendOcpi(reply, now, http, status, r.message);
}

// OCPI 2.2.1 credentials module, the receiving side (docs/ocpi.md).
export function registerCredentialsRoutes(app: FastifyInstance, deps: { credentials: CredentialsExchange; now(): Date }): void {
  const path = `/${OCPI_VERSION}/credentials`;
  app.get(path, configuration, async (request, reply) => {
    const r = deps.credentials.current(ocpiCaller(request).token);
    return r.ok ? sendData(reply, deps.now(), r.credentials) : refusal(reply, deps.now(), r);
  });
  app.post(path, configuration, async (request, reply) => {
    const r = await deps.credentials.register(ocpiCaller(request).holder, request.body);
    return r.ok ? sendData(reply, deps.now(), r.credentials) : refusal(reply, deps.now(), r);
  });
  app.put(path, configuration, async (request, reply) => {
    const r = await deps.credentials.update(ocpiCaller(request).holder, request.body);
    return r.ok ? sendData(reply, deps.now(), r.credentials) : refusal(reply, deps.now(), r);
  });
  app.delete(path, configuration, async (request, reply) => {
    const r = await deps.credentials.unregister(ocpiCaller(request).holder);
    return r.ok ? sendOcpi(reply, deps.now(), 200, OCPI_STATUS.success, 'Unregistered') : refusal(reply, deps.now(), r);
  });
}
