import type { Kysely } from 'kysely';

// The PSP reference Vipps gives a payment (the ePayment GET's `pspReference`),
// kept beside the session for the bookkeeping CSV; null until the payment is
// read. The index on updated_at lets a report find the sessions that changed
// since its period began without reading every older one.
export function pspReferenceMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('sessions').addColumn('psp_reference', 'text').execute();
      await db.schema.createIndex('sessions_updated').on('sessions').column('updated_at').execute();
    },
  };
}
