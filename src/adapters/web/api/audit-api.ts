import type { FastifyInstance } from 'fastify';
import type { AuditTrail } from '../../../usecases/ports/operator-audit.ts';
import { errors } from './api-schemas.ts';

const tags = ['audit'];
const query = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    before: { type: 'integer', minimum: 1, description: 'only records older than this id (the next page)' },
    actor: { type: 'string', minLength: 1, maxLength: 300, description: 'e.g. console:drift@example.no or api:bookkeeping' },
    action: { type: 'string', minLength: 1, maxLength: 100, description: 'e.g. session.refund or console.login' },
  },
} as const;
const recordSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    at: { type: 'string' },
    actor: { type: 'string' },
    address: { type: ['string', 'null'] },
    action: { type: 'string' },
    subjectType: { type: 'string' },
    subjectId: { type: 'string' },
    outcome: { type: 'string' },
    detail: { type: 'object', additionalProperties: true },
  },
} as const;

// GET /audit: every operator action and console login, newest first (owners only).
export function registerAuditApi(app: FastifyInstance, deps: { audit: Pick<AuditTrail, 'recent'> }): void {
  app.get<{ Querystring: { limit: number; before?: number; actor?: string; action?: string } }>(
    '/audit',
    {
      config: { role: 'owner' },
      schema: { tags, summary: 'The audit log: who did what, when and from where (owners)', querystring: query, response: { 200: { type: 'object', properties: { records: { type: 'array', items: recordSchema } } }, ...errors(400, 401, 403) } },
    },
    async (request) => {
      const q = request.query;
      const records = await deps.audit.recent({ limit: q.limit, ...(q.before !== undefined ? { beforeId: q.before } : {}), ...(q.actor ? { actor: q.actor } : {}), ...(q.action ? { action: q.action } : {}) });
      return { records: records.map((r) => ({ ...r, address: r.address ?? null })) };
    },
  );
}
