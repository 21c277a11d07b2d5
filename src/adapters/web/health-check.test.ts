import { Writable } from 'node:stream';
import pino from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { healthCheck } from './health-check.ts';
import { createSecurityMetrics } from './security-metrics.ts';

const HTTP = {
  trustedProxies: [],
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  sseStreamsPerAddress: 10,
  sseStreamsPerSession: 5,
};

function recordingLogger(): { logger: pino.Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  return { logger, lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

// A driver's error text names the host, the user and the database.
const DRIVER_ERROR = 'connect ECONNREFUSED 10.1.2.3:5432 (user ladepay_owner, database ladepay_prod)';
const down = { pingDatabase: () => Promise.reject(new Error(DRIVER_ERROR)), vippsToken: async () => ({ ok: true as const }) };

describe('healthCheck', () => {
  it('reports every check ok when the database and Vipps answer', async () => {
    const { logger } = recordingLogger();
    const check = healthCheck({ pingDatabase: async () => undefined, vippsToken: async () => ({ ok: true }) }, logger);
    expect(await check()).toEqual({ status: 'ok', checks: { database: 'ok', vipps: 'ok' } });
  });

  it('says only "unavailable" for a database that fails, and logs the error with its stack', async () => {
    const { logger, lines } = recordingLogger();
    expect(await healthCheck(down, logger)()).toEqual({ status: 'down', checks: { database: 'unavailable', vipps: 'ok' } });
    const logged = lines().find((l) => l.level === 50);
    expect(logged?.msg).toBe('health check: the database did not answer');
    const err = logged?.err as { message: string; stack: string };
    expect(err.message).toBe(DRIVER_ERROR);
    expect(err.stack).toContain('health-check.test.ts');
  });

  it('keeps the error out of GET /health', async () => {
    const { logger } = recordingLogger();
    const app = buildApp({ logger, version: 'test', health: healthCheck(down, logger), http: HTTP, security: createSecurityMetrics(new Registry()) });
    try {
      const res = await app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'down', checks: { database: 'unavailable', vipps: 'ok' }, version: 'test' });
      expect(res.body).not.toContain('ECONNREFUSED');
      expect(res.body).not.toContain('10.1.2.3');
    } finally {
      await app.close();
    }
  });
});
