import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { DialectName } from './dialect-name.ts';
import { initialMigration } from './migrations/0001-initial.ts';
import { consoleMigration } from './migrations/0002-console.ts';
import { stationStopsMigration } from './migrations/0003-station-stops.ts';
import { stationDoorsMigration } from './migrations/0004-station-doors.ts';
import { rolesAndAuditMigration } from './migrations/0005-roles-and-audit.ts';
import { moneyMigration } from './migrations/0006-money.ts';
import { dropVippsCallLogMigration } from './migrations/0007-drop-vipps-call-log.ts';
import { receiptNumbersMigration } from './migrations/0008-receipt-numbers.ts';
import { connectorFaultsMigration } from './migrations/0009-connector-faults.ts';
import { pspReferenceMigration } from './migrations/0010-psp-reference.ts';
import { alertsMigration } from './migrations/0011-alerts.ts';
import { tariffScheduleMigration } from './migrations/0012-tariff-schedule.ts';
import { stationOperationsMigration } from './migrations/0013-station-operations.ts';
import { clusterMigration } from './migrations/0014-cluster.ts';
import { priceDisplayMigration } from './migrations/0015-price-display.ts';
import { feedDataMigration } from './migrations/0016-feed-data.ts';
import { feedChangeTimesMigration } from './migrations/0017-feed-change-times.ts';
import { ocpiPartnersMigration } from './migrations/0018-ocpi-partners.ts';
import { ocpiPushMigration } from './migrations/0019-ocpi-push.ts';
import { statusSeenAtMigration } from './migrations/0020-status-seen-at.ts';
import { stationsBySiteMigration } from './migrations/0021-stations-by-site.ts';
import type { Database } from './schema.ts';

// Migrations are listed here in code (no folder scanning), the same list for
// both dialects. Names sort in the order they run.
export function migrationList(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(dialect),
    '0002-console': consoleMigration(dialect),
    '0003-station-stops': stationStopsMigration(),
    '0004-station-doors': stationDoorsMigration(dialect),
    '0005-roles-and-audit': rolesAndAuditMigration(),
    '0006-money': moneyMigration(dialect),
    '0007-drop-vipps-call-log': dropVippsCallLogMigration(),
    '0008-receipt-numbers': receiptNumbersMigration(),
    '0009-connector-faults': connectorFaultsMigration(),
    '0010-psp-reference': pspReferenceMigration(),
    '0011-alerts': alertsMigration(),
    '0012-tariff-schedule': tariffScheduleMigration(),
    '0013-station-operations': stationOperationsMigration(dialect),
    '0014-cluster': clusterMigration(),
    '0015-price-display': priceDisplayMigration(),
    '0016-feed-data': feedDataMigration(),
    '0017-feed-change-times': feedChangeTimesMigration(),
    '0018-ocpi-partners': ocpiPartnersMigration(),
    '0019-ocpi-push': ocpiPushMigration(),
    '0020-status-seen-at': statusSeenAtMigration(),
    '0021-stations-by-site': stationsBySiteMigration(),
  };
}

export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: DialectName,
  extra: Record<string, Migration> = {},
): Promise<MigrationResultSet> {
  const provider: MigrationProvider = {
    getMigrations: async () => ({ ...migrationList(dialect), ...extra }),
  };
  // Each migration runs in a transaction on both databases (see
  // TransactionalSqliteDialect), so a failing one leaves the schema as it was.
  // Kysely's tables live in the schema this connection works in (a
  // search_path may select one); OwnSchemaPostgresDialect looks only there.
  const schema =
    dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}
