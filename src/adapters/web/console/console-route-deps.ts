import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { StationDoors } from '../../ocpp/station-doors.ts';
import type { AlertAdmin } from '../../../usecases/alerts/alert-admin.ts';
import type { OperatorActions } from '../../../usecases/operator/operator-actions.ts';
import type { OperatorAdmin } from '../../../usecases/operator/operator-admin.ts';
import type { StationOperations } from '../../../usecases/operator/station-operations.ts';
import type { AuditEntry } from '../../../usecases/ports/operator-audit.ts';
import type { SupportContact } from '../../../usecases/ports/support-contact.ts';
import type { ConsoleAuth } from './console-auth.ts';
import { languageContext } from './i18n/console-language.ts';
import { renderPage, type ConsolePage } from './layout.ts';
import { noticeText } from './notices.ts';
import { openAlertsOf } from './open-alert-count.ts';
import type { StickerQrSource } from './sticker-qr.ts';

export interface Seller {
  name: string;
  orgNumber: string;
  support?: SupportContact; // printed on the QR stickers
}

// What the console is given and passes on to every route group unchanged.
export interface ConsoleSharedDeps extends Pick<OperatorAdmin, 'sites' | 'feeds' | 'stations' | 'stationImport' | 'tariffs' | 'sessions' | 'audit' | 'reports'> {
  // Station passwords and lockouts.
  doors: StationDoors;
  alerts: AlertAdmin;
  operator: OperatorActions;
  // Remote station operations (reset, configuration, firmware …).
  operations: StationOperations;
  seller: Seller;
  // Known once the server listens.
  publicUrl: string;
  now(): Date;
}

// What the console's route groups share, built once by operatorConsole.
export interface ConsoleRouteDeps extends ConsoleSharedDeps {
  auth: ConsoleAuth;
  stickers: StickerQrSource;
  cssUrl: string;
  logger: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
}

// Sends a console page for the logged-in operator. A `notice` in the query
// (set by the redirect after a form) shows as a confirmation.
export function sendPage(deps: ConsoleRouteDeps, request: FastifyRequest, reply: FastifyReply, page: ConsolePage, status = 200): FastifyReply {
  const login = deps.auth.current(request);
  const lang = languageContext(request);
  const code = (request.query as Record<string, unknown> | undefined)?.notice;
  const notice = page.notice ?? (typeof code === 'string' ? noticeText(code, lang.t) : undefined);
  const body = renderPage(
    { cssUrl: deps.cssUrl, operatorName: deps.seller.name, ...lang, user: { email: login.user.email, csrfToken: login.csrfToken, role: login.user.role }, openAlerts: openAlertsOf(request) },
    { ...page, ...(notice ? { notice } : {}) },
  );
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}

export function actorOf(deps: ConsoleRouteDeps, request: FastifyRequest): string {
  return `console:${deps.auth.current(request).user.email}`;
}

// Who did it, when, and from where (the client's real address), for the audit log.
export function auditBy(deps: ConsoleRouteDeps, request: FastifyRequest): Pick<AuditEntry, 'at' | 'actor' | 'address'> {
  return { at: deps.now().toISOString(), actor: actorOf(deps, request), address: request.ip };
}

// A form's fields as strings; anything else (arrays, missing) as ''.
export function formField(body: unknown, name: string): string {
  if (typeof body !== 'object' || body === null) return '';
  const v = (body as Record<string, unknown>)[name];
  return typeof v === 'string' ? v.trim() : '';
}
