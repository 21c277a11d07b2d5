import type { Kysely } from 'kysely';
import { adjustmentLine, billOf, type Bill, type BillLine } from '../../../core/bill.ts';
import type { DialectName } from '../dialect-name.ts';

type LegacySessions = { sessions: { id: string; state: string; data: string } };

// One row per refund request, made before Vipps is called: the unique key is
// what makes the same request, sent twice or three times at once, one refund.
// And sessions settled before the bill was stored get it now: their priced
// lines plus the line that takes off what was not captured, so their lines add
// up to the capture like every later session's.
export function moneyMigration(_dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('refund_requests')
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
        .addColumn('request_key', 'text', (c) => c.notNull())
        .addColumn('amount_ore', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull()) // pending | done | failed
        .addColumn('refunded_ore', 'integer') // Vipps' total refunded after this one
        .addColumn('failure', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('refund_requests_pk', ['session_id', 'request_key'])
        .execute();

      const sessions = db as unknown as Kysely<LegacySessions>;
      const rows = await sessions.selectFrom('sessions').select(['id', 'data']).where('state', 'in', ['settling', 'settled']).execute();
      for (const row of rows) {
        const data = JSON.parse(row.data) as Record<string, unknown>;
        if (!('captureOre' in data)) continue;
        const { captureOre, ...rest } = data;
        const priced = rest['priced'] as Bill | undefined;
        if (priced && typeof captureOre === 'number' && captureOre < priced.totalOre) {
          const flags = Array.isArray(rest['flags']) ? (rest['flags'] as string[]) : [];
          const rate = priced.lines[0]?.vatRateBasisPoints ?? 2500;
          const kind = flags.includes('no_energy') ? 'no_energy' : 'limited_to_maximum';
          const lines: BillLine[] = [...priced.lines, adjustmentLine(kind, captureOre - priced.totalOre, rate)];
          rest['priced'] = billOf(lines);
        }
        await sessions.updateTable('sessions').set({ data: JSON.stringify(rest) }).where('id', '=', row.id).execute();
      }
    },
  };
}
