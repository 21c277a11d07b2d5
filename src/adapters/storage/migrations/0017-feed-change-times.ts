import { sql, type Kysely } from 'kysely';

// When what the charger feeds publish last changed (docs/feed-mapping.md):
// OCPI 2.2.1 wants `last_updated` on every Location, EVSE and Connector and
// filters by it (`date_from`, `date_to`); the DATEX II feed answers `?since`.
//
// - sites.updated_at, stations.updated_at, connectors.updated_at: written by
//   every edit of the row (and the EVSE id when it is made);
// - stations.presence_at: when the station last came online or went offline,
//   which changes what the feeds say of its connectors' status.
//
// A connector's status time (status_at) and a station-wide status time
// (station_statuses.status_at) already exist. Existing rows start from when
// they were made (presence: when the station was last seen).
export function feedChangeTimesMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // ISO 8601 text like every other time; '' only until the backfill below.
      for (const [table, column] of [
        ['sites', 'updated_at'],
        ['stations', 'updated_at'],
        ['stations', 'presence_at'],
        ['connectors', 'updated_at'],
      ] as const) {
        await db.schema.alterTable(table).addColumn(column, 'text', (c) => c.notNull().defaultTo('')).execute();
      }
      await sql`update sites set updated_at = created_at`.execute(db);
      await sql`update connectors set updated_at = created_at`.execute(db);
      await sql`update stations set updated_at = created_at, presence_at = coalesce(last_seen_at, created_at)`.execute(db);
    },
  };
}
