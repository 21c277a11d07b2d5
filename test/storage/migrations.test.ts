import { Migrator, sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, migrationList } from '../../src/adapters/storage/migrations.ts';
import type { Database } from '../../src/adapters/storage/schema.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

async function tableNames(db: Kysely<Database>): Promise<string[]> {
  return (await db.introspection.getTables()).map((t) => t.name);
}

describe.each(testDialects())('migrations on %s', (dialect) => {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    for (const database of open.splice(0)) await database.drop();
  });

  it('leave no vipps_call_log table in a new database', async () => {
    const database = await createTestDatabase(dialect);
    open.push(database);
    const tables = await tableNames(database.db);
    expect(tables).toContain('sessions');
    expect(tables).not.toContain('vipps_call_log');
  });

  it('drop vipps_call_log, rows and all, from a database made before 0007', async () => {
    const database = await createTestDatabase(dialect, { migrate: false });
    open.push(database);
    const schema =
      dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]?.s : undefined;
    const migrator = new Migrator({
      db: database.db,
      provider: { getMigrations: async () => migrationList(database.dialect) },
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    expect((await migrator.migrateTo('0006-money')).error).toBeUndefined();
    expect(await tableNames(database.db)).toContain('vipps_call_log');
    await sql`insert into vipps_call_log (at, operation, method, path, status, duration_ms) values ('2026-11-26T10:00:00.000Z', 'capture', 'POST', '/epayment/v1/payments/x/capture', '200', 12)`.execute(
      database.db,
    );

    const result = await migrateToLatest(database.db, database.dialect);
    expect(result.results?.map((r) => [r.migrationName, r.status])).toContainEqual(['0007-drop-vipps-call-log', 'Success']);
    const tables = await tableNames(database.db);
    expect(tables).not.toContain('vipps_call_log');
    expect(tables).toContain('sessions');
    const index =
      dialect === 'postgres'
        ? sql<{ n: number }>`select count(*)::int as n from pg_indexes where schemaname = current_schema() and indexname = 'vipps_call_log_reference'`
        : sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'vipps_call_log_reference'`;
    expect((await index.execute(database.db)).rows[0]?.n).toBe(0);
  });
});
