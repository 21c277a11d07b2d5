import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiToken, ApiTokenStore } from '../../storage/api-token-store.ts';
import type { AuditEntry, ConsoleQueries } from '../../storage/console-queries.ts';
import type { StationStore } from '../../storage/station-store.ts';
import type { TariffStore } from '../../storage/tariff-store.ts';
import type { OperatorActions } from '../../../usecases/operator-actions.ts';
import type { SessionRepository } from '../../../usecases/ports/session-repository.ts';

export interface ApiDeps {
  tokens: ApiTokenStore;
  stations: StationStore;
  tariffs: TariffStore;
  queries: ConsoleQueries;
  sessions: Pick<SessionRepository, 'byId' | 'events'>;
  operator: OperatorActions;
  publicUrl(): string;
  now(): Date;
}

export type ApiErrorCode = 'bad_request' | 'unauthorized' | 'not_found' | 'conflict' | 'payment_provider' | 'internal_error';

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

export async function audit(deps: ApiDeps, request: FastifyRequest, e: Omit<AuditEntry, 'at' | 'actor'>): Promise<void> {
  await deps.queries.audit({ ...e, at: deps.now().toISOString(), actor: apiActor(request) });
}
