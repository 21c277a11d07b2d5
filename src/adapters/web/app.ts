import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { HttpLimits } from '../../config.ts';
import { applyConnectionLimits } from './connection-limits.ts';
import { requestSerializer } from './request-log.ts';
import type { SecurityMetrics } from './security-metrics.ts';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  checks: Record<string, 'ok' | string>;
}

export interface AppDeps {
  logger: Logger;
  version: string;
  health: () => Promise<HealthReport>;
  // This node, and whether it is draining (SIGTERM: docs/deploy.md).
  node?: { id: string; draining(): boolean };
  http: HttpLimits;
  security: SecurityMetrics;
}

// The HTTP app, built without listening so tests can inject() into it and
// main.ts can listen on the configured port.
export function buildApp(deps: AppDeps): FastifyInstance {
  const { http } = deps;
  const app = Fastify({
    // Whatever logger is given, request URLs are logged with their capabilities cut out.
    loggerInstance: deps.logger.child({}, { serializers: { req: requestSerializer } }) as FastifyBaseLogger,
    // X-Forwarded-For/-Proto/-Host are a client's own words unless a proxy we
    // were told to trust adds them; without one, request.ip is the socket's peer.
    trustProxy: http.trustedProxies.length > 0 ? [...http.trustedProxies] : false,
    bodyLimit: 256 * 1024,
    requestTimeout: http.requestTimeoutMs,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    connectionTimeout: http.idleTimeoutMs,
    http: {
      headersTimeout: http.headersTimeoutMs,
      requestTimeout: http.requestTimeoutMs,
      // Node checks both timeouts on this tick (30 s by default, which would
      // let a slow client stay that much longer).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(http.headersTimeoutMs / 4))),
    },
  });
  applyConnectionLimits(app.server, deps.security);

  // 5xx details stay in the log; callers get a stable message.
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(status).send({ error: 'internal_error', message: 'Something went wrong on our side.' });
    }
    request.log.info({ err: error.message, status }, 'request refused');
    return reply.status(status).send({ error: 'bad_request', message: error.message });
  });

  const node = deps.node && { node: deps.node.id };
  app.get('/health', async (_req, reply) => {
    const report = await deps.health();
    return reply.status(report.status === 'down' ? 503 : 200).send({ ...report, version: deps.version, ...node });
  });
  app.get('/health/live', async () => ({ status: 'ok', ...node }));
  // Whether the balancer should send this node traffic: not while it drains,
  // nor when its database does not answer. Vipps out of reach is reported
  // (degraded) but keeps the node in: every node shares that fate, and the
  // stations and pages need no Vipps to be served.
  app.get('/health/ready', async (_req, reply) => {
    if (deps.node?.draining()) return reply.status(503).send({ status: 'draining', version: deps.version, ...node });
    const report = await deps.health();
    return reply.status(report.status === 'down' ? 503 : 200).send({ ...report, version: deps.version, ...node });
  });

  return app;
}
