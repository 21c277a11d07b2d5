import { sql, type Kysely } from 'kysely';

// Ending the charge at the station: which sessions still owe their station a
// stop (asked again when it reconnects), the live sessions of a station (a
// boot ends them), and a transaction id looked up on any station (an input
// about another station's session is a security event).
export function stationStopsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('sessions').addColumn('stop_owed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      // Sessions stopping when this ran owe their station the stop they asked for.
      await sql`update sessions set stop_owed = 1 where state = 'stopping'`.execute(db);
      await db.schema.createIndex('sessions_stop_owed').on('sessions').columns(['station_id', 'stop_owed']).execute();
      await db.schema.createIndex('sessions_station_state').on('sessions').columns(['station_id', 'state']).execute();
      await db.schema.createIndex('sessions_transaction_any').on('sessions').column('transaction_id').execute();
    },
  };
}
