import type { Kysely } from 'kysely';

// Alerts (alert-store.ts). `open_key` is the alert's key while it is open and
// null once resolved: its unique index makes "one open alert per key" a
// database rule, so processes evaluating side by side open it once.
export function alertsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('open_key', 'text')
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('opened_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .addColumn('acknowledged_at', 'text')
        .addColumn('acknowledged_by', 'text')
        .execute();
      await db.schema.createIndex('alerts_open_key').unique().on('alerts').column('open_key').execute();
      await db.schema.createIndex('alerts_resolved_at').on('alerts').column('resolved_at').execute();
    },
  };
}
