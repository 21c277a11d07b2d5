import type { Kysely } from 'kysely';

// vipps_call_log was made for a log of every Vipps call and never written:
// the calls are logged and counted (vipps-observability.ts) instead. Dropping
// the table drops its index on both databases.
export function dropVippsCallLogMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('vipps_call_log').execute();
    },
  };
}
