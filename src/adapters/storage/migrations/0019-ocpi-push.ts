import type { Kysely } from 'kysely';

// Pushing to OCPI partners (docs/ocpi.md, "Pushing changes"):
// - an outbox item may belong to an ordered queue: `order_scope` (one per
//   partner) and `order_key` (one per object within it, or the scope itself
//   for an item every other item of the scope waits for and on). The claim
//   takes only an item no older undone item of its queue holds up (outbox.ts);
// - ocpi_push_state: per partner and object, what Ladepay has queued for it
//   so far (JSON), which the next change is compared with;
// - the delay of the last push a partner accepted, for the console.
export function ocpiPushMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('outbox').addColumn('order_scope', 'text').execute();
      await db.schema.alterTable('outbox').addColumn('order_key', 'text').execute();
      await db.schema.createIndex('outbox_order').on('outbox').columns(['order_scope', 'state', 'id']).execute();
      await db.schema
        .createTable('ocpi_push_state')
        .addColumn('partner_id', 'text', (c) => c.notNull().references('ocpi_partners.id').onDelete('cascade'))
        .addColumn('object', 'text', (c) => c.notNull())
        .addColumn('sent', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ocpi_push_state_pk', ['partner_id', 'object'])
        .execute();
      await db.schema.alterTable('ocpi_partners').addColumn('last_push_delay_ms', 'integer').execute();
    },
  };
}
