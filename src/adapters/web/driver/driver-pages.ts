import { randomBytes } from 'node:crypto';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { DriverActions } from '../../../usecases/ports/driver-views.ts';
import type { SupportContact } from '../../../usecases/ports/support-contact.ts';
import { NO_SECURITY_METRICS, type SecurityMetrics } from '../security-metrics.ts';
import { registerAssetRoutes } from './asset-routes.ts';
import { loadDriverAssets } from './driver-assets.ts';
import type { DriverRouteDeps } from './driver-route-deps.ts';
import { registerDriverErrorHandler } from './driver-error-handler.ts';
import { registerLandingRoutes } from './landing-routes.ts';
import { originOf } from './same-origin.ts';
import { registerSessionEventsRoute, type StreamCaps } from './session-events-route.ts';
import { registerStartRoute, type DriverRateLimits } from './start-route.ts';
import { registerStatusRoutes } from './status-routes.ts';

export interface DriverPagesOptions {
  actions: DriverActions;
  publicUrl: string;
  operatorName: string;
  // Shown on every page's footer and on the receipt PDF; unset, left out.
  support?: SupportContact;
  logger: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  // Signs the stop form's check value. Give the same secret to every process
  // serving these pages; without one a random key is made, and a stop form
  // rendered before a restart is refused once (the page then reloads with a new one).
  formKey?: string | Uint8Array;
  // Where the payment form may lead besides https: (e.g. the Vipps simulator on http in a demo).
  paymentOrigins?: string[];
  rateLimits?: DriverRateLimits;
  heartbeatMs?: number;
  // What the built-in terms say about energy after a stop the station never got.
  billEnergyAfterUndeliveredStop?: boolean;
  streamCaps?: StreamCaps;
  security?: SecurityMetrics;
}

const DEFAULT_RATE_LIMITS: DriverRateLimits = { perAddressPerMinute: 10, perConnectorPerMinute: 20, stopsPerAddressPerMinute: 30 };
const DEFAULT_STREAM_CAPS: StreamCaps = { perAddress: 100, perSession: 5 };

// The driver's pages, registered with app.register() and NOT wrapped in
// fastify-plugin: the security headers, compression, form parsing and error
// pages below stay inside this context and leave the rest of the app alone.
export const driverPages: FastifyPluginAsync<DriverPagesOptions> = async (app, options) => {
  const publicOrigin = originOf(options.publicUrl);
  if (publicOrigin === undefined) throw new Error(`driverPages: publicUrl is not a URL: ${options.publicUrl}`);
  const formKey =
    options.formKey === undefined ? randomBytes(32) : typeof options.formKey === 'string' ? Buffer.from(options.formKey) : options.formKey;
  if (options.formKey === undefined) options.logger.info('driver pages: no form key given, using a per-process random key');
  const paymentOrigins = (options.paymentOrigins ?? []).map(originOf).filter((o): o is string => o !== undefined);

  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        // The payment form answers 303 to Vipps, and form-action covers that redirect.
        formAction: ["'self'", 'https:', ...paymentOrigins],
        frameAncestors: ["'none'"],
        ...(publicOrigin.startsWith('https:') ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: publicOrigin.startsWith('https:') ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
  if (!app.hasReplyDecorator('compress')) await app.register(fastifyCompress, { global: true, threshold: 1024 });
  if (!app.hasRequestDecorator('cookies')) await app.register(fastifyCookie);
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(fastifyFormbody, { bodyLimit: 4096 });
  await app.register(fastifyRateLimit, { global: false });

  const { assets, urls } = loadDriverAssets();
  const deps: DriverRouteDeps = {
    actions: options.actions,
    pages: { assets: urls, operatorName: options.operatorName, support: options.support, secureCookies: publicOrigin.startsWith('https:') },
    formKey,
    allowedOrigins: (request) => [publicOrigin, `${request.protocol}://${request.host}`],
    logger: options.logger,
    security: options.security ?? NO_SECURITY_METRICS,
  };

  registerDriverErrorHandler(app, deps);
  registerAssetRoutes(app, assets);
  registerLandingRoutes(app, deps, { billEnergyAfterUndeliveredStop: options.billEnergyAfterUndeliveredStop ?? false });
  const rateLimits = options.rateLimits ?? DEFAULT_RATE_LIMITS;
  registerStartRoute(app, deps, rateLimits);
  registerStatusRoutes(app, deps, rateLimits);
  registerSessionEventsRoute(app, deps, { heartbeatMs: options.heartbeatMs ?? 15_000, caps: options.streamCaps ?? DEFAULT_STREAM_CAPS });
};
