import type { FastifyInstance } from 'fastify';
import type { Alert } from '../../../core/alerts/alert.ts';
import { ALERT_RULES } from '../../../core/vocabulary/alert-rules.ts';
import { apiActor, audit, notFound, sendError, type ApiDeps } from './api-deps.ts';
import { errors } from './api-schemas.ts';

const tags = ['alerts'];
const alertSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    rule: { type: 'string', enum: [...ALERT_RULES] },
    subject: { type: 'string', description: 'what the alert is about: a station id, a connector id, an outbox item id, a session id' },
    summary: { type: 'string' },
    detail: { type: 'object', additionalProperties: true },
    openedAt: { type: 'string' },
    resolvedAt: { type: ['string', 'null'] },
    acknowledgedAt: { type: ['string', 'null'] },
    acknowledgedBy: { type: ['string', 'null'] },
  },
} as const;
const params = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } } as const;

const view = ({ key: _key, ...a }: Alert) => a;

// GET /alerts: the open alerts and the latest resolved ones; POST
// /alerts/{id}/acknowledge: someone is on it (operators).
export function registerAlertsApi(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/alerts',
    {
      schema: {
        tags,
        summary: 'Open alerts, newest first, and the latest resolved ones',
        response: { 200: { type: 'object', properties: { open: { type: 'array', items: alertSchema }, resolved: { type: 'array', items: alertSchema } } }, ...errors(401, 403) },
      },
    },
    async () => {
      const { open, resolved } = await deps.alerts.list();
      return { open: open.map(view), resolved: resolved.map(view) };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/alerts/:id/acknowledge',
    { schema: { tags, summary: 'Acknowledge an open alert; it stays open until its condition is gone', params, response: { 200: alertSchema, ...errors(401, 403, 404, 409) } } },
    async (request, reply) => {
      const { id } = request.params;
      const outcome = await deps.alerts.acknowledge(id, apiActor(request));
      await audit(deps, request, { action: 'alert.acknowledge', subjectType: 'alert', subjectId: id, outcome, detail: {} });
      if (outcome === 'not_found') return notFound(reply, 'alert');
      if (outcome !== 'ok') return sendError(reply, 409, 'conflict', outcome === 'resolved' ? 'This alert is resolved already.' : 'This alert was acknowledged already.');
      const alert = await deps.alerts.get(id);
      return alert ? view(alert) : notFound(reply, 'alert');
    },
  );
}
