import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  checks: Record<string, 'ok' | string>;
}

export interface AppDeps {
  logger: Logger;
  version: string;
  health: () => Promise<HealthReport>;
}

// The HTTP app, built without listening so tests can inject() into it and
// main.ts can listen on the configured port.
export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    trustProxy: true,
    bodyLimit: 256 * 1024,
  });

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

  app.get('/health', async (_req, reply) => {
    const report = await deps.health();
    return reply.status(report.status === 'down' ? 503 : 200).send({ ...report, version: deps.version });
  });
  app.get('/health/live', async () => ({ status: 'ok' }));
  // Ready for traffic only when the database answers and Vipps can be reached
  // (a load balancer takes the process out of rotation on 503).
  app.get('/health/ready', async (_req, reply) => {
    const report = await deps.health();
    return reply.status(report.status === 'ok' ? 200 : 503).send({ ...report, version: deps.version });
  });

  return app;
}
