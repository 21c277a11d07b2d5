import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OperationResult, Operator } from '../../../usecases/operator/station-operations.ts';
import type { ConfigurationRead, ResetKind, StationAnswer, TransferAnswer, TriggerMessage } from '../../../usecases/ports/charger-operations.ts';
import { answerText, refusalText } from '../operation-answer.ts';
import { apiActor, sendError, type ApiDeps } from './api-deps.ts';
import { errors, idParams } from './api-schemas.ts';
import {
  answerSchema,
  availabilityBody,
  configurationChangeBody,
  configurationQuery,
  configurationSchema,
  diagnosticsBody,
  firmwareBody,
  historySchema,
  resetBody,
  triggerBody,
  unlockBody,
} from './station-operations-schemas.ts';

const tags = ['stations'];
const commandErrors = errors(400, 401, 403, 404, 409);

type Id = { Params: { id: string } };

function operator(request: FastifyRequest, confirm = false): Operator {
  return { actor: apiActor(request), address: request.ip, confirm };
}

// 404 no station, 400 bad input, 409 offline or a charging session not
// confirmed; otherwise 200 with the station's answer, whatever it was.
function reply<A extends StationAnswer | ConfigurationRead>(res: FastifyReply, what: string, r: OperationResult<A>, view: (a: A) => object) {
  if (r.ok) return res.send({ ...view(r.answer), message: answerText(what, r.answer) });
  if (r.reason === 'not_found') return sendError(res, 404, 'not_found', refusalText(r));
  if (r.reason === 'bad_input') return sendError(res, 400, 'bad_request', refusalText(r));
  if (r.reason === 'offline') return sendError(res, 409, 'conflict', refusalText(r));
  return sendError(res, 409, 'conflict', `${refusalText(r)} Send "confirm": true to go ahead.`, r.charging.map((c) => ({ ...c })));
}

const answerView = (a: TransferAnswer) => ({
  outcome: a.outcome,
  ...(a.status !== undefined ? { status: a.status } : {}),
  ...(a.requestId !== undefined ? { requestId: a.requestId } : {}),
  ...(a.fileName !== undefined ? { fileName: a.fileName } : {}),
});

// Remote station operations (docs/station-operations.md). Each goes to the
// station now and answers what it said; each is in the audit log.
export function registerStationOperationsApi(app: FastifyInstance, deps: ApiDeps): void {
  const ops = deps.operations;
  const command = (summary: string, body: object, response: object = answerSchema) => ({
    schema: { tags, summary, params: idParams, body, response: { 200: response, ...commandErrors } },
  });

  app.post<Id & { Body: { type: ResetKind; confirm?: boolean } }>('/stations/:id/reset', command('Reset the station (soft: 1.6 Soft, 2.0.1 OnIdle; hard: 1.6 Hard, 2.0.1 Immediate)', resetBody), async (request, res) =>
    reply(res, 'reset', await ops.reset(request.params.id, request.body.type, operator(request, request.body.confirm)), answerView),
  );

  app.post<Id & { Body: { connectorNo: number; confirm?: boolean } }>('/stations/:id/unlock', command('Unlock a connector’s cable', unlockBody), async (request, res) =>
    reply(res, 'unlock', await ops.unlock(request.params.id, request.body.connectorNo, operator(request, request.body.confirm)), answerView),
  );

  app.post<Id & { Body: { connectorNo?: number; available: boolean; confirm?: boolean } }>(
    '/stations/:id/availability',
    command('Make the station or one connector available (Operative) or unavailable (Inoperative)', availabilityBody),
    async (request, res) => {
      const b = request.body;
      return reply(res, 'availability change', await ops.setAvailability(request.params.id, b.connectorNo ?? 0, b.available, operator(request, b.confirm)), answerView);
    },
  );

  // A read that asks the station: an operator's, like the other commands.
  app.get<Id & { Querystring: { key?: string[] } }>(
    '/stations/:id/configuration',
    {
      config: { role: 'operator' },
      schema: { tags, summary: 'Read the station’s configuration (1.6 GetConfiguration, 2.0.1 GetVariables)', params: idParams, querystring: configurationQuery, response: { 200: configurationSchema, ...commandErrors } },
    },
    async (request, res) => {
      const r = await ops.readConfiguration(request.params.id, request.query.key ?? [], operator(request));
      return reply(res, 'configuration read', r, (a) => ({ outcome: a.outcome, entries: a.entries }));
    },
  );

  app.put<Id & { Body: { key: string; value: string } }>(
    '/stations/:id/configuration',
    command('Change one configuration key (1.6 ChangeConfiguration, 2.0.1 SetVariables with Component.Variable)', configurationChangeBody),
    async (request, res) => reply(res, 'configuration change', await ops.changeConfiguration(request.params.id, request.body.key, request.body.value, operator(request)), answerView),
  );

  app.post<Id & { Body: { message: TriggerMessage; connectorNo?: number } }>('/stations/:id/trigger', command('Ask the station to send a message now', triggerBody), async (request, res) =>
    reply(res, 'trigger', await ops.trigger(request.params.id, request.body.message, request.body.connectorNo, operator(request)), answerView),
  );

  app.post<Id & { Body: { location: string; retrieveAt?: string; confirm?: boolean } }>(
    '/stations/:id/firmware',
    command('Update the firmware; progress shows in GET /stations/{id}/operations', firmwareBody),
    async (request, res) => {
      const b = request.body;
      const at = b.retrieveAt ? new Date(b.retrieveAt) : deps.now();
      return reply(res, 'firmware update', await ops.updateFirmware(request.params.id, b.location, at, operator(request, b.confirm)), answerView);
    },
  );

  app.post<Id & { Body: { location: string } }>(
    '/stations/:id/diagnostics',
    command('Upload diagnostics (1.6 GetDiagnostics, 2.0.1 GetLog); progress shows in GET /stations/{id}/operations', diagnosticsBody),
    async (request, res) => reply(res, 'diagnostics upload', await ops.uploadDiagnostics(request.params.id, request.body.location, operator(request)), answerView),
  );

  app.get<Id>(
    '/stations/:id/operations',
    { schema: { tags, summary: 'The station’s last operations with their answers, and its firmware and diagnostics progress', params: idParams, response: { 200: historySchema, ...errors(401, 404) } } },
    async (request, res) => {
      if (!(await deps.stations.get(request.params.id))) return sendError(res, 404, 'not_found', 'No such station.');
      const h = await ops.history(request.params.id);
      return { operations: h.operations.map((o) => ({ at: o.at, actor: o.actor, action: o.action, outcome: o.outcome, detail: o.detail })), transfers: h.transfers };
    },
  );
}
