import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

// Several Ladepay databases may live on one PostgreSQL server, each in its own
// schema. Migrating one must not read, lock or wait for the others: another
// schema being dropped at that moment once failed the migration with
// "relation <other>.tariffs does not exist".
describe.runIf(testDialects().includes('postgres'))('databases sharing a PostgreSQL server', () => {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.drop().catch(() => undefined);
  });

  it('migrates a schema while another schema is being dropped, without waiting for that drop', async () => {
    const other = await createTestDatabase('postgres');
    open.push(other);
    await other.close();
    const schema = new URL(other.databaseUrl).searchParams.get('options')?.split('=')[1] as string;
    const dropper = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await dropper.connect();
    try {
      // The drop holds every lock on the other schema's tables until it ends.
      await dropper.query('BEGIN');
      await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
      const mine = await createTestDatabase('postgres');
      open.push(mine);
      const tables = await mine.db.introspection.getTables();
      expect(tables.map((t) => t.name)).toContain('sessions');
      expect(new Set(tables.map((t) => t.schema)).size).toBe(1);
      await dropper.query('COMMIT');
    } finally {
      await dropper.end();
    }
  }, 20_000);
});
