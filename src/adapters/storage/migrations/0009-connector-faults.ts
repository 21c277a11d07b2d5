import type { Kysely } from 'kysely';

// What a station reports of its hardware beyond the connectors it was set up
// with (docs/session-states.md, "What a connector's status does to a
// session"): a fault's description on a connector, a status for the whole
// station (OCPP 1.6 connector 0, 2.0.1 EVSE 0), and connectors the station has
// that Ladepay does not (shown to the operator, never sold).
export function connectorFaultsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('connectors').addColumn('error_info', 'text').execute();
      await db.schema.alterTable('connectors').addColumn('vendor_error_code', 'text').execute();
      await db.schema
        .createTable('station_statuses')
        .addColumn('station_id', 'text', (c) => c.primaryKey().references('stations.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error_code', 'text')
        .addColumn('error_info', 'text')
        .addColumn('vendor_error_code', 'text')
        .addColumn('status_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('undeclared_connectors')
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('connector_no', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error_code', 'text')
        .addColumn('first_at', 'text', (c) => c.notNull())
        .addColumn('last_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('undeclared_connectors_pk', ['station_id', 'connector_no'])
        .execute();
    },
  };
}
