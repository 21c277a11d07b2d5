import type { Alert } from '../../core/alerts/alert.ts';
import type { AlertEvent } from '../../core/vocabulary/alert-rules.ts';

export interface AlertMessageContext {
  operatorName: string;
  publicUrl: string;
}

// The webhook's JSON (docs/alerts.md): versioned, so a receiver can tell a
// later shape from this one.
export function alertWebhookBody(alert: Alert, event: AlertEvent, ctx: AlertMessageContext): string {
  return JSON.stringify({
    version: 1,
    event: `alert.${event}`,
    operator: ctx.operatorName,
    consoleUrl: `${ctx.publicUrl}/console/alerts`,
    alert: {
      id: alert.id,
      rule: alert.rule,
      subject: alert.subject,
      summary: alert.summary,
      detail: alert.detail,
      openedAt: alert.openedAt,
      resolvedAt: alert.resolvedAt,
      acknowledgedAt: alert.acknowledgedAt,
      acknowledgedBy: alert.acknowledgedBy,
    },
  });
}

const OSLO = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'medium' });

function oslo(iso: string | null): string {
  return iso === null ? '–' : `${OSLO.format(new Date(iso))} (Europe/Oslo)`;
}

// The mail: the summary in the subject, the facts in plain text.
export function alertMail(alert: Alert, event: AlertEvent, ctx: AlertMessageContext): { subject: string; text: string } {
  const head = event === 'opened' ? 'Alert' : 'Resolved';
  const lines = [
    `${event === 'opened' ? 'An alert opened' : 'An alert was resolved'} at ${ctx.operatorName}:`,
    '',
    alert.summary,
    '',
    `Rule:     ${alert.rule}`,
    `Opened:   ${oslo(alert.openedAt)}`,
    ...(alert.resolvedAt ? [`Resolved: ${oslo(alert.resolvedAt)}`] : []),
    ...(alert.acknowledgedBy ? [`Acknowledged by ${alert.acknowledgedBy}, ${oslo(alert.acknowledgedAt)}`] : []),
    '',
    ...Object.entries(alert.detail).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`),
    '',
    `The console: ${ctx.publicUrl}/console/alerts`,
  ];
  return { subject: `[Ladepay] ${head}: ${alert.summary}`, text: `${lines.join('\n')}\n` };
}
