import { guardedRoute } from './guarded-route.ts';
import { isPlainObject, readJsonBody } from './request-body.ts';
import { isAcceptedWebhookUrl } from './url-rules.ts';
import { jsonAnswer, emptyAnswer } from './sim-answer.ts';
import { KNOWN_EVENTS } from './webhook-registry.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ErrorFactory } from './api-style.ts';
import type { GuardContext } from './guarded-route.ts';
import type { SimMerchant } from './merchants.ts';
import type { ExtraDetail } from './problem.ts';
import type { SimAnswer } from './sim-answer.ts';
import type { WebhookRegistry } from './webhook-registry.ts';

const AUTH = { msnRequired: false, systemHeaderMax: 30 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function register(request: FastifyRequest, merchant: SimMerchant, error: ErrorFactory, registry: WebhookRegistry): SimAnswer {
  const body = readJsonBody(request.body, request.headers['content-type']);
  const invalid = (issues: ExtraDetail[]) => error(400, 'Bad Request', 'One or more validation errors occurred.', issues);
  if (body.kind === 'invalid') return invalid([{ name: 'body', reason: body.reason }]);
  if (body.kind === 'empty' || !isPlainObject(body.value)) return invalid([{ name: 'body', reason: 'A JSON object with url and events is required.' }]);
  const { url, events, ...rest } = body.value;
  const issues: ExtraDetail[] = Object.keys(rest).map((name) => ({ name, reason: 'Is not a known property.' }));
  if (typeof url !== 'string' || url === '') issues.push({ name: 'url', reason: 'The property is required and cannot be null or empty.' });
  else if (!isAcceptedWebhookUrl(url)) issues.push({ name: 'url', reason: 'Must be a valid HTTPS URL (http only on 127.0.0.1 or localhost).' });
  if (!Array.isArray(events) || events.length === 0) issues.push({ name: 'events', reason: 'At least one event type is required.' });
  else {
    for (const event of events) {
      if (typeof event !== 'string' || !KNOWN_EVENTS.has(event)) issues.push({ name: 'events', reason: `Unknown event type: ${String(event)}.` });
    }
  }
  if (issues.length > 0) return invalid(issues);
  const wanted = events as string[];
  const full = registry.full(merchant.msn, wanted);
  if (full.length > 0) {
    return error(400, 'Bad Request', `Too many webhooks are registered for ${full.join(', ')}.`, full.map((name) => ({ name: 'events', reason: `Limit reached for ${name}.` })));
  }
  const registration = registry.register(merchant.msn, url as string, wanted);
  return jsonAnswer(201, { id: registration.id, secret: registration.secret });
}

/** Webhooks API v1 (docs/vipps-contract.md §14). */
export function registerWebhookRoutes(app: FastifyInstance, ctx: GuardContext, registry: WebhookRegistry): void {
  app.post('/webhooks/v1/webhooks', guardedRoute(ctx, 'webhooks', AUTH, (request, merchant, error) => register(request, merchant, error, registry)));
  app.get(
    '/webhooks/v1/webhooks',
    guardedRoute(ctx, 'webhooks', AUTH, (_request, merchant) =>
      jsonAnswer(200, { webhooks: registry.list(merchant.msn).map(({ id, url, events }) => ({ id, url, events })) }),
    ),
  );
  app.delete(
    '/webhooks/v1/webhooks/:id',
    guardedRoute(ctx, 'webhooks', AUTH, (request, merchant, error) => {
      const { id } = request.params as { id: string };
      if (!UUID.test(id)) return error(400, 'Bad Request', 'One or more validation errors occurred.', [{ name: 'id', reason: 'Must be a UUID.' }]);
      if (!registry.delete(merchant.msn, id)) return error(404, 'Not Found', `No webhook with id ${id}.`);
      return emptyAnswer(204);
    }),
  );
}
