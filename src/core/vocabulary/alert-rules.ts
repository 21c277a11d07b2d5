// What an alert can be about. Each rule has a threshold an owner sets in the
// console (docs/alerts.md); the names are also the `rule` label of the
// `ladepay_alerts_open` metric and the `rule` field of the webhook's JSON.
export const ALERT_RULES = ['station_offline', 'connector_faulted', 'outbox_dead', 'session_flagged', 'webhook_failing', 'vipps_errors'] as const;

export type AlertRule = (typeof ALERT_RULES)[number];

export function isAlertRule(value: string): value is AlertRule {
  return (ALERT_RULES as readonly string[]).includes(value);
}

// A delivery of an alert: opened, and resolved once its condition is gone.
export const ALERT_EVENTS = ['opened', 'resolved'] as const;

export type AlertEvent = (typeof ALERT_EVENTS)[number];

export function isAlertEvent(value: string): value is AlertEvent {
  return (ALERT_EVENTS as readonly string[]).includes(value);
}
