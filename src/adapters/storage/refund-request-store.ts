import type { Kysely } from 'kysely';
import type { RefundRequest, RefundRequests, RefundRequestState } from '../../usecases/ports/refund-requests.ts';
import type { Database } from './schema.ts';

// Refund requests (migration 0006), keyed by session and the caller's key.

export interface RefundRequestsTable {
  session_id: string;
  request_key: string;
  amount_ore: number;
  reason: string;
  actor: string;
  state: string;
  refunded_ore: number | null;
  failure: string | null;
  created_at: string;
  updated_at: string;
}

type Tables = Database & { refund_requests: RefundRequestsTable };

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err.code === '23505' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /UNIQUE constraint failed/.test(err.message ?? '');
}

function toRequest(row: RefundRequestsTable): RefundRequest {
  return {
    sessionId: row.session_id,
    key: row.request_key,
    amountOre: Number(row.amount_ore),
    reason: row.reason,
    actor: row.actor,
    state: row.state as RefundRequestState,
    ...(row.refunded_ore !== null ? { refundedOre: Number(row.refunded_ore) } : {}),
    ...(row.failure !== null ? { failure: row.failure } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class RefundRequestStore implements RefundRequests {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ refund_requests: RefundRequestsTable }>();
  }

  async claim(r: Omit<RefundRequest, 'state' | 'updatedAt' | 'refundedOre' | 'failure'>): Promise<{ created: true } | { created: false; existing: RefundRequest }> {
    try {
      await this.db
        .insertInto('refund_requests')
        .values({
          session_id: r.sessionId,
          request_key: r.key,
          amount_ore: r.amountOre,
          reason: r.reason,
          actor: r.actor,
          state: 'pending',
          refunded_ore: null,
          failure: null,
          created_at: r.createdAt,
          updated_at: r.createdAt,
        })
        .execute();
      return { created: true };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const existing = await this.find(r.sessionId, r.key);
      if (!existing) throw e;
      return { created: false, existing };
    }
  }

  async find(sessionId: string, key: string): Promise<RefundRequest | undefined> {
    const row = await this.db.selectFrom('refund_requests').selectAll().where('session_id', '=', sessionId).where('request_key', '=', key).executeTakeFirst();
    return row ? toRequest(row) : undefined;
  }

  async retake(sessionId: string, key: string, at: string, staleBefore: string): Promise<boolean> {
    const r = await this.db
      .updateTable('refund_requests')
      .set({ state: 'pending', failure: null, updated_at: at })
      .where('session_id', '=', sessionId)
      .where('request_key', '=', key)
      .where((eb) => eb.or([eb('state', '=', 'failed'), eb.and([eb('state', '=', 'pending'), eb('updated_at', '<', staleBefore)])]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async finish(sessionId: string, key: string, outcome: { state: 'done'; refundedOre: number } | { state: 'failed'; failure: string }, at: string): Promise<void> {
    await this.db
      .updateTable('refund_requests')
      .set(
        outcome.state === 'done'
          ? { state: 'done', refunded_ore: outcome.refundedOre, failure: null, updated_at: at }
          : { state: 'failed', failure: outcome.failure, updated_at: at },
      )
      .where('session_id', '=', sessionId)
      .where('request_key', '=', key)
      .execute();
  }

  async pendingOre(sessionId: string, exceptKey: string): Promise<number> {
    const row = await this.db
      .selectFrom('refund_requests')
      .select((eb) => eb.fn.sum<number>('amount_ore').as('sum'))
      .where('session_id', '=', sessionId)
      .where('state', '=', 'pending')
      .where('request_key', '<>', exceptKey)
      .executeTakeFirst();
    return Number(row?.sum ?? 0);
  }
}
