import type { Logger } from 'pino';
import type { HealthReport } from './app.ts';

export interface HealthProbes {
  // Resolves when the database answers a trivial query.
  pingDatabase: () => Promise<void>;
  // Whether an access token for Vipps can be had; a failure names its kind (a stable code).
  vippsToken: () => Promise<{ ok: true } | { ok: false; failure: { kind: string } }>;
}

// /health is open to anyone: the report names each check's state in stable
// words, never a driver's error text (it can carry a host, a user or a
// schema). The error itself, with its stack, goes to the log.
export function healthCheck(probes: HealthProbes, logger: Logger): () => Promise<HealthReport> {
  return async () => {
    const checks: Record<string, string> = {};
    try {
      await probes.pingDatabase();
      checks.database = 'ok';
    } catch (err) {
      logger.error({ err }, 'health check: the database did not answer');
      checks.database = 'unavailable';
    }
    const token = await probes.vippsToken();
    checks.vipps = token.ok ? 'ok' : `unreachable (${token.failure.kind})`;
    const status = checks.database !== 'ok' ? 'down' : checks.vipps !== 'ok' ? 'degraded' : 'ok';
    return { status, checks };
  };
}
