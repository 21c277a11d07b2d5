import { sql, type ExpressionBuilder, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DialectName } from './dialect-name.ts';
import type { Database, OutboxTable } from './schema.ts';

// A durable queue of side effects (Vipps calls, OCPP commands, receipts),
// written in the same transaction as the state change that calls for them.
// Items are claimed with a lease; a worker that dies holding one simply lets
// the lease run out and another worker takes the item again. Handlers must
// therefore be idempotent, which every external call here is (deterministic
// Idempotency-Keys).

export interface OutboxItem {
  id: number;
  kind: string;
  key: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export interface NewOutboxItem {
  kind: string;
  key: string;
  payload: unknown;
  runAfter?: Date;
  maxAttempts?: number;
  // The item talks to this station: only the node holding its socket runs it
  // (any node, when no node holds it: the station is offline).
  stationId?: string;
  // The item waits its turn in an ordered queue (see claim()).
  order?: OutboxOrder;
}

// Items of one scope run in the order they were enqueued where they touch the
// same thing: an item waits for every older undone (pending or running) item
// of its scope with the same key; an item whose key is the scope itself waits
// for every older one of the scope, and every younger one waits for it. So
// one partner's pushes (scope) about one Location (key) arrive one after
// another in order, Locations side by side, and a Tariff pushed before (or
// deleted after) them is a barrier they keep to.
export interface OutboxOrder {
  scope: string;
  key: string;
}

// What became of an item, for whoever waits on it.
export interface OutboxAnswer {
  // abandoned: its asker stopped waiting before anyone ran it (never run after).
  state: 'pending' | 'running' | 'done' | 'dead' | 'abandoned';
  result: unknown;
  lastError: string | null;
}

export interface OutboxRow {
  id: number;
  kind: string;
  key: string;
  state: string;
  attempts: number;
  maxAttempts: number;
  runAfter: string;
  lastError: string | null;
  payload: unknown;
  updatedAt: string;
}

export type Backoff = (attempt: number) => number;

// 1 s, 2 s, 4 s … capped at 5 minutes.
export const defaultBackoff: Backoff = (attempt) => Math.min(1000 * 2 ** Math.max(0, attempt - 1), 300_000);

const DEFAULT_MAX_ATTEMPTS = 12;

export class Outbox {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
    private readonly backoff: Backoff = defaultBackoff,
    // PostgreSQL: the channel every node listens on; new work wakes them all
    // when its transaction commits (NOTIFY is delivered on commit only).
    private readonly wakeChannel?: string,
  ) {}

  // Enqueueing a key that already exists changes nothing: the same state
  // change replayed cannot schedule its side effect twice.
  async enqueue(trx: Kysely<Database> | Transaction<Database>, item: NewOutboxItem, now: Date): Promise<void> {
    const at = now.toISOString();
    await trx
      .insertInto('outbox')
      .values({
        kind: item.kind,
        key: item.key,
        payload: JSON.stringify(item.payload),
        state: 'pending',
        attempts: 0,
        max_attempts: item.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        run_after: (item.runAfter ?? now).toISOString(),
        created_at: at,
        updated_at: at,
        station_id: item.stationId ?? null,
        order_scope: item.order?.scope ?? null,
        order_key: item.order?.key ?? null,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    if (this.dialect === 'postgres' && this.wakeChannel) await sql`select pg_notify(${this.wakeChannel}, '')`.execute(trx);
  }

  // node: the claiming node; an item for a station whose socket another live
  // node holds is left to that node.
  // An item of its own, outside any state change.
  enqueueNow(item: NewOutboxItem, now: Date): Promise<void> {
    return this.enqueue(this.db, item, now);
  }

  async claim(owner: string, now: Date, limit: number, leaseMs: number, node = ''): Promise<OutboxItem[]> {
    const at = now.toISOString();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const rows = await this.db.transaction().execute(async (trx) => {
      let due = trx
        .selectFrom('outbox')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('state', '=', 'pending'), eb('run_after', '<=', at)]),
            eb.and([eb('state', '=', 'running'), eb('lease_until', '<=', at)]),
          ]),
        )
        .where((eb) =>
          eb.or([
            eb('station_id', 'is', null),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('station_owners as o')
                  .select('o.station_id')
                  .whereRef('o.station_id', '=', 'outbox.station_id')
                  .where('o.node_id', '<>', node)
                  .where('o.lease_until', '>', at),
              ),
            ),
          ]),
        )
        .where((eb) => eb.or([eb('order_scope', 'is', null), eb.not(eb.exists(olderInQueue(eb)))]))
        .orderBy('id')
        .limit(limit);
      // PostgreSQL: several processes claim side by side without waiting on
      // each other. SQLite has a single writer, so the transaction suffices.
      if (this.dialect === 'postgres') due = due.forUpdate().skipLocked();
      const ids = (await due.execute()).map((r) => r.id);
      if (ids.length === 0) return [];
      return trx
        .updateTable('outbox')
        .set({
          state: 'running',
          lease_owner: owner,
          lease_until: leaseUntil,
          attempts: sql<number>`attempts + 1`,
          updated_at: at,
        })
        .where('id', 'in', ids)
        .returningAll()
        .execute();
    });
    return rows.sort((a, b) => a.id - b.id).map(toItem);
  }

  // False when the lease was lost (another worker took the item over).
  async complete(id: number, owner: string, now: Date, result?: unknown): Promise<boolean> {
    const r = await this.db
      .updateTable('outbox')
      .set({ state: 'done', lease_owner: null, lease_until: null, updated_at: now.toISOString(), ...(result === undefined ? {} : { result: JSON.stringify(result) }) })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .where('state', '=', 'running')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // retryInMs: the handler's own backoff, instead of the outbox's.
  async fail(item: OutboxItem, owner: string, error: string, now: Date, permanent = false, retryInMs?: number): Promise<'retry' | 'dead' | 'lost'> {
    const dead = permanent || item.attempts >= item.maxAttempts;
    const r = await this.db
      .updateTable('outbox')
      .set({
        state: dead ? 'dead' : 'pending',
        run_after: new Date(now.getTime() + (dead ? 0 : (retryInMs ?? this.backoff(item.attempts)))).toISOString(),
        lease_owner: null,
        lease_until: null,
        last_error: error.slice(0, 2000),
        updated_at: now.toISOString(),
      })
      .where('id', '=', item.id)
      .where('lease_owner', '=', owner)
      .where('state', '=', 'running')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return 'lost';
    return dead ? 'dead' : 'retry';
  }

  async answer(key: string): Promise<OutboxAnswer | undefined> {
    const row = await this.db.selectFrom('outbox').select(['state', 'result', 'last_error']).where('key', '=', key).executeTakeFirst();
    if (!row) return undefined;
    return { state: row.state as OutboxAnswer['state'], result: row.result === null ? undefined : (JSON.parse(row.result) as unknown), lastError: row.last_error };
  }

  // Gives up an item nobody has finished: it will not run (again) after its
  // asker stopped waiting. False when it was already done.
  async abandon(key: string, reason: string, now: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('outbox')
      .set({ state: 'abandoned', lease_owner: null, lease_until: null, last_error: reason, updated_at: now.toISOString() })
      .where('key', '=', key)
      .where('state', 'in', ['pending', 'running'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // An operator's "try again" on a dead item: a fresh set of attempts, now.
  async retry(id: number, now: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('outbox')
      .set({ state: 'pending', attempts: 0, run_after: now.toISOString(), last_error: null, updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('state', '=', 'dead')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async list(filter: { state?: string; keyPrefix?: string; limit?: number } = {}): Promise<OutboxRow[]> {
    let q = this.db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(filter.limit ?? 200);
    if (filter.state) q = q.where('state', '=', filter.state);
    if (filter.keyPrefix) q = q.where('key', 'like', `${filter.keyPrefix}%`);
    return (await q.execute()).map(toRow);
  }

  async depth(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('outbox')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .where('state', '!=', 'done')
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  /**
   * Deletes the finished items (done or abandoned) of these kinds last
   * touched before `before`, a batch at a time; returns how many. Only for
   * kinds whose keys are never enqueued again (a random key each time):
   * a session's items stay, their keys are what keeps a replayed state change
   * from running an effect twice.
   */
  async pruneFinished(kinds: readonly string[], before: Date, batch = 1000): Promise<number> {
    let pruned = 0;
    for (;;) {
      const ids = this.db
        .selectFrom('outbox')
        .select('id')
        .where('kind', 'in', [...kinds])
        .where('state', 'in', ['done', 'abandoned'])
        .where('updated_at', '<', before.toISOString())
        .limit(batch);
      const r = await this.db.deleteFrom('outbox').where('id', 'in', ids).executeTakeFirst();
      const n = Number(r.numDeletedRows);
      pruned += n;
      if (n < batch) return pruned;
    }
  }

  async nextDueAt(): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.min('run_after').as('at'))
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return row?.at ? new Date(row.at) : undefined;
  }
}

type Selected = Selectable<OutboxTable>;

// An older undone item of the same ordered queue that holds this one up (OutboxOrder).
function olderInQueue(eb: ExpressionBuilder<Database, 'outbox'>) {
  return eb
    .selectFrom('outbox as o')
    .select('o.id')
    .whereRef('o.order_scope', '=', 'outbox.order_scope')
    .whereRef('o.id', '<', 'outbox.id')
    .where('o.state', 'in', ['pending', 'running'])
    .where((e) => e.or([e('o.order_key', '=', e.ref('outbox.order_key')), e('o.order_key', '=', e.ref('o.order_scope')), e('outbox.order_key', '=', e.ref('outbox.order_scope'))]));
}

function toItem(r: Selected): OutboxItem {
  return {
    id: r.id,
    kind: r.kind,
    key: r.key,
    payload: JSON.parse(r.payload) as unknown,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
  };
}

function toRow(r: Selected): OutboxRow {
  return {
    id: r.id,
    kind: r.kind,
    key: r.key,
    state: r.state,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAfter: r.run_after,
    lastError: r.last_error,
    payload: JSON.parse(r.payload) as unknown,
    updatedAt: r.updated_at,
  };
}
