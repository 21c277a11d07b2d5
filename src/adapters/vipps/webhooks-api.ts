import type { Transport } from './http-transport.ts';
import { failureFromAnswer } from './failure-from-answer.ts';
import { isRecord, parseJson, stringAt } from './json-fields.ts';
import { fail, ok, type VippsResult } from './vipps-result.ts';

// docs/vipps-contract.md §14.
export type EpaymentWebhookEvent =
  | 'epayments.payment.created.v1'
  | 'epayments.payment.aborted.v1'
  | 'epayments.payment.expired.v1'
  | 'epayments.payment.cancelled.v1'
  | 'epayments.payment.captured.v1'
  | 'epayments.payment.refunded.v1'
  | 'epayments.payment.authorized.v1'
  | 'epayments.payment.terminated.v1';

// What a charging session has to hear about (docs/vipps-contract.md §14, §20).
export const CHARGING_PAYMENT_EVENTS: readonly EpaymentWebhookEvent[] = [
  'epayments.payment.authorized.v1',
  'epayments.payment.aborted.v1',
  'epayments.payment.expired.v1',
  'epayments.payment.terminated.v1',
  'epayments.payment.captured.v1',
  'epayments.payment.cancelled.v1',
  'epayments.payment.refunded.v1',
];

export interface WebhookRegistration {
  id: string;
  url: string;
  events: string[];
}

export interface WebhooksApi {
  list(): Promise<VippsResult<WebhookRegistration[]>>;
  // The secret is returned by this call only (docs/vipps-contract.md §14).
  register(url: string, events: readonly string[]): Promise<VippsResult<{ id: string; secret: string }>>;
  delete(id: string): Promise<VippsResult<void>>;
}

const BASE = '/webhooks/v1/webhooks';

function readRegistrations(json: unknown): WebhookRegistration[] | undefined {
  if (!isRecord(json) || !Array.isArray(json['webhooks'])) return undefined;
  const registrations: WebhookRegistration[] = [];
  for (const item of json['webhooks']) {
    if (!isRecord(item)) return undefined;
    const id = stringAt(item, 'id');
    const url = stringAt(item, 'url');
    const events = item['events'];
    if (id === undefined || url === undefined || !Array.isArray(events)) return undefined;
    registrations.push({ id, url, events: events.filter((event): event is string => typeof event === 'string') });
  }
  return registrations;
}

export function createWebhooksApi(call: Transport): WebhooksApi {
  return {
    async list() {
      const answer = await call({ operation: 'webhooks.list', method: 'GET', target: BASE });
      if (!answer.ok) return answer;
      if (answer.value.status !== 200) return fail(failureFromAnswer(answer.value));
      const registrations = readRegistrations(parseJson(answer.value.body));
      return registrations ? ok(registrations) : fail({ kind: 'unexpected', status: answer.value.status });
    },

    async register(url, events) {
      // No idempotency key exists here: a retried POST after a lost answer can
      // leave an extra registration, which ensureWebhook cleans up next start.
      const answer = await call({
        operation: 'webhooks.register',
        method: 'POST',
        target: BASE,
        body: JSON.stringify({ url, events }),
      });
      if (!answer.ok) return answer;
      if (answer.value.status !== 201 && answer.value.status !== 200) return fail(failureFromAnswer(answer.value));
      const json = parseJson(answer.value.body);
      const id = isRecord(json) ? stringAt(json, 'id') : undefined;
      const secret = isRecord(json) ? stringAt(json, 'secret') : undefined;
      if (id === undefined || secret === undefined || secret === '') return fail({ kind: 'unexpected', status: answer.value.status });
      return ok({ id, secret });
    },

    async delete(id) {
      const answer = await call({
        operation: 'webhooks.delete',
        method: 'DELETE',
        target: `${BASE}/${encodeURIComponent(id)}`,
      });
      if (!answer.ok) return answer;
      if (answer.value.status !== 204 && answer.value.status !== 200) return fail(failureFromAnswer(answer.value));
      return ok(undefined);
    },
  };
}
