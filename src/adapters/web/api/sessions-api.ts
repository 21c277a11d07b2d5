import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_STATES, type SessionState } from '../../../core/vocabulary/session-states.ts';
import type { OperatorResult } from '../../../usecases/operator/operator-actions.ts';
import { osloDayEndUtc, osloLocalToUtc } from '../console/oslo-time.ts';
import { apiActor, audit, notFound, sendError, type ApiDeps } from './api-deps.ts';
import { errors, idParams, refundAnswerSchema, sessionDetailSchema, sessionSchema } from './api-schemas.ts';
import { sessionView } from './api-views.ts';

const tags = ['sessions'];
const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    state: { type: 'string', enum: [...SESSION_STATES] },
    stationId: { type: 'string', minLength: 1 },
    from: { type: 'string', format: 'date', description: 'created on or after this Norwegian date' },
    to: { type: 'string', format: 'date', description: 'created on or before this Norwegian date' },
    reference: { type: 'string', minLength: 1 },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
  },
} as const;
const refundBody = {
  type: 'object',
  additionalProperties: false,
  required: ['amountOre', 'reason'],
  properties: { amountOre: { type: 'integer', minimum: 1 }, reason: { type: 'string', minLength: 3, maxLength: 200 } },
} as const;

const refundHeaders = {
  type: 'object',
  required: ['idempotency-key'],
  properties: {
    'idempotency-key': {
      type: 'string',
      minLength: 8,
      maxLength: 200,
      pattern: '^[\\x21-\\x7e]+$',
      description: 'One key per refund: the same key again refunds nothing more and answers the first refund (header Idempotent-Replayed: true).',
    },
  },
} as const;
const reviewBody = {
  type: 'object',
  additionalProperties: false,
  required: ['action', 'reason'],
  properties: {
    action: { type: 'string', enum: ['capture', 'release'] },
    amountOre: { type: 'integer', minimum: 1, description: 'with capture: at most what the driver authorized' },
    reason: { type: 'string', minLength: 3, maxLength: 200 },
  },
} as const;

interface ListQuery {
  state?: SessionState;
  stationId?: string;
  from?: string;
  to?: string;
  reference?: string;
  limit: number;
}

// An action that did nothing: 404 for an unknown session, 409 when the
// session's state does not allow it, 502 when Vipps refused.
function refused(reply: FastifyReply, reason: string): FastifyReply {
  if (reason === 'not_found') return notFound(reply, 'session');
  if (reason === 'more_than_captured') return sendError(reply, 409, 'conflict', 'amountOre is more than is left to refund.');
  if (reason === 'more_than_authorized') return sendError(reply, 409, 'conflict', 'amountOre is more than the driver authorized.');
  if (reason === 'key_reused') return sendError(reply, 409, 'conflict', 'This Idempotency-Key was used for another refund.');
  if (reason === 'refund_in_progress') return sendError(reply, 409, 'conflict', 'A refund with this Idempotency-Key is still being made; ask again shortly.');
  if (reason === 'key_required') return sendError(reply, 400, 'bad_request', 'An Idempotency-Key header of 8 to 200 printable characters is required.');
  if (reason === 'invalid_amount' || reason === 'reason_required') return sendError(reply, 400, 'bad_request', reason.replace(/_/g, ' '));
  if (/^(already |nothing to |duplicate|.* in [a-z_]+$)/.test(reason)) return sendError(reply, 409, 'conflict', `Not possible now: ${reason}.`);
  return sendError(reply, 502, 'payment_provider', `Vipps refused: ${reason}. Nothing was changed.`);
}

export function registerSessionsApi(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Querystring: ListQuery }>(
    '/sessions',
    { schema: { tags, summary: 'List sessions, newest first', querystring: listQuery, response: { 200: { type: 'object', properties: { sessions: { type: 'array', items: sessionSchema } } }, ...errors(400, 401) } } },
    async (request) => {
      const q = request.query;
      const rows = await deps.sessions.list({
        ...(q.state ? { state: q.state } : {}),
        ...(q.stationId ? { stationId: q.stationId } : {}),
        ...(q.from ? { fromIso: osloLocalToUtc(q.from)?.toISOString() } : {}),
        ...(q.to ? { toIso: osloDayEndUtc(q.to)?.toISOString() } : {}),
        ...(q.reference ? { reference: q.reference } : {}),
        limit: q.limit,
      });
      const now = deps.now();
      return { sessions: rows.map((r) => sessionView(r.session, now)) };
    },
  );

  app.get<{ Params: { id: string } }>('/sessions/:id', { schema: { tags, summary: 'One session with its history', params: idParams, response: { 200: sessionDetailSchema, ...errors(401, 404) } } }, async (request, reply) => {
    const stored = await deps.sessions.get(request.params.id);
    if (!stored) return notFound(reply, 'session');
    return { ...sessionView(stored.session, deps.now()), events: await deps.sessions.events(stored.session.id) };
  });

  const action = <B>(name: string, summary: string, body: object | undefined, run: (id: string, body: B) => Promise<OperatorResult>, detail: (body: B) => Record<string, unknown>) =>
    app.post<{ Params: { id: string } }>(
      `/sessions/:id/${name}`,
      { schema: { tags, summary, params: idParams, ...(body ? { body } : {}), response: { 200: sessionSchema, ...errors(400, 401, 404, 409, 502) } } },
      async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
        const id = request.params.id;
        // The schema above has checked it.
        const body = request.body as B;
        if (!(await deps.sessions.get(id))) return notFound(reply, 'session');
        const r = await run(id, body);
        await audit(deps, request, { action: `session.${name}`, subjectType: 'session', subjectId: id, outcome: r.ok ? 'ok' : r.reason, detail: detail(body) });
        if (!r.ok) return refused(reply, r.reason);
        const stored = await deps.sessions.get(id);
        return stored && sessionView(stored.session, deps.now());
      },
    );

  action('stop', 'Stop charging; a session still awaiting payment has its payment cancelled at Vipps (failure cancelled_by_operator)', undefined, (id) => deps.operator.stop(id), () => ({}));
  action('settle', 'Settle now on the last meter value (a silent station)', undefined, (id) => deps.operator.settleNow(id), () => ({}));
  action<{ action: 'capture' | 'release'; amountOre?: number; reason: string }>(
    'review',
    'Decide a session that could not be priced (state needs_review): capture an amount up to what was authorized, or release it all',
    reviewBody,
    (id, b) => {
      if (b.action === 'release') return deps.operator.resolveReview(id, { action: 'release', reason: b.reason });
      if (b.amountOre === undefined) return Promise.resolve({ ok: false, reason: 'invalid_amount' });
      return deps.operator.resolveReview(id, { action: 'capture', amountOre: b.amountOre, reason: b.reason });
    },
    (b) => ({ ...b }),
  );

  // One refund per Idempotency-Key: the same request again (a retry, a double
  // click, three at once) refunds once and answers like the first.
  app.post<{ Params: { id: string }; Body: { amountOre: number; reason: string } }>(
    '/sessions/:id/refund',
    {
      schema: {
        tags,
        summary: 'Refund part or all of what was captured, once per Idempotency-Key',
        params: idParams,
        headers: refundHeaders,
        body: refundBody,
        response: { 200: refundAnswerSchema, ...errors(400, 401, 404, 409, 502) },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const { amountOre, reason } = request.body;
      const key = String(request.headers['idempotency-key'] ?? '');
      if (!(await deps.sessions.get(id))) return notFound(reply, 'session');
      const r = await deps.operator.refund(id, { amountOre, reason, key, actor: apiActor(request) });
      const detail = { amountOre, reason, ...(r.ok ? { repeated: r.repeated } : {}) };
      await audit(deps, request, { action: 'session.refund', subjectType: 'session', subjectId: id, outcome: r.ok ? 'ok' : r.reason, detail });
      if (!r.ok) return refused(reply, r.reason);
      if (r.repeated) reply.header('idempotent-replayed', 'true');
      const stored = await deps.sessions.get(id);
      return stored && { ...sessionView(stored.session, deps.now()), refund: { amountOre, repeated: r.repeated } };
    },
  );
}
