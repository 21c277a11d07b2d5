import type { Kysely } from 'kysely';

// Time-of-day prices and narrower assignments (docs/pricing.md): a tariff's periods as JSON (checked by
// validatePeriods when read), and an assignment to one connector or to a power class (AC/DC, a power
// range), operator-wide or at a site. Existing tariffs keep no periods and their site assignment.
export function tariffScheduleMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('tariffs').addColumn('periods', 'text', (c) => c.notNull().defaultTo('[]')).execute();
      await db.schema.alterTable('tariffs').addColumn('connector_id', 'text', (c) => c.references('connectors.id')).execute();
      await db.schema.alterTable('tariffs').addColumn('power_current', 'text').execute(); // 'AC' | 'DC' | null
      await db.schema.alterTable('tariffs').addColumn('power_min_w', 'integer').execute(); // null: no power class
      await db.schema.alterTable('tariffs').addColumn('power_max_w', 'integer').execute(); // null: no upper bound
    },
  };
}
