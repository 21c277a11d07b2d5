import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { PushBook, PushChange } from '../../usecases/ocpi/push-book.ts';
import { PUSH_KIND, PUSH_MAX_ATTEMPTS, pushOrder } from '../../usecases/ocpi/push-queue.ts';
import type { DialectName } from './dialect-name.ts';
import type { Outbox } from './outbox.ts';
import type { Database } from './schema.ts';

// Migration 0019: per partner and object, what was last queued for it.
export interface OcpiPushStateTable {
  partner_id: string;
  object: string;
  sent: string; // JSON
  updated_at: string;
}

type Tables = Database & { ocpi_push_state: OcpiPushStateTable };

// Another node made the object's row first: the change is decided again on it.
class RowTaken extends Error {}

export class OcpiPushStore implements PushBook {
  private readonly db: Kysely<Tables>;

  constructor(
    private readonly base: Kysely<Database>,
    private readonly dialect: DialectName,
    private readonly outbox: Outbox,
  ) {
    this.db = base.withTables<{ ocpi_push_state: OcpiPushStateTable }>();
  }

  async sent(partnerId: string, prefix: string): Promise<Array<{ object: string; sent: unknown }>> {
    const rows = await this.db
      .selectFrom('ocpi_push_state')
      .select(['object', 'sent'])
      .where('partner_id', '=', partnerId)
      .where('object', 'like', `${prefix.replace(/[\\%_]/g, '\\$&')}%`)
      .orderBy('object')
      .execute();
    return rows.map((r) => ({ object: r.object, sent: JSON.parse(r.sent) as unknown }));
  }

  async forget(partnerId: string): Promise<void> {
    await this.db.deleteFrom('ocpi_push_state').where('partner_id', '=', partnerId).execute();
  }

  async change(partnerId: string, object: string, decide: (sent: unknown) => PushChange | undefined, now: Date): Promise<void> {
    try {
      await this.base.transaction().execute((trx) => this.changeIn(trx, partnerId, object, decide, now));
    } catch (e) {
      if (!(e instanceof RowTaken)) throw e;
      await this.base.transaction().execute((trx) => this.changeIn(trx, partnerId, object, decide, now));
    }
  }

  private async changeIn(outer: Transaction<Database>, partnerId: string, object: string, decide: (sent: unknown) => PushChange | undefined, now: Date): Promise<void> {
    const at = now.toISOString();
    const trx = outer.withTables<{ ocpi_push_state: OcpiPushStateTable }>();
    let read = trx.selectFrom('ocpi_push_state').select('sent').where('partner_id', '=', partnerId).where('object', '=', object);
    // PostgreSQL: the row is held until the transaction ends; SQLite has one writer at a time.
    if (this.dialect === 'postgres') read = read.forUpdate();
    const row = await read.executeTakeFirst();
    const decided = decide(row ? (JSON.parse(row.sent) as unknown) : undefined);
    if (!decided) return;
    if (decided.sent === undefined) {
      if (row) await trx.deleteFrom('ocpi_push_state').where('partner_id', '=', partnerId).where('object', '=', object).execute();
    } else if (row) {
      await trx.updateTable('ocpi_push_state').set({ sent: JSON.stringify(decided.sent), updated_at: at }).where('partner_id', '=', partnerId).where('object', '=', object).execute();
    } else {
      const r = await trx
        .insertInto('ocpi_push_state')
        .values({ partner_id: partnerId, object, sent: JSON.stringify(decided.sent), updated_at: at })
        .onConflict((oc) => oc.columns(['partner_id', 'object']).doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw new RowTaken();
    }
    for (const push of decided.pushes) {
      await this.outbox.enqueue(outer, { kind: PUSH_KIND, key: `${PUSH_KIND}:${randomUUID()}`, payload: push, order: pushOrder(push), maxAttempts: PUSH_MAX_ATTEMPTS }, now);
    }
  }
}
