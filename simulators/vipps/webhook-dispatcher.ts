import { randomUUID } from 'node:crypto';
import { postWebhook } from './webhook-post.ts';
import { signWebhook } from './webhook-signer.ts';
import type { SimClock } from './clock.ts';
import type { WebhookPayload } from './epayment-views.ts';
import type { FaultController } from './faults.ts';
import type { WebhookRegistry, Registration } from './webhook-registry.ts';

export interface WebhookRetryOptions {
  /** Attempts per delivery, the first included, before it is given up as failed. Default 8. */
  maxAttempts?: number;
  /** Wait before retry n (the last value repeats). Default 1 s, 5 s, 30 s, 2 min, 10 min, 30 min, 1 h. */
  backoffMs?: number[];
  /** No answer within this is a failure (10 s, docs/vipps-contract.md §21). */
  timeoutMs?: number;
  /** How long a reordered event waits for a later one to overtake it. Default 1 s. */
  reorderHoldMs?: number;
}

export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
}

export interface WebhookDelivery {
  id: string;
  registrationId: string;
  url: string;
  event: string;
  msn: string;
  reference: string;
  payload: WebhookPayload;
  body: string;
  state: 'pending' | 'delivered' | 'failed' | 'dropped';
  attempts: DeliveryAttempt[];
  duplicateOf?: string;
  faults: Array<'dropped' | 'delayed' | 'duplicated' | 'reordered'>;
}

interface Item {
  delivery: WebhookDelivery;
  notBefore: number;
}

interface Held {
  item: Item;
  timer: NodeJS.Timeout;
}

// One queue per registration and payment.
function queueKey(registrationId: string, reference: string): string {
  return `${registrationId}\u0000${reference}`;
}

export type DeliveryLog = (delivery: WebhookDelivery, attempt: DeliveryAttempt) => void;

/**
 * Sends events to every subscribed registration, signed as in docs/vipps-contract.md §17. Each registration has a FIFO
 * queue per payment: a failing event blocks the later ones of that payment for that registration until it
 * is delivered or given up (docs/vipps-contract.md §16: rejecting AUTHORIZED delays CAPTURED); other payments' events
 * go out alongside. Retry and delay timers use wall-clock time so that tests can keep them short.
 */
export class WebhookDispatcher {
  private readonly all: WebhookDelivery[] = [];
  private readonly queues = new Map<string, Item[]>();
  private readonly held = new Map<string, Held>();
  private readonly busy = new Map<string, NodeJS.Timeout | null>();
  private idleWaiters: Array<() => void> = [];
  private stopped = false;
  private readonly retry: Required<WebhookRetryOptions>;

  constructor(
    private readonly registry: WebhookRegistry,
    private readonly clock: SimClock,
    private readonly faults: FaultController,
    retry: WebhookRetryOptions = {},
    private readonly log: DeliveryLog = () => {},
    private readonly dateClock: SimClock = clock,
  ) {
    this.retry = {
      maxAttempts: retry.maxAttempts ?? 8,
      backoffMs: retry.backoffMs && retry.backoffMs.length > 0 ? retry.backoffMs : [1000, 5000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000],
      timeoutMs: retry.timeoutMs ?? 10_000,
      reorderHoldMs: retry.reorderHoldMs ?? 1000,
    };
  }

  publish(msn: string, payload: WebhookPayload): void {
    const event = `epayments.payment.${payload.name.toLowerCase()}.v1`;
    for (const registration of this.registry.subscribers(msn, event)) this.enqueue(registration, event, payload);
  }

  deliveries(): WebhookDelivery[] {
    return structuredClone(this.all);
  }

  /** Resolves once nothing is queued, held back, waiting for a retry or in flight. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Skips every pending wait: retries, delays and held-back events go out now. */
  deliverNow(): void {
    for (const key of [...this.held.keys()]) this.release(key);
    for (const queue of this.queues.values()) for (const item of queue) item.notBefore = 0;
    for (const [key, timer] of [...this.busy]) {
      if (timer === null) continue;
      clearTimeout(timer);
      this.busy.delete(key);
      this.pump(key);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const held of this.held.values()) clearTimeout(held.timer);
    for (const timer of this.busy.values()) if (timer) clearTimeout(timer);
    this.held.clear();
    this.busy.clear();
    this.queues.clear();
    this.settle();
  }

  private enqueue(registration: Registration, event: string, payload: WebhookPayload): void {
    const delivery = this.newDelivery(registration, event, payload);
    if (this.faults.fire('webhookDrop')) {
      delivery.state = 'dropped';
      delivery.faults.push('dropped');
      return;
    }
    const item: Item = { delivery, notBefore: 0 };
    const delay = this.faults.fire('webhookDelay');
    if (delay) {
      item.notBefore = Date.now() + (delay.ms ?? 2000);
      delivery.faults.push('delayed');
    }
    const items = [item];
    if (this.faults.fire('webhookDuplicate')) {
      delivery.faults.push('duplicated');
      const copy = this.newDelivery(registration, event, payload);
      copy.duplicateOf = delivery.id;
      items.push({ delivery: copy, notBefore: item.notBefore });
    }
    const key = queueKey(registration.id, payload.reference);
    const queue = this.queues.get(key) ?? [];
    this.queues.set(key, queue);
    const earlier = this.held.get(key);
    if (this.faults.fire('webhookReorder')) {
      if (earlier) this.release(key);
      delivery.faults.push('reordered');
      const timer = setTimeout(() => this.release(key), this.retry.reorderHoldMs);
      this.held.set(key, { item: items[0] as Item, timer });
      queue.push(...items.slice(1));
    } else {
      queue.push(...items);
      // A held-back event goes out right after the one that overtook it.
      if (earlier) this.release(key);
    }
    this.pump(key);
  }

  private newDelivery(registration: Registration, event: string, payload: WebhookPayload): WebhookDelivery {
    const delivery: WebhookDelivery = {
      id: randomUUID(),
      registrationId: registration.id,
      url: registration.url,
      event,
      msn: registration.msn,
      reference: payload.reference,
      payload,
      body: JSON.stringify(payload),
      state: 'pending',
      attempts: [],
      faults: [],
    };
    this.all.push(delivery);
    return delivery;
  }

  private release(key: string): void {
    const held = this.held.get(key);
    if (!held) return;
    clearTimeout(held.timer);
    this.held.delete(key);
    const queue = this.queues.get(key) ?? [];
    this.queues.set(key, queue);
    queue.push(held.item);
    this.pump(key);
  }

  private pump(key: string): void {
    if (this.stopped || this.busy.has(key)) return this.settle();
    const queue = this.queues.get(key) ?? [];
    const head = queue[0];
    if (!head) return this.settle();
    const wait = head.notBefore - Date.now();
    if (wait > 0) {
      this.busy.set(key, setTimeout(() => {
        this.busy.delete(key);
        this.pump(key);
      }, wait));
      return;
    }
    this.busy.set(key, null);
    void this.attempt(head).then((done) => {
      if (this.stopped) return;
      this.busy.delete(key);
      if (done) queue.shift();
      else head.notBefore = Date.now() + this.backoff(head.delivery.attempts.length);
      if (queue.length === 0) this.queues.delete(key);
      this.pump(key);
    });
  }

  /** True when the delivery is finished (delivered or given up). */
  private async attempt(item: Item): Promise<boolean> {
    const delivery = item.delivery;
    const registration = this.registry.get(delivery.registrationId);
    const date = this.clock.now();
    if (!registration) {
      const attempt = { at: date.toISOString(), error: 'registration deleted' };
      delivery.attempts.push(attempt);
      delivery.state = 'failed';
      this.log(delivery, attempt);
      return true;
    }
    const httpDate = this.dateClock.now().toUTCString();
    const signature = signWebhook(registration.secret, registration.url, httpDate, delivery.body);
    const headers = {
      'content-type': 'application/json',
      host: new URL(registration.url).host,
      'x-ms-date': httpDate,
      'x-ms-content-sha256': signature.contentHash,
      authorization: signature.authorization,
    };
    const outcome = await postWebhook(registration.url, headers, delivery.body, this.retry.timeoutMs);
    const attempt: DeliveryAttempt = { at: date.toISOString(), ...(outcome.status !== undefined ? { status: outcome.status } : {}) };
    if (!outcome.ok && outcome.error) attempt.error = outcome.error;
    delivery.attempts.push(attempt);
    if (outcome.ok) delivery.state = 'delivered';
    else if (delivery.attempts.length >= this.retry.maxAttempts) delivery.state = 'failed';
    this.log(delivery, attempt);
    return delivery.state !== 'pending';
  }

  private backoff(attempts: number): number {
    const list = this.retry.backoffMs;
    return list[Math.min(attempts - 1, list.length - 1)] ?? 0;
  }

  private isIdle(): boolean {
    if (this.stopped) return true;
    if (this.held.size > 0 || this.busy.size > 0) return false;
    return [...this.queues.values()].every((queue) => queue.length === 0);
  }

  private settle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
