import { sql, type Kysely } from 'kysely';

// Receipt numbers (receipt-number-store.ts): one row per numbered session. The
// primary key gives a session one number at most, the unique number one
// session at most; the counter row, locked while a number is given, keeps the
// series unbroken.
export function receiptNumbersMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('receipt_numbers')
        .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id'))
        .addColumn('number', 'integer', (c) => c.notNull().unique())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into counters (name, value) values ('receipt_number', 0)`.execute(db);
    },
  };
}
