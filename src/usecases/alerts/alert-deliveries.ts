import { isAlertEvent } from '../../core/vocabulary/alert-rules.ts';
import type { EffectHandler, EffectResult } from '../ports/effect-result.ts';
import { ALERT_DELIVERY_KINDS, type AlertBook, type AlertDeliveryPayload, type AlertMailer, type AlertWebhook, type DeliveryOutcome } from '../ports/alerts.ts';
import { alertMail, alertWebhookBody, type AlertMessageContext } from './alert-message.ts';

export interface AlertDeliveryDeps extends AlertMessageContext {
  book: Pick<AlertBook, 'byId'>;
  webhook: AlertWebhook | undefined;
  mailer: AlertMailer | undefined;
}

function readPayload(payload: unknown): AlertDeliveryPayload | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { alertId, event } = payload as Record<string, unknown>;
  return typeof alertId === 'string' && typeof event === 'string' && isAlertEvent(event) ? { alertId, event } : undefined;
}

// A failed delivery is tried again with the outbox's backoff until its
// attempts run out; then it is dead, and the webhook_failing rule says so.
const outcome = (r: DeliveryOutcome): EffectResult => (r.ok ? { status: 'done' } : { status: 'retry', error: r.error });

// The outbox handlers that send an opened or resolved alert: the alert as
// kept now (an acknowledgement made since is in it).
export function alertDeliveries(d: AlertDeliveryDeps): Record<string, EffectHandler> {
  const handler =
    (send: (alert: NonNullable<Awaited<ReturnType<AlertBook['byId']>>>, p: AlertDeliveryPayload, key: string) => Promise<DeliveryOutcome>): EffectHandler =>
    async (item) => {
      const p = readPayload(item.payload);
      if (!p) return { status: 'dead', error: 'not an alert delivery payload' };
      const alert = await d.book.byId(p.alertId);
      if (!alert) return { status: 'dead', error: `no alert ${p.alertId}` };
      return outcome(await send(alert, p, item.key));
    };
  const handlers: Record<string, EffectHandler> = {};
  const { webhook, mailer } = d;
  // A channel no longer configured: what was queued for it is dropped as done.
  handlers[ALERT_DELIVERY_KINDS.webhook] = webhook
    ? handler((alert, p, key) => webhook.send(alertWebhookBody(alert, p.event, d), key))
    : async () => ({ status: 'done' });
  handlers[ALERT_DELIVERY_KINDS.mail] = mailer ? handler((alert, p) => mailer.send(alertMail(alert, p.event, d))) : async () => ({ status: 'done' });
  return handlers;
}
