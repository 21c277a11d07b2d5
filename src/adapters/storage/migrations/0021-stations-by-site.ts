import type { Kysely } from 'kysely';

// The stations of a site, found by an index: a page of OCPI Locations and a
// feed read of some sites ask for them (docs/benchmarks.md, the charger
// feeds), and without it every such read scanned the whole stations table.
export function stationsBySiteMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('stations_site').on('stations').column('site_id').execute();
    },
  };
}
