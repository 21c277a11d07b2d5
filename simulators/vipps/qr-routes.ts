import { guardedRoute } from './guarded-route.ts';
import { legacyErrorAnswer } from './problem.ts';
import { isPlainObject, readJsonBody } from './request-body.ts';
import { qrFormatOf } from './qr-format.ts';
import { jsonAnswer, emptyAnswer } from './sim-answer.ts';
import { QR_REDIRECT_URL } from './url-rules.ts';
import { Issues } from './field-checks.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { QrFormat } from './qr-format.ts';
import type { ErrorFactory } from './api-style.ts';
import type { GuardContext } from './guarded-route.ts';
import type { SimMerchant } from './merchants.ts';
import type { MerchantRedirectQr, QrStore } from './qr-store.ts';
import type { SimAnswer } from './sim-answer.ts';

export interface QrLinks {
  image(token: string, format: 'svg' | 'png', size: number): string;
  target(token: string): string;
}

const AUTH = { msnRequired: false, systemHeaderMax: 30 };
const QR_ID = /^[-_+%æøåÆØÅ\w\s]*$/;

function view(code: MerchantRedirectQr, format: QrFormat, store: QrStore, links: QrLinks) {
  const url = format.kind === 'target' ? links.target(code.token) : links.image(code.token, format.kind, format.kind === 'png' ? format.size : 1024);
  return { id: code.id, url, redirectUrl: code.redirectUrl, expiresIn: store.expiresIn(code) };
}

function checkRedirectUrl(issues: Issues, value: unknown): void {
  issues.string('RedirectUrl', value, { min: 1, pattern: QR_REDIRECT_URL });
}

function create(request: FastifyRequest, merchant: SimMerchant, error: ErrorFactory, store: QrStore, links: QrLinks): SimAnswer {
  const format = qrFormatOf(request, error);
  if ('status' in format) return format;
  const body = readJsonBody(request.body, request.headers['content-type']);
  const issues = new Issues();
  if (body.kind !== 'json' || !isPlainObject(body.value)) issues.add('body', body.kind === 'invalid' ? body.reason : 'A JSON object with id and redirectUrl is required.');
  else {
    issues.string('Id', body.value['id'], { min: 1, max: 128, pattern: QR_ID });
    checkRedirectUrl(issues, body.value['redirectUrl']);
    const ttl = body.value['ttl'];
    if (ttl !== undefined) issues.integer('Ttl', ttl, { min: 300, max: 2147483647, nullable: true });
  }
  if (!issues.empty) return error(400, 'One or more validation errors occurred.', 'BadRequest', issues.list);
  const value = (body as { value: { id: string; redirectUrl: string; ttl?: number | null } }).value;
  const code = store.create(merchant.msn, value.id, value.redirectUrl, value.ttl ?? undefined);
  if (code === 'exists') {
    return legacyErrorAnswer({ status: 409, title: 'Conflict', detail: `A QR with id ${value.id} already exists.`, extra: { id: value.id } });
  }
  return jsonAnswer(200, view(code, format, store, links));
}

function update(request: FastifyRequest, merchant: SimMerchant, error: ErrorFactory, store: QrStore, links: QrLinks): SimAnswer {
  const format = qrFormatOf(request, error);
  if ('status' in format) return format;
  const { id } = request.params as { id: string };
  const body = readJsonBody(request.body, request.headers['content-type']);
  const issues = new Issues();
  if (body.kind !== 'json' || !isPlainObject(body.value)) issues.add('body', body.kind === 'invalid' ? body.reason : 'A JSON object with redirectUrl is required.');
  else checkRedirectUrl(issues, body.value['redirectUrl']);
  if (!issues.empty) return error(400, 'One or more validation errors occurred.', 'BadRequest', issues.list);
  const code = store.update(merchant.msn, id, (body as { value: { redirectUrl: string } }).value.redirectUrl);
  return code ? jsonAnswer(200, view(code, format, store, links)) : error(404, 'Not Found', `No QR with id ${id}.`);
}

/** QR API, merchant redirect (docs/vipps-contract.md §18). The images themselves are served without auth elsewhere. */
export function registerQrRoutes(app: FastifyInstance, ctx: GuardContext, store: QrStore, links: QrLinks): void {
  const base = '/qr/v1/merchant-redirect';
  app.post(base, guardedRoute(ctx, 'qr', AUTH, (request, merchant, error) => create(request, merchant, error, store, links)));
  app.get(
    base,
    guardedRoute(ctx, 'qr', AUTH, (request, merchant, error) => {
      const format = qrFormatOf(request, error);
      if ('status' in format) return format;
      return jsonAnswer(200, store.list(merchant.msn).map((code) => view(code, format, store, links)));
    }),
  );
  app.get(
    `${base}/:id`,
    guardedRoute(ctx, 'qr', AUTH, (request, merchant, error) => {
      const format = qrFormatOf(request, error);
      if ('status' in format) return format;
      const { id } = request.params as { id: string };
      const code = store.get(merchant.msn, id);
      return code ? jsonAnswer(200, view(code, format, store, links)) : error(404, 'Not Found', `No QR with id ${id}.`);
    }),
  );
  app.put(`${base}/:id`, guardedRoute(ctx, 'qr', AUTH, (request, merchant, error) => update(request, merchant, error, store, links)));
  app.delete(
    `${base}/:id`,
    guardedRoute(ctx, 'qr', AUTH, (request, merchant, error) => {
      const { id } = request.params as { id: string };
      return store.delete(merchant.msn, id) ? emptyAnswer(200) : error(404, 'Not Found', `No QR with id ${id}.`);
    }),
  );
}
