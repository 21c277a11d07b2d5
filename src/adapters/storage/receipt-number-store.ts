import type { Kysely } from 'kysely';
import type { IssuedReceipt, ReceiptNumbers } from '../../usecases/ports/receipt-numbers.ts';
import type { Database } from './schema.ts';

// Receipt numbers (migration 0008), one unbroken series per database, which
// is one operator. A number is given in the transaction that advances the
// counter, so a rollback gives it back and the series keeps no gaps.

export interface ReceiptNumbersTable {
  session_id: string;
  number: number;
  issued_at: string;
}

type Tables = Database & { receipt_numbers: ReceiptNumbersTable };

const COUNTER = 'receipt_number';

export class ReceiptNumberStore implements ReceiptNumbers {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ receipt_numbers: ReceiptNumbersTable }>();
  }

  async issue(sessionId: string, at: Date): Promise<IssuedReceipt> {
    // Most asks are for a number given long ago: no lock for those.
    const given = await this.find(this.db, sessionId);
    if (given) return given;
    return this.db.transaction().execute(async (trx) => {
      // Takes the counter's lock first, with a write that changes nothing: on
      // PostgreSQL the row lock (one giver at a time, in every process), on
      // SQLite the write lock, before anything is read, so two connections
      // never both read and then both wait to write.
      const { value } = await trx
        .updateTable('counters')
        .set((eb) => ({ value: eb.ref('value') }))
        .where('name', '=', COUNTER)
        .returning('value')
        .executeTakeFirstOrThrow();
      // Looked for again under the lock: another process may have numbered
      // this session while this one waited for it.
      const meanwhile = await this.find(trx, sessionId);
      if (meanwhile) return meanwhile;
      const number = Number(value) + 1;
      const issuedAt = at.toISOString();
      await trx.updateTable('counters').set({ value: number }).where('name', '=', COUNTER).execute();
      await trx.insertInto('receipt_numbers').values({ session_id: sessionId, number, issued_at: issuedAt }).execute();
      return { number, issuedAt };
    });
  }

  private async find(db: Kysely<Tables>, sessionId: string): Promise<IssuedReceipt | undefined> {
    const row = await db.selectFrom('receipt_numbers').select(['number', 'issued_at']).where('session_id', '=', sessionId).executeTakeFirst();
    return row ? { number: Number(row.number), issuedAt: row.issued_at } : undefined;
  }
}
