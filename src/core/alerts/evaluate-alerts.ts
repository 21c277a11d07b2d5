import type { AlertRule } from '../vocabulary/alert-rules.ts';
import { ATTENTION_FLAGS, type AlertFacts } from './alert-facts.ts';
import type { AlertThresholds } from './alert-thresholds.ts';

// A condition that holds now. Its key names the rule and what it is about, so
// the same station offline twice in a row is one alert, not two.
export interface AlertCondition {
  key: string;
  rule: AlertRule;
  subject: string;
  summary: string;
  detail: Record<string, string | number | boolean | null | string[]>;
}

export interface OpenAlertRef {
  id: string;
  key: string;
}

export interface AlertChanges {
  open: AlertCondition[];
  resolve: OpenAlertRef[];
}

const MINUTE = 60_000;

function minutesSince(iso: string | null, now: Date): number | undefined {
  if (iso === null) return undefined;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? undefined : (now.getTime() - at) / MINUTE;
}

function condition(rule: AlertRule, subject: string, summary: string, detail: AlertCondition['detail']): AlertCondition {
  return { key: `${rule}:${subject}`, rule, subject, summary, detail };
}

const RULES: Record<AlertRule, (f: AlertFacts, t: AlertThresholds, now: Date) => AlertCondition[]> = {
  // A station never seen is not installed yet, not offline.
  station_offline: (f, t, now) =>
    f.stations
      .filter((s) => !s.online && !s.disabled && (minutesSince(s.lastSeenAt, now) ?? 0) > t.stationOfflineMinutes)
      .map((s) =>
        condition('station_offline', s.id, `Station ${s.name} (${s.id}) has been offline for more than ${t.stationOfflineMinutes} minutes`, { stationId: s.id, lastSeenAt: s.lastSeenAt }),
      ),
  connector_faulted: (f, t, now) =>
    f.faultedConnectors
      .filter((c) => (minutesSince(c.since, now) ?? Infinity) >= t.connectorFaultedMinutes)
      .map((c) =>
        condition('connector_faulted', c.id, `Connector ${c.code} (#${c.connectorNo} of ${c.stationId}) is faulted${c.errorCode && c.errorCode !== 'NoError' ? `: ${c.errorCode}` : ''}`, {
          stationId: c.stationId,
          connectorNo: c.connectorNo,
          code: c.code,
          errorCode: c.errorCode,
          since: c.since,
        }),
      ),
  outbox_dead: (f) =>
    f.deadOutboxItems.map((i) =>
      condition('outbox_dead', String(i.id), `Side effect ${i.key} (${i.kind}) gave up and needs an operator`, { outboxId: i.id, kind: i.kind, key: i.key, lastError: i.lastError }),
    ),
  session_flagged: (f) =>
    f.flaggedSessions.map((s) => {
      const flags = s.flags.filter((x) => (ATTENTION_FLAGS as readonly string[]).includes(x));
      const why = s.state === 'needs_review' ? ['needs review', ...flags] : flags;
      return condition('session_flagged', s.id, `Session ${s.id} needs a look: ${why.join(', ')}`, { sessionId: s.id, state: s.state, flags });
    }),
  webhook_failing: (f, t) => {
    const failing = f.failingDeliveries.filter((d) => d.dead || d.attempts >= t.deliveryFailedAttempts);
    if (failing.length === 0) return [];
    const last = failing[failing.length - 1];
    return [
      condition('webhook_failing', 'deliveries', `${failing.length} alert ${failing.length === 1 ? 'delivery is' : 'deliveries are'} failing`, {
        failing: failing.length,
        channels: [...new Set(failing.map((d) => d.kind))],
        lastError: last?.lastError ?? null,
      }),
    ];
  },
  vipps_errors: (f, t) => {
    const { calls, failures } = f.vippsCalls;
    if (calls < t.vippsMinCalls || failures * 100 < t.vippsErrorRatePercent * calls) return [];
    const percent = Math.round((failures * 100) / calls);
    return [condition('vipps_errors', 'vipps', `${percent} % of Vipps calls failed in the last ${t.vippsWindowMinutes} minutes (${failures} of ${calls})`, { calls, failures, percent })];
  },
};

// Which alerts open and which resolve, given what holds now and what is open.
// An acknowledged alert stays open until its condition is gone.
export function evaluateAlerts(facts: AlertFacts, open: readonly OpenAlertRef[], thresholds: AlertThresholds, now: Date): AlertChanges {
  const holding = new Map<string, AlertCondition>();
  for (const rule of Object.keys(RULES) as AlertRule[]) {
    if (thresholds.off.includes(rule)) continue;
    for (const c of RULES[rule](facts, thresholds, now)) holding.set(c.key, c);
  }
  const openKeys = new Set(open.map((a) => a.key));
  return {
    open: [...holding.values()].filter((c) => !openKeys.has(c.key)),
    resolve: open.filter((a) => !holding.has(a.key)),
  };
}
