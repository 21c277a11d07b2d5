import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { PartnerAdmin } from '../../../usecases/ocpi/partner-admin.ts';
import type { OurPlatform } from '../../../usecases/ocpi/our-platform.ts';
import type { OperatorAdmin } from '../../../usecases/operator/operator-admin.ts';
import type { LoginSessions, OperatorUsers, SessionLifetime } from '../../../usecases/ports/operator-users.ts';
import type { StickerCodes } from '../../../usecases/ports/sticker-codes.ts';
import { html } from '../html.ts';
import type { SecurityMetrics } from '../security-metrics.ts';
import { registerAlertRoutes } from './alerts-page.ts';
import { registerApiTokenRoutes } from './api-tokens-routes.ts';
import { registerAuditPage } from './audit-page.ts';
import { registerConsoleAssets } from './console-assets.ts';
import { registerConnectorRoutes } from './connector-routes.ts';
import { registerDataSharingRoutes } from './data-sharing-page.ts';
import { consoleAuth, DEFAULT_LIFETIME } from './console-auth.ts';
import { registerConsoleErrorHandler } from './console-error-handler.ts';
import { guardConsole } from './console-guard.ts';
import { rememberConsoleLanguage, textOf } from './i18n/console-language.ts';
import { sendPage, type ConsoleRouteDeps, type ConsoleSharedDeps } from './console-route-deps.ts';
import { registerLivePage } from './live-page.ts';
import { countOpenAlerts } from './open-alert-count.ts';
import { DEFAULT_LOGIN_LIMITS, registerLoginRoutes, type LoginLimits } from './login-routes.ts';
import { registerReportRoutes } from './reports-routes.ts';
import { registerRefundConfirmRoute } from './refund-confirm-routes.ts';
import { registerSessionActionRoutes } from './session-action-routes.ts';
import { registerSessionPage } from './session-page.ts';
import { registerSessionListRoutes } from './sessions-list-routes.ts';
import { registerSiteRoutes } from './sites-routes.ts';
import { registerStationCredentialRoutes } from './station-credentials.ts';
import { registerStationOperationRoutes } from './station-operations-routes.ts';
import { registerStationPage } from './station-page.ts';
import { registerStationImportRoutes } from './station-import-routes.ts';
import { registerStationRoutes } from './stations-routes.ts';
import { stickerQrSource } from './sticker-qr.ts';
import { registerStickerRoutes } from './stickers-routes.ts';
import { registerTariffRoutes } from './tariffs-routes.ts';
import { registerUserRoutes } from './users-routes.ts';

export interface ConsoleOptions extends ConsoleSharedDeps, Pick<OperatorAdmin, 'users' | 'tokens'> {
  // Who may log in, and their login sessions.
  logins: LoginSessions & Pick<OperatorUsers, 'byEmail'>;
  security: SecurityMetrics;
  // QR codes made by Vipps for stickers, when the public URL is https.
  stickerCodes: StickerCodes;
  cookieSecret: string;
  logger: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  loginLimits?: LoginLimits;
  lifetime?: SessionLifetime;
  // OCPI partners (docs/ocpi.md) and Ladepay as they know it.
  ocpiPartners: PartnerAdmin;
  ocpiPlatform: OurPlatform;
}

// The operator console under /console, registered with app.register() and not
// wrapped in fastify-plugin: its security headers, cookies, form parsing and
// error pages stay inside this context and leave the rest of the app alone.
export const operatorConsole: FastifyPluginAsync<ConsoleOptions> = async (app, o) => {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
    // The public URL is known here when it is configured (only a derived one waits for listen).
    strictTransportSecurity: o.publicUrl.startsWith('https:') ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
  await app.register(fastifyCookie, { secret: o.cookieSecret });
  await app.register(fastifyFormbody, { bodyLimit: 16 * 1024 });

  rememberConsoleLanguage(app, { secure: () => o.publicUrl.startsWith('https:') });
  const { cssUrl } = registerConsoleAssets(app);
  registerConsoleErrorHandler(app, { cssUrl, operatorName: o.seller.name });
  const auth = consoleAuth({ logins: o.logins, now: o.now, secure: () => o.publicUrl.startsWith('https:'), lifetime: o.lifetime ?? DEFAULT_LIFETIME });
  registerLoginRoutes(
    app,
    { auth, users: o.logins, audit: o.audit, security: o.security, now: o.now, cssUrl, operatorName: o.seller.name },
    o.loginLimits ?? DEFAULT_LOGIN_LIMITS,
  );

  const deps: ConsoleRouteDeps = {
    auth,
    sites: o.sites,
    feeds: o.feeds,
    stations: o.stations,
    doors: o.doors,
    alerts: o.alerts,
    tariffs: o.tariffs,
    stationImport: o.stationImport,
    sessions: o.sessions,
    audit: o.audit,
    reports: o.reports,
    operator: o.operator,
    operations: o.operations,
    stickers: stickerQrSource({ codes: o.stickerCodes, publicUrl: o.publicUrl, logger: o.logger }),
    seller: o.seller,
    publicUrl: o.publicUrl,
    now: o.now,
    cssUrl,
    logger: o.logger,
  };
  await app.register(async (guarded) => {
    guardConsole(guarded, deps);
    countOpenAlerts(guarded, deps);
    registerLivePage(guarded, deps);
    registerAlertRoutes(guarded, deps);
    registerSessionListRoutes(guarded, deps);
    registerReportRoutes(guarded, deps);
    registerSessionPage(guarded, deps);
    registerSessionActionRoutes(guarded, deps);
    registerRefundConfirmRoute(guarded, deps);
    registerStationRoutes(guarded, deps);
    registerStationImportRoutes(guarded, deps);
    registerStationPage(guarded, deps);
    registerConnectorRoutes(guarded, deps);
    registerStationCredentialRoutes(guarded, deps);
    registerStationOperationRoutes(guarded, deps);
    registerSiteRoutes(guarded, deps);
    registerTariffRoutes(guarded, deps);
    registerStickerRoutes(guarded, deps);
    registerDataSharingRoutes(guarded, deps, { partners: o.ocpiPartners, platform: o.ocpiPlatform });
    // Owners only (each route says so).
    registerUserRoutes(guarded, deps, { users: o.users });
    registerApiTokenRoutes(guarded, deps, { tokens: o.tokens });
    registerAuditPage(guarded, deps);
    // Any other console address: a page, not the app's JSON 404.
    guarded.get('/console/*', async (request, reply) => {
      const t = textOf(request);
      return sendPage(deps, request, reply, { title: t.common.notFound, main: html`<h1>${t.common.notFound}</h1><p>${t.pages.notFoundText}</p><p><a href="/console">${t.common.backToConsole}</a></p>` }, 404);
    });
  });
};
