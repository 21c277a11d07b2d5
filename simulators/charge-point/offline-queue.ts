import { sleep } from './sleep.ts';
import type { Logger } from './logger.ts';

// Transaction messages leave the station strictly in the order they were made
// (OCPP 1.6 §4.7 / 2.0.1 E04): while the link is down they wait here with the
// timestamps they were made with, and go out first thing on reconnect.

export interface QueuedMessage {
  readonly action: string;
  readonly kind: 'meter' | 'transaction';
  // Built at send time: a 1.6 message made offline learns its transactionId
  // only when the queued StartTransaction is answered. Undefined drops it.
  build(): Record<string, unknown> | undefined;
  onAnswer?(answer: unknown): void;
  // Held back this long (real ms) before it joins the queue, so it goes out
  // late and after messages made later: a station that sends out of order.
  holdMs?: number;
}

export interface OfflineQueueOptions {
  send(action: string, params: Record<string, unknown>): Promise<unknown>;
  canSend(): boolean;
  maxLength: number;
  maxAttempts: number; // TransactionMessageAttempts
  retryDelayMs: number; // TransactionMessageRetryInterval, multiplied by the attempt number
  logger: Logger;
}

interface Entry {
  message: QueuedMessage;
  attempts: number;
}

export class OfflineQueue {
  private readonly items: Entry[] = [];
  private pumping = false;
  private settledWaiters: Array<() => void> = [];
  private readonly closing = new AbortController();
  private readonly held = new Set<NodeJS.Timeout>();
  // A station without storage: what is made while the link is down is lost.
  forgetWhileOffline = false;

  constructor(private readonly options: OfflineQueueOptions) {}

  get length(): number {
    return this.items.length;
  }

  push(message: QueuedMessage): void {
    if (message.holdMs !== undefined && message.holdMs > 0) {
      const timer = setTimeout(() => {
        this.held.delete(timer);
        if (!this.closing.signal.aborted) this.push({ ...message, holdMs: 0 });
      }, message.holdMs);
      this.held.add(timer);
      return;
    }
    if (this.forgetWhileOffline && !this.options.canSend()) {
      this.options.logger.warn(`offline without storage: ${message.action} lost`);
      return;
    }
    if (this.items.length >= this.options.maxLength) this.dropOne();
    this.items.push({ message, attempts: 0 });
    void this.pump();
  }

  resume(): void {
    void this.pump();
  }

  close(): void {
    this.closing.abort();
    for (const timer of this.held) clearTimeout(timer);
    this.held.clear();
  }

  // Everything waiting is lost (the station's memory is gone).
  clear(): void {
    if (this.items.length > 0) this.options.logger.warn(`${this.items.length} queued messages lost`);
    this.items.length = 0;
  }

  // Resolves once nothing more can go out now: empty, or the link is down.
  whenSettled(): Promise<void> {
    if (!this.pumping && (this.items.length === 0 || !this.options.canSend())) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  // By identity: the queue may have been cleared while the message was out.
  private remove(entry: Entry): void {
    const at = this.items.indexOf(entry);
    if (at >= 0) this.items.splice(at, 1);
  }

  private dropOne(): void {
    // Periodic samples are the least precious: starts and stops carry the money.
    const meterAt = this.items.findIndex((e) => e.message.kind === 'meter');
    const [dropped] = this.items.splice(meterAt >= 0 ? meterAt : 0, 1);
    this.options.logger.warn(`offline queue full: dropped a ${dropped?.message.action}`);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.items.length > 0 && this.options.canSend() && !this.closing.signal.aborted) {
        const head = this.items[0] as Entry;
        const params = head.message.build();
        if (!params) {
          this.items.shift();
          continue;
        }
        try {
          const answer = await this.options.send(head.message.action, params);
          this.remove(head);
          head.message.onAnswer?.(answer);
        } catch (err) {
          // Lost link: the message stays first in line for the next connection.
          if (!this.options.canSend()) break;
          head.attempts += 1;
          if (head.attempts >= this.options.maxAttempts) {
            this.remove(head);
            this.options.logger.error(`${head.message.action} dropped after ${head.attempts} attempts:`, errorText(err));
            continue;
          }
          this.options.logger.warn(`${head.message.action} failed (attempt ${head.attempts}), retrying:`, errorText(err));
          await sleep(this.options.retryDelayMs * head.attempts, this.closing.signal);
        }
      }
    } finally {
      this.pumping = false;
      const waiters = this.settledWaiters;
      this.settledWaiters = [];
      for (const done of waiters) done();
    }
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
