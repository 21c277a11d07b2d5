import type { Kysely } from 'kysely';

// When Ladepay recorded a status (docs/feed-mapping.md, "Change times"):
// connectors.status_seen_at and station_statuses.seen_at, by Ladepay's clock.
// A status's own time (status_at) is the station's stamp when its clock is
// near Ladepay's (src/core/status-time.ts), and orders the reports; a stamp a
// little behind would put a change that arrives after a feed reader's last
// read before it, and `since` / `date_from` would miss it. Existing rows have
// none: their status_at stands in.
export function statusSeenAtMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('connectors').addColumn('status_seen_at', 'text').execute();
      await db.schema.alterTable('station_statuses').addColumn('seen_at', 'text').execute();
    },
  };
}
