import type { AlertRule } from '../vocabulary/alert-rules.ts';
import type { AlertCondition } from './evaluate-alerts.ts';

// An alert as kept: opened when its condition held, resolved when it no longer
// did. Acknowledging says someone is on it; it does not close it.
export interface Alert {
  id: string;
  key: string;
  rule: AlertRule;
  subject: string;
  summary: string;
  detail: AlertCondition['detail'];
  openedAt: string;
  resolvedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}
