import { SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely';

// Kysely's SQLite adapter reports no transactional DDL, so its Migrator would
// run each migration outside a transaction. SQLite does support DDL inside a
// transaction; saying so makes a failed migration roll back whole.
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}
