import type { Alert } from '../../core/alerts/alert.ts';
import type { AlertFacts } from '../../core/alerts/alert-facts.ts';
import type { AlertThresholds } from '../../core/alerts/alert-thresholds.ts';
import type { AlertChanges } from '../../core/alerts/evaluate-alerts.ts';
import type { AlertEvent } from '../../core/vocabulary/alert-rules.ts';

// Where an opened or resolved alert is sent, each through the outbox.
export type AlertChannel = 'webhook' | 'mail';

export const ALERT_DELIVERY_KINDS: Record<AlertChannel, string> = { webhook: 'alert_webhook', mail: 'alert_mail' };

export interface AlertDeliveryPayload {
  alertId: string;
  event: AlertEvent;
}

export type AcknowledgeOutcome = 'ok' | 'not_found' | 'resolved' | 'already';

// The alerts kept, and their deliveries queued in the same transaction as the
// change they report: an alert opened is never left unsent, nor sent twice.
export interface AlertBook {
  open(): Promise<Alert[]>;
  // Resolved alerts, newest first.
  resolved(limit: number): Promise<Alert[]>;
  byId(id: string): Promise<Alert | undefined>;
  // What another process opened or resolved first is left alone (counted out).
  apply(changes: AlertChanges, channels: readonly AlertChannel[], now: Date): Promise<{ opened: Alert[]; resolved: Alert[] }>;
  acknowledge(id: string, by: string, now: Date): Promise<AcknowledgeOutcome>;
  openCountsByRule(): Promise<Record<string, number>>;
}

// What the rules look at in the database; the Vipps call counts come apart.
export interface AlertFactSource {
  read(now: Date, thresholds: AlertThresholds): Promise<Omit<AlertFacts, 'vippsCalls'>>;
}

// Vipps API attempts since a time, and how many failed (this process's).
export type VippsCallCounts = (since: Date) => AlertFacts['vippsCalls'];

// The thresholds an owner set, as kept (checked again when read).
export interface AlertSettings {
  load(): Promise<Record<string, unknown> | undefined>;
  save(thresholds: AlertThresholds, now: Date): Promise<void>;
}

export type DeliveryOutcome = { ok: true } | { ok: false; error: string };

export interface AlertWebhook {
  // deliveryId is the same on every attempt of one delivery: the receiver's way to drop a repeat.
  send(body: string, deliveryId: string): Promise<DeliveryOutcome>;
}

export interface AlertMailer {
  send(mail: { subject: string; text: string }): Promise<DeliveryOutcome>;
}
