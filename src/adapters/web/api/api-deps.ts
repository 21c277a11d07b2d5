import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StationDoors } from '../../ocpp/station-doors.ts';
import type { AlertAdmin } from '../../../usecases/alerts/alert-admin.ts';
import type { OperatorActions } from '../../../usecases/operator/operator-actions.ts';
import type { OperatorAdmin } from '../../../usecases/operator/operator-admin.ts';
import type { StationOperations } from '../../../usecases/operator/station-operations.ts';
import type { ApiToken } from '../../../usecases/ports/operator-api-tokens.ts';
import type { AuditEntry } from '../../../usecases/ports/operator-audit.ts';
import type { SecurityMetrics } from '../security-metrics.ts';

export interface ApiDeps extends Pick<OperatorAdmin, 'sites' | 'feeds' | 'stations' | 'tariffs' | 'sessions' | 'audit' | 'reports'> {
  tokens: Pick<OperatorAdmin['tokens'], 'verify'>;
  doors: StationDoors;
  alerts: AlertAdmin;
  operator: OperatorActions;
  operations: StationOperations;
  publicUrl: string;
  now(): Date;
  security: SecurityMetrics;
}

export type ApiErrorCode = 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'too_many_requests' | 'payment_provider' | 'ocpi_partner' | 'internal_error';

export function sendError(reply: FastifyReply, status: number, error: ApiErrorCode, message: string, details?: object[]): FastifyReply {
  return reply.code(status).send({ error, message, ...(details ? { details } : {}) });
}

export function notFound(reply: FastifyReply, what: string): FastifyReply {
  return sendError(reply, 404, 'not_found', `No such ${what}.`);
}

const tokens = new WeakMap<FastifyRequest, ApiToken>();

export function rememberToken(request: FastifyRequest, token: ApiToken): void {
  tokens.set(request, token);
}

export function apiActor(request: FastifyRequest): string {
  return `api:${tokens.get(request)?.name ?? 'unknown'}`;
}

// Who (the token's name), when, and from where (the client's real address).
export async function audit(deps: ApiDeps, request: FastifyRequest, e: Omit<AuditEntry, 'at' | 'actor' | 'address'>): Promise<void> {
  await deps.audit.record({ ...e, at: deps.now().toISOString(), actor: apiActor(request), address: request.ip });
}
