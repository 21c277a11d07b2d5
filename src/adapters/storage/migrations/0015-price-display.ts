import type { Kysely } from 'kysely';

// The price on the charger's screen (docs/price-display.md): the operator's
// choice per station ('auto' | 'off'), and what the station said it can show
// when last asked after a boot (JSON, station-display-store.ts), and the price
// it was last shown before anyone pays, so a price that changes by the clock
// or a tariff's validity is sent when it changes, and only then.
export function priceDisplayMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('stations').addColumn('price_display', 'text', (c) => c.notNull().defaultTo('auto')).execute();
      await db.schema.alterTable('stations').addColumn('display_support', 'text').execute();
      await db.schema.alterTable('stations').addColumn('display_support_at', 'text').execute();
      await db.schema.alterTable('stations').addColumn('display_price', 'text').execute();
    },
  };
}
