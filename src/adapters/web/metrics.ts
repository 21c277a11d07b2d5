import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ALERT_RULES } from '../../core/vocabulary/alert-rules.ts';
import { SESSION_STATES } from '../../core/vocabulary/session-states.ts';
import type { OcppMessageLog } from '../ocpp/ocpp-message-log.ts';

// What the Vipps client reports of each HTTP attempt (its metrics hook).
export interface VippsCallObserver {
  observe(call: { operation: string; status: number | 'network'; durationMs: number }): void;
}

export interface MetricSources {
  connectedStations(): number;
  sessionsByState(): Promise<Record<string, number>>;
  outboxDepth(): Promise<Record<string, number>>;
  openAlertsByRule(): Promise<Record<string, number>>;
}

export interface LadepayMetrics {
  registry: Registry;
  // For createVippsClient: one observation per HTTP attempt.
  vipps: VippsCallObserver;
  // Wraps the OCPP frame log given to createOcppServer to count frames.
  countOcppFrames(log: OcppMessageLog): OcppMessageLog;
  // The gauges read these when scraped; until then they read nothing.
  watch(sources: MetricSources): void;
  // A station spoke of another station's session (a security event).
  countForeignSessionInput(kind: string): void;
  countStrayTransaction(signal: string): void;
  // A push to an OCPI partner (docs/ocpi.md): accepted, with its delay from
  // the change, or failed (each attempt); by module (locations, tariffs).
  ocpiPushAccepted(module: string, delaySeconds: number): void;
  countOcpiPushFailure(module: string): void;
}

const OUTBOX_STATES = ['pending', 'running', 'dead'];
// OCPP actions come from the station; a misbehaving one must not be able to
// grow the label set without bound.
const MAX_ACTIONS = 100;

// Prometheus metrics on a registry of their own (several Ladepays can run in
// one process, as in the tests).
export function createLadepayMetrics(nodeId?: string): LadepayMetrics {
  const registry = new Registry();
  // Which node answers (docs/deploy.md); Prometheus tells the nodes' series
  // apart by its own `instance` label.
  if (nodeId) new Gauge({ name: 'ladepay_node_info', help: 'This node (NODE_ID), always 1', labelNames: ['node'], registers: [registry] }).set({ node: nodeId }, 1);
  collectDefaultMetrics({ register: registry, prefix: 'ladepay_' });
  let sources: MetricSources | undefined;

  new Gauge({
    name: 'ladepay_ocpp_connected_stations',
    help: 'Stations with an open OCPP WebSocket to this process',
    registers: [registry],
    collect() {
      if (sources) this.set(sources.connectedStations());
    },
  });

  // A failing database read leaves the last values in place rather than failing the scrape.
  const byGroup = (name: string, help: string, label: string, groups: readonly string[], read: (s: MetricSources) => Promise<Record<string, number>>) =>
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [registry],
      async collect() {
        if (!sources) return;
        try {
          const counts = await read(sources);
          for (const group of new Set([...groups, ...Object.keys(counts)])) this.set({ [label]: group }, counts[group] ?? 0);
        } catch {
          // Kept as they were; /health reports the database.
        }
      },
    });
  byGroup('ladepay_sessions', 'Sessions by state', 'state', SESSION_STATES, (s) => s.sessionsByState());
  byGroup('ladepay_alerts_open', 'Open alerts, by rule', 'rule', ALERT_RULES, (s) => s.openAlertsByRule());
  byGroup('ladepay_outbox_items', 'Side effects waiting in the outbox, by state (done ones are not counted)', 'state', OUTBOX_STATES, (s) => s.outboxDepth());

  const vippsDuration = new Histogram({
    name: 'ladepay_vipps_request_duration_seconds',
    help: 'Vipps API calls (each HTTP attempt), by operation and status',
    labelNames: ['operation', 'status'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [registry],
  });
  const vippsFailures = new Counter({
    name: 'ladepay_vipps_request_failures_total',
    help: 'Vipps API attempts that failed: network errors, timeouts, 429 and 5xx',
    labelNames: ['operation', 'status'],
    registers: [registry],
  });
  const ocppFrames = new Counter({
    name: 'ladepay_ocpp_messages_total',
    help: 'OCPP-J frames, by direction (in: from the station), kind and action',
    labelNames: ['direction', 'kind', 'action'],
    registers: [registry],
  });
  const foreignInputs = new Counter({
    name: 'ladepay_ocpp_foreign_session_inputs_total',
    help: "OCPP inputs from a station about another station's session, ignored; by kind of input",
    labelNames: ['kind'],
    registers: [registry],
  });
  const strays = new Counter({
    name: 'ladepay_ocpp_stray_transactions_total',
    help: 'Transactions a station ran with no session of Ladepay’s, ended; by the signal that showed them',
    labelNames: ['signal'],
    registers: [registry],
  });
  const pushDelay = new Histogram({
    name: 'ladepay_ocpi_push_delay_seconds',
    help: 'OCPI pushes accepted by a partner: from the change Ladepay saw to the partner’s success answer, by module',
    labelNames: ['module'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600],
    registers: [registry],
  });
  const pushFailures = new Counter({
    name: 'ladepay_ocpi_push_failures_total',
    help: 'OCPI push attempts a partner did not accept (an HTTP or OCPI error, no OCPI response, no answer in time), by module',
    labelNames: ['module'],
    registers: [registry],
  });
  // Both modules from the start, so a dashboard sees zeros rather than nothing.
  for (const module of ['locations', 'tariffs']) {
    pushDelay.zero({ module });
    pushFailures.inc({ module }, 0);
  }
  const actions = new Set<string>();
  const actionLabel = (action: string | undefined) => {
    if (!action) return 'none';
    if (!/^[A-Za-z0-9]{1,40}$/.test(action)) return 'other';
    if (!actions.has(action) && actions.size >= MAX_ACTIONS) return 'other';
    actions.add(action);
    return action;
  };

  return {
    registry,
    vipps: {
      observe(call) {
        const status = String(call.status);
        vippsDuration.observe({ operation: call.operation, status }, call.durationMs / 1000);
        if (call.status === 'network' || call.status === 429 || call.status >= 500) vippsFailures.inc({ operation: call.operation, status });
      },
    },
    countOcppFrames(log) {
      return {
        record(entry) {
          ocppFrames.inc({ direction: entry.direction, kind: entry.kind, action: actionLabel(entry.action) });
          log.record(entry);
        },
      };
    },
    watch(s) {
      sources = s;
    },
    countForeignSessionInput(kind) {
      foreignInputs.inc({ kind });
    },
    countStrayTransaction(signal) {
      strays.inc({ signal });
    },
    ocpiPushAccepted(module, delaySeconds) {
      pushDelay.observe({ module }, delaySeconds);
    },
    countOcpiPushFailure(module) {
      pushFailures.inc({ module });
    },
  };
}

// GET /metrics in the Prometheus text format.
export function registerMetricsRoute(app: FastifyInstance, metrics: LadepayMetrics): void {
  app.get('/metrics', async (_request, reply) => {
    const body = await metrics.registry.metrics();
    return reply.header('cache-control', 'no-store').type(metrics.registry.contentType).send(body);
  });
}
