import { Counter, Gauge, type Registry } from 'prom-client';

// The doors a limit guards, and the limits behind them.
export type Door = 'console_login' | 'api_token' | 'driver_start' | 'driver_stop' | 'sse' | 'datex2';
export type LimitName = 'per_address' | 'per_email' | 'per_connector' | 'per_session';
export type CutReason = 'request_timeout' | 'idle_timeout';

export interface SecurityMetrics {
  // A password or API token actually checked (what a limit must bound).
  credentialChecked(door: 'console_login' | 'api_token', outcome: 'ok' | 'wrong'): void;
  refused(door: Door, limit: LimitName): void;
  streamOpened(): void;
  streamClosed(): void;
  connectionCut(reason: CutReason): void;
}

export const NO_SECURITY_METRICS: SecurityMetrics = {
  credentialChecked: () => undefined,
  refused: () => undefined,
  streamOpened: () => undefined,
  streamClosed: () => undefined,
  connectionCut: () => undefined,
};

// Counters for every door's limits, on the app's Prometheus registry.
export function createSecurityMetrics(registry: Registry): SecurityMetrics {
  const checks = new Counter({
    name: 'ladepay_credential_checks_total',
    help: 'Console passwords and API tokens checked, by door and outcome',
    labelNames: ['door', 'outcome'],
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'ladepay_limit_refusals_total',
    help: 'Requests refused by a limit before any work, by door and limit',
    labelNames: ['door', 'limit'],
    registers: [registry],
  });
  const streams = new Gauge({ name: 'ladepay_sse_streams', help: 'Open Server-Sent Event streams to driver pages', registers: [registry] });
  const cuts = new Counter({
    name: 'ladepay_http_connections_cut_total',
    help: 'HTTP connections closed by the server: a request not received in time (slow headers or body) or a silent socket',
    labelNames: ['reason'],
    registers: [registry],
  });
  return {
    credentialChecked: (door, outcome) => checks.inc({ door, outcome }),
    refused: (door, limit) => refusals.inc({ door, limit }),
    streamOpened: () => streams.inc(),
    streamClosed: () => streams.dec(),
    connectionCut: (reason) => cuts.inc({ reason }),
  };
}
