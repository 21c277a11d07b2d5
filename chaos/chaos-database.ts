import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { migrateToLatest } from '../src/adapters/storage/migrations.ts';
import { openDatabase, type OpenDatabase } from '../src/adapters/storage/open-database.ts';

// A fresh database per run: a SQLite file in the run's folder, or a schema of
// its own in PostgreSQL (left in place for inspection unless dropped).
export interface ChaosDatabase extends OpenDatabase {
  databaseUrl: string; // what Ladepay is given as DATABASE_URL
  describe: string;
  drop(): Promise<void>;
}

export async function createChaosDatabase(o: { kind: 'sqlite' | 'postgres'; runDir: string; postgresUrl?: string; label: string }): Promise<ChaosDatabase> {
  if (o.kind === 'sqlite') {
    const path = join(o.runDir, 'ladepay.db');
    const database = openDatabase({ kind: 'sqlite', path });
    await migrateToLatest(database.db, database.dialect);
    return { ...database, databaseUrl: `sqlite:${path}`, describe: `SQLite ${path}`, drop: () => database.close() };
  }
  if (!o.postgresUrl || !/^postgres(ql)?:\/\//.test(o.postgresUrl)) throw new Error('PostgreSQL needs --database-url or DATABASE_URL=postgres://…');
  const schema = `chaos_${o.label.replace(/\W/g, '_')}_${randomBytes(3).toString('hex')}`.toLowerCase();
  await adminQuery(o.postgresUrl, `CREATE SCHEMA ${schema}`);
  const url = new URL(o.postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  const database = openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 4 });
  await migrateToLatest(database.db, database.dialect);
  return {
    ...database,
    databaseUrl,
    describe: `PostgreSQL schema ${schema}`,
    async drop() {
      await database.close();
      await adminQuery(o.postgresUrl as string, `DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}
