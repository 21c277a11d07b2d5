import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

// Small named values (the Vipps webhook registration and its secret, server
// keys) and named counters (OCPP 1.6 transaction ids). Secrets go through
// SealedSettings, which keeps them encrypted here; they are never logged.
export class SettingsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async set(key: string, value: string, now: Date): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value, updated_at: now.toISOString() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now.toISOString() }))
      .execute();
  }

  // Keeps what is there: the first writer wins.
  async setIfAbsent(key: string, value: string, now: Date): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value, updated_at: now.toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }

  // Every named value (a handful; counters live apart).
  async all(): Promise<Array<{ key: string; value: string }>> {
    return this.db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
  }

  async delete(key: string): Promise<void> {
    await this.db.deleteFrom('settings').where('key', '=', key).execute();
  }

  // Atomic on both databases: one statement, the row lock does the rest.
  async nextCounter(name: string, db: Kysely<Database> = this.db): Promise<number> {
    const row = await db
      .insertInto('counters')
      .values({ name, value: 1 })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql<number>`counters.value + 1` }))
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }
}
