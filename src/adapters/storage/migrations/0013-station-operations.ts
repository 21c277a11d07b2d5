import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.ts';

// Remote station operations (docs/station-operations.md):
// - what a station says of itself at boot beyond vendor, model and firmware:
//   its serial number, and when it last booted;
// - the firmware and diagnostics progress it reports, in the order it came
//   (station-transfer-store.ts). The operations themselves are in the audit log.
export function stationOperationsMigration(dialect: DialectName) {
  const serialType = dialect === 'postgres' ? 'bigserial' : 'integer';
  const serial = (c: ColumnDefinitionBuilder) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('stations').addColumn('serial_number', 'text').execute();
      await db.schema.alterTable('stations').addColumn('last_boot_at', 'text').execute();
      await db.schema
        .createTable('station_transfer_reports')
        .addColumn('id', serialType, serial)
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('kind', 'text', (c) => c.notNull()) // 'firmware' | 'diagnostics'
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('request_id', 'integer')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('station_transfer_reports_station').on('station_transfer_reports').columns(['station_id', 'id']).execute();
    },
  };
}
