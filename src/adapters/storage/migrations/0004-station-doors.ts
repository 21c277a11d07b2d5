import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.ts';

type Id = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

// The station door: lockouts of failed OCPP upgrades, and a station's second
// password while its password is being changed over OCPP.
export function stationDoorsMigration(dialect: DialectName) {
  const serialType = dialect === 'postgres' ? 'bigserial' : 'integer';
  const serial: Id = (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // kind 'station': one (station id, client address) pair; 'address': every
      // station id from that address (station_id null). Rows stay as a record
      // once over or lifted.
      await db.schema
        .createTable('station_lockouts')
        .addColumn('id', serialType, serial)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('station_id', 'text')
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('locked_at', 'text', (c) => c.notNull())
        .addColumn('locked_until', 'text', (c) => c.notNull())
        .addColumn('lifted_at', 'text')
        .addColumn('lifted_by', 'text')
        .execute();
      await db.schema.createIndex('station_lockouts_until').on('station_lockouts').column('locked_until').execute();
      await db.schema.createIndex('station_lockouts_station').on('station_lockouts').column('station_id').execute();

      // role 'next': offered to the station, not yet confirmed (it becomes the
      // password once the station connects with it); 'previous': the password
      // the station is leaving (valid until it connects with the new one).
      await db.schema
        .createTable('station_second_passwords')
        .addColumn('station_id', 'text', (c) => c.primaryKey().references('stations.id'))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
