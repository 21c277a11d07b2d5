import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateToLatest } from '../../src/adapters/storage/migrations.ts';
import { openDatabase, type OpenDatabase } from '../../src/adapters/storage/open-database.ts';

// Every suite that needs a database runs on SQLite always, and on PostgreSQL
// too when DATABASE_URL points at one (CI runs the whole suite once each way).
export type TestDialect = 'sqlite' | 'postgres';

export function testDialects(): TestDialect[] {
  const url = process.env.DATABASE_URL;
  return url && /^postgres(ql)?:\/\//.test(url) ? ['sqlite', 'postgres'] : ['sqlite'];
}

// The dialect end-to-end tests run against: PostgreSQL when DATABASE_URL says
// so, else SQLite.
export function primaryDialect(): TestDialect {
  return testDialects().includes('postgres') ? 'postgres' : 'sqlite';
}

export interface TestDatabase extends OpenDatabase {
  // What a separate Ladepay process needs to reach the same data.
  databaseUrl: string;
  drop(): Promise<void>;
}

// A fresh, migrated, private database: a temporary SQLite file, or a
// PostgreSQL schema of its own (tests in parallel never see each other).
export async function createTestDatabase(dialect: TestDialect, opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'ladepay-test-'));
    const path = join(dir, 'ladepay.db');
    const database = openDatabase({ kind: 'sqlite', path });
    if (opts.migrate !== false) await migrateToLatest(database.db, database.dialect);
    let closed = false;
    return {
      ...database,
      databaseUrl: `sqlite:${path}`,
      async close() {
        if (!closed) await database.close();
        closed = true;
      },
      async drop() {
        if (!closed) await database.close();
        closed = true;
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.DATABASE_URL as string;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  const database = openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 5 });
  if (opts.migrate !== false) await migrateToLatest(database.db, database.dialect);
  let closed = false;
  return {
    ...database,
    databaseUrl,
    async close() {
      if (!closed) await database.close();
      closed = true;
    },
    async drop() {
      if (!closed) await database.close();
      closed = true;
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}
