import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.ts';

type Id = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

export function initialMigration(dialect: DialectName) {
  // The one place the dialects differ: an auto-incrementing integer key.
  const serialType = dialect === 'postgres' ? 'bigserial' : 'integer';
  const serial: Id = (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement());

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('sites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('stations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('protocol', 'text')
        .addColumn('vendor', 'text')
        .addColumn('model', 'text')
        .addColumn('firmware', 'text')
        .addColumn('online', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_seen_at', 'text')
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('connectors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
        .addColumn('connector_no', 'integer', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('max_power_w', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('unknown'))
        .addColumn('error_code', 'text')
        .addColumn('status_at', 'text')
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('connectors_station_no', ['station_id', 'connector_no'])
        .execute();

      await db.schema
        .createTable('tariffs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('site_id', 'text', (c) => c.references('sites.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('per_kwh_ore', 'integer', (c) => c.notNull())
        .addColumn('start_fee_ore', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('per_hour_ore', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('idle_per_minute_ore', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('idle_grace_minutes', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('idle_cap_ore', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('vat_rate_bp', 'integer', (c) => c.notNull().defaultTo(2500))
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token', 'text', (c) => c.notNull().unique())
        .addColumn('connector_id', 'text', (c) => c.notNull().references('connectors.id'))
        .addColumn('active_connector_id', 'text', (c) => c.unique())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('vipps_reference', 'text', (c) => c.notNull().unique())
        .addColumn('id_tag', 'text', (c) => c.notNull().unique())
        .addColumn('station_id', 'text', (c) => c.notNull())
        .addColumn('transaction_id', 'text')
        .addColumn('remote_start_id', 'integer', (c) => c.notNull())
        .addColumn('max_amount_ore', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_state').on('sessions').column('state').execute();
      await db.schema.createIndex('sessions_created').on('sessions').column('created_at').execute();
      await db.schema.createIndex('sessions_transaction').on('sessions').columns(['station_id', 'transaction_id']).execute();
      await db.schema.createIndex('sessions_remote_start').on('sessions').columns(['station_id', 'remote_start_id']).execute();

      await db.schema
        .createTable('session_events')
        .addColumn('id', serialType, serial)
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('session_events_session').on('session_events').column('session_id').execute();

      await db.schema
        .createTable('payment_events')
        .addColumn('id', serialType, serial)
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('psp_reference', 'text', (c) => c.notNull())
        .addColumn('amount_ore', 'integer', (c) => c.notNull())
        .addColumn('success', 'integer', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('payment_events_once', ['reference', 'name', 'psp_reference'])
        .execute();

      await db.schema
        .createTable('outbox')
        .addColumn('id', serialType, serial)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('run_after', 'text', (c) => c.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('outbox_due').on('outbox').columns(['state', 'run_after']).execute();

      await db.schema
        .createTable('ocpp_log')
        .addColumn('id', serialType, serial)
        .addColumn('station_id', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('action', 'text')
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ocpp_log_station_at').on('ocpp_log').columns(['station_id', 'at']).execute();

      await db.schema
        .createTable('vipps_call_log')
        .addColumn('id', serialType, serial)
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('operation', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('reference', 'text')
        .addColumn('idempotency_key', 'text')
        .execute();
      await db.schema.createIndex('vipps_call_log_reference').on('vipps_call_log').column('reference').execute();

      await db.schema
        .createTable('operator_users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('counters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'integer', (c) => c.notNull())
        .execute();
    },
  };
}
