import type { EffectHandler, EffectResult } from '../../usecases/ports/effect-result.ts';
import type { Outbox, OutboxItem } from './outbox.ts';

export type HandlerResult = EffectResult;
export type OutboxHandler = EffectHandler;

export interface WorkerLogger {
  debug?(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

// New work was written to the outbox: the writer fires, the worker listens
// and runs it at once instead of at its next poll.
export class OutboxSignal {
  private readonly listeners = new Set<() => void>();
  fire(): void {
    for (const l of this.listeners) l();
  }
  listen(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}

export interface OutboxWorkerOptions {
  outbox: Outbox;
  signal?: OutboxSignal;
  handlers: Record<string, OutboxHandler>;
  owner: string; // unique per worker (process id + random)
  node?: string; // this node's id: items for stations another node holds are left to it
  completed?: (item: OutboxItem) => void; // after an item is done
  now: () => Date;
  logger: WorkerLogger;
  pollMs?: number;
  leaseMs?: number;
  batch?: number;
}

export interface OutboxWorker {
  wake(): void;
  // Runs until nothing is due right now (tests, and the drain on shutdown).
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export function startOutboxWorker(o: OutboxWorkerOptions): OutboxWorker {
  const pollMs = o.pollMs ?? 1000;
  const leaseMs = o.leaseMs ?? 60_000;
  const batch = o.batch ?? 16;
  let running = true;
  let wakeUp: (() => void) | undefined;
  let woken = false;

  // One pass: claim what is due and run each item's handler; done completes
  // the item, a failure retries it or ends it dead. True when something ran.
  async function pass(): Promise<boolean> {
    const items = await o.outbox.claim(o.owner, o.now(), batch, leaseMs, o.node);
    // Items of one batch run side by side; one slow Vipps call must not hold
    // up the others.
    await Promise.all(
      items.map(async (item) => {
        const handler = o.handlers[item.kind];
        let result: HandlerResult;
        // A handler that throws: the row keeps the message (the console shows it), the log the error with its stack.
        let thrown: unknown;
        if (!handler) {
          result = { status: 'dead', error: `no handler for outbox kind ${item.kind}` };
        } else {
          try {
            result = await handler(item);
          } catch (e) {
            thrown = e;
            result = { status: 'retry', error: e instanceof Error ? e.message : String(e) };
          }
        }
        const now = o.now();
        if (result.status === 'done') {
          if (!(await o.outbox.complete(item.id, o.owner, now, result.result))) {
            o.logger.warn({ outboxId: item.id, key: item.key }, 'outbox lease lost before completion');
          } else o.completed?.(item);
          return;
        }
        const retry = result.status === 'retry' ? result : undefined;
        const verdict = await o.outbox.fail(item, o.owner, result.error, now, result.status === 'dead', retry?.retryInMs);
        if (verdict === 'dead') o.completed?.(item);
        const log = { outboxId: item.id, key: item.key, attempts: item.attempts, error: result.error, verdict, ...(thrown === undefined ? {} : { err: thrown }) };
        if (verdict === 'dead') o.logger.error(log, 'outbox item dead: needs an operator');
        else if (retry?.quiet) o.logger.debug?.(log, 'outbox item failed; will retry');
        else o.logger.warn(log, 'outbox item failed; will retry');
      }),
    );
    return items.length > 0;
  }

  // Passes of this worker (its loop and drain()) run one after another, so a
  // drain never races the loop for the same rows.
  let chain: Promise<unknown> = Promise.resolve();
  function exclusivePass(): Promise<boolean> {
    const next = chain.then(pass);
    chain = next.catch(() => undefined);
    return next;
  }

  async function loop(): Promise<void> {
    while (running) {
      let didWork = false;
      try {
        didWork = await exclusivePass();
      } catch (e) {
        o.logger.error({ err: e }, 'outbox pass failed');
      }
      if (didWork || !running) continue;
      if (woken) {
        woken = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = undefined;
    }
  }
  const done = loop();
  const wake = (): void => {
    woken = true;
    wakeUp?.();
  };
  const unlisten = o.signal?.listen(wake);

  return {
    wake,
    async drain() {
      while (await exclusivePass()) {
        /* keep going until nothing is due */
      }
    },
    async stop() {
      unlisten?.();
      running = false;
      wakeUp?.();
      await done;
    },
  };
}
