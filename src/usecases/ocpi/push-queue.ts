// A push to an OCPI partner, as it waits in the outbox (docs/ocpi.md,
// "Pushing changes"): one HTTP request to the partner's Receiver endpoint of
// a module, made on any node, retried until it goes through or the partner
// is gone. Each partner's pushes are a queue of their own, in the order they
// were decided: a Location's (its EVSEs and Connectors too) one after
// another, Locations side by side; a Tariff's push waits for everything
// queued before it and holds up everything queued after, so a Tariff is PUT
// before a Connector names it and DELETEd only after none does.

export const PUSH_KIND = 'ocpi.push';

// Never given up on while the partner is there: a partner down for a day
// gets every change when it is back (the backoff is capped, see push-sender.ts).
export const PUSH_MAX_ATTEMPTS = 1_000_000;

export type PushModule = 'locations' | 'tariffs';

export interface PushItem {
  partnerId: string;
  module: PushModule;
  method: 'PUT' | 'PATCH' | 'DELETE';
  // Below the partner's endpoint of the module, after {country_code}/{party_id}: the object's ids.
  path: string[];
  body?: object;
  // What the push is about: `location:{id}` or `tariff:{id}` (its row in the push state).
  object: string;
  // When Ladepay saw the change: the push delay runs from here to the partner's answer.
  changedAt: string;
}

export const locationObject = (id: string) => `location:${id}`;
export const tariffObject = (id: string) => `tariff:${id}`;

// The partner's queue (the outbox's order scope) and the item's place in it.
export const pushScope = (partnerId: string) => `ocpi:${partnerId}`;

export function pushOrder(p: Pick<PushItem, 'partnerId' | 'module' | 'object'>): { scope: string; key: string } {
  const scope = pushScope(p.partnerId);
  return { scope, key: p.module === 'tariffs' ? scope : `${scope}/${p.object}` };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// An outbox payload read back; undefined when it is not a push.
export function readPushItem(v: unknown): PushItem | undefined {
  if (!isRecord(v) || typeof v.partnerId !== 'string' || (v.module !== 'locations' && v.module !== 'tariffs')) return undefined;
  if ((v.method !== 'PUT' && v.method !== 'PATCH' && v.method !== 'DELETE') || !Array.isArray(v.path) || !v.path.every((s) => typeof s === 'string')) return undefined;
  if (typeof v.object !== 'string' || typeof v.changedAt !== 'string' || (v.body !== undefined && !isRecord(v.body))) return undefined;
  return { partnerId: v.partnerId, module: v.module, method: v.method, path: v.path as string[], ...(v.body ? { body: v.body } : {}), object: v.object, changedAt: v.changedAt };
}
