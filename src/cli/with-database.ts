import type { Config } from '../config.ts';
import { migrateToLatest } from '../adapters/storage/migrations.ts';
import { databaseTarget, openDatabase, type OpenDatabase } from '../adapters/storage/open-database.ts';

// Operator commands work on the configured database, migrated first.
export async function withDatabase<T>(config: Config, fn: (database: OpenDatabase) => Promise<T>): Promise<T> {
  const database = openDatabase(databaseTarget(config.databaseUrl, config.sqlitePath));
  try {
    await migrateToLatest(database.db, database.dialect);
    return await fn(database);
  } finally {
    await database.close();
  }
}
