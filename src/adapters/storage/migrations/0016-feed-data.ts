import type { Kysely } from 'kysely';

// What the charger feeds need (docs/feed-data.md): a site's city, postal code,
// country, coordinates, time zone, opening hours (JSON), parking and
// facilities (JSON lists) and owner; a connector's standard, format, power
// type, voltage and amperage (its power stays max_power_w), whether its EVSE
// has a card terminal, and its public EVSE id once one is made (unique).
//
// Existing connectors get what their type says, so none is left empty: a copy
// of the defaults as they were when this was written (a migration is history
// and does not change when core/feed/connector-data.ts does). A DC charger's
// voltage and amperage cannot be guessed and stay empty.

interface Backfill {
  connectors: { id: string; type: string; max_power_w: number; standard: string | null; format: string | null; power_type: string | null; max_voltage: number | null; max_amperage: number | null };
}

const PLUGS: Record<string, { standard: string; format: string; powerType: string }> = {
  CCS: { standard: 'IEC_62196_T2_COMBO', format: 'CABLE', powerType: 'DC' },
  CHAdeMO: { standard: 'CHADEMO', format: 'CABLE', powerType: 'DC' },
  Type2: { standard: 'IEC_62196_T2', format: 'SOCKET', powerType: 'AC_3_PHASE' },
  Type1: { standard: 'IEC_62196_T1', format: 'CABLE', powerType: 'AC_1_PHASE' },
  Schuko: { standard: 'DOMESTIC_F', format: 'SOCKET', powerType: 'AC_1_PHASE' },
};
const AC_CURRENTS = [6, 10, 13, 16, 20, 25, 32, 40, 50, 63, 80];

function defaultsOf(type: string, maxPowerW: number): Omit<Backfill['connectors'], 'id' | 'type' | 'max_power_w'> | undefined {
  // The command line once took a type as typed ("ccs"): any case is the plug.
  const [name, plug] = Object.entries(PLUGS).find(([known]) => known.toLowerCase() === type.trim().toLowerCase()) ?? [];
  if (!plug) return undefined;
  const powerType = name === 'Type2' && maxPowerW <= 7400 ? 'AC_1_PHASE' : plug.powerType;
  const phases = powerType === 'AC_3_PHASE' ? 3 : 1;
  const amperage = powerType === 'DC' ? undefined : AC_CURRENTS.find((a) => Math.ceil((230 * a * phases) / 100) * 100 >= maxPowerW);
  return { standard: plug.standard, format: plug.format, power_type: powerType, max_voltage: amperage === undefined ? null : 230, max_amperage: amperage ?? null };
}

export function feedDataMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // One column a statement: SQLite adds them one at a time.
      const site = (name: string, notNullDefault?: string) =>
        db.schema.alterTable('sites').addColumn(name, 'text', (c) => (notNullDefault === undefined ? c : c.notNull().defaultTo(notNullDefault))).execute();
      await site('city');
      await site('postal_code');
      await site('country', 'NO');
      await site('latitude');
      await site('longitude');
      await site('time_zone', 'Europe/Oslo');
      await site('opening_hours');
      await site('parking_type');
      await site('parking_restrictions', '[]');
      await site('facilities', '[]');
      await site('owner_name');
      for (const name of ['standard', 'format', 'power_type', 'evse_id']) await db.schema.alterTable('connectors').addColumn(name, 'text').execute();
      for (const name of ['max_voltage', 'max_amperage']) await db.schema.alterTable('connectors').addColumn(name, 'integer').execute();
      await db.schema.alterTable('connectors').addColumn('card_terminal', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.createIndex('connectors_evse_id').on('connectors').column('evse_id').unique().execute();

      const typed = db as unknown as Kysely<Backfill>;
      const rows = await typed.selectFrom('connectors').select(['id', 'type', 'max_power_w']).execute();
      for (const row of rows) {
        const data = defaultsOf(row.type, row.max_power_w);
        if (data) await typed.updateTable('connectors').set(data).where('id', '=', row.id).execute();
      }
    },
  };
}
