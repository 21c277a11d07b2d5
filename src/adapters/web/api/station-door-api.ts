import type { FastifyInstance } from 'fastify';
import { COMMAND_OUTCOMES } from '../../../core/vocabulary/command-outcome.ts';
import type { Lockout } from '../../ocpp/station-lockouts.ts';
import { ocppUrl } from '../console/station-forms.ts';
import { audit, notFound, sendError, type ApiDeps } from './api-deps.ts';
import { errors, idParams } from './api-schemas.ts';

const tags = ['stations'];
const lockoutSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', enum: ['station', 'address'], description: 'station: the station id from that address; address: every station id from it' },
    stationId: { type: ['string', 'null'] },
    address: { type: 'string' },
    failures: { type: 'integer' },
    lockedAt: { type: 'string' },
    lockedUntil: { type: 'string' },
  },
} as const;
const passwordStatus = {
  type: 'object',
  properties: {
    strength: { type: 'string', enum: ['strong', 'unchecked', 'weak'], description: 'unchecked and weak passwords should be changed' },
    second: { type: 'object', properties: { role: { type: 'string', enum: ['next', 'previous'] }, validUntil: { type: 'string' } } },
  },
} as const;
const rotation = {
  type: 'object',
  properties: {
    // An offline station is answered 409.
    outcome: { type: 'string', enum: COMMAND_OUTCOMES.filter((o) => o !== 'offline') },
    password: { type: 'string', description: 'the new password, shown only in this answer (not when the station refused it)' },
    validUntil: { type: 'string', description: 'until then the other password stays valid too' },
    ocppUrl: { type: 'string' },
  },
} as const;

const lockoutView = (l: Lockout) => ({ id: l.id, kind: l.kind, stationId: l.stationId, address: l.address, failures: l.failures, lockedAt: l.lockedAt.toISOString(), lockedUntil: l.lockedUntil.toISOString() });

// The station door in the API: password strength and change over OCPP, and
// the lockouts after failed OCPP passwords.
export function registerStationDoorApi(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Params: { id: string } }>(
    '/stations/:id/password',
    { schema: { tags, summary: 'How strong the station’s OCPP password is, and whether a second one is valid', params: idParams, response: { 200: passwordStatus, ...errors(401, 404) } } },
    async (request, reply) => {
      const status = await deps.doors.passwordStatus(request.params.id);
      if (!status) return notFound(reply, 'station');
      return { strength: status.strength, ...(status.second ? { second: { role: status.second.role, validUntil: status.second.validUntil.toISOString() } } : {}) };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/stations/:id/password/rotate',
    {
      schema: {
        tags,
        summary: 'A new OCPP password, sent to the connected station (2.0.1 SetVariables BasicAuthPassword, 1.6 ChangeConfiguration AuthorizationKey); answered once',
        params: idParams,
        response: { 200: rotation, ...errors(401, 404, 409) },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      if (!(await deps.stations.get(id))) return notFound(reply, 'station');
      const r = await deps.doors.rotate(id);
      await audit(deps, request, { action: 'station.rotate_password', subjectType: 'station', subjectId: id, outcome: r.outcome, detail: {} });
      if (r.outcome === 'offline') return sendError(reply, 409, 'conflict', 'The station is not connected; nothing was sent.');
      return { outcome: r.outcome, ...(r.password ? { password: r.password, ocppUrl: ocppUrl(deps.publicUrl, id) } : {}), ...(r.validUntil ? { validUntil: r.validUntil.toISOString() } : {}) };
    },
  );

  app.get<{ Querystring: { stationId?: string } }>(
    '/lockouts',
    {
      schema: {
        tags,
        summary: 'Lockouts in force after failed OCPP passwords',
        querystring: { type: 'object', additionalProperties: false, properties: { stationId: { type: 'string', minLength: 1, maxLength: 100 } } },
        response: { 200: { type: 'object', properties: { lockouts: { type: 'array', items: lockoutSchema } } }, ...errors(401) },
      },
    },
    async (request) => {
      const filter = request.query.stationId === undefined ? {} : { stationId: request.query.stationId };
      return { lockouts: (await deps.doors.lockouts(filter)).map(lockoutView) };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/lockouts/:id/lift',
    { schema: { tags, summary: 'Lift a lockout: the address may try again at once', params: { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9]{1,15}$' } }, required: ['id'] }, response: { 200: lockoutSchema, ...errors(401, 404) } } },
    async (request, reply) => {
      const lifted = await deps.doors.lift(Number(request.params.id), 'api');
      if (!lifted) return notFound(reply, 'lockout in force');
      await audit(deps, request, { action: 'station.lockout_lift', subjectType: 'station', subjectId: lifted.stationId ?? '*', outcome: 'ok', detail: { kind: lifted.kind, address: lifted.address } });
      return lockoutView(lifted);
    },
  );
}
