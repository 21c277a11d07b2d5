// How a side effect run from the outbox went.
export type EffectResult =
  | { status: 'done'; result?: unknown } // result: an answer kept for whoever waits on the item
  // transient: try again after the backoff (the handler's own when it gives
  // one); quiet: the handler reports its failures itself, the worker only at debug.
  | { status: 'retry'; error: string; retryInMs?: number; quiet?: boolean }
  | { status: 'dead'; error: string }; // permanent: an operator must look

export interface EffectItem {
  key: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export type EffectHandler = (item: EffectItem) => Promise<EffectResult>;
