// How a side effect run from the outbox went.
export type EffectResult =
  | { status: 'done'; result?: unknown } // result: an answer kept for whoever waits on the item
  | { status: 'retry'; error: string } // transient: try again after the backoff
  | { status: 'dead'; error: string }; // permanent: an operator must look

export interface EffectItem {
  key: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export type EffectHandler = (item: EffectItem) => Promise<EffectResult>;
