import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../src/adapters/storage/open-database.ts';
import { ReceiptNumberStore } from '../../src/adapters/storage/receipt-number-store.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { insertSessionRow } from '../support/stored-sessions.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const t0 = new Date('2026-11-26T10:40:05.000Z');

// The receipt numbers on each database: one unbroken series, a session's
// number given once, whoever asks and however many ask at once.
describe.each(testDialects())('receipt numbers on %s', (dialect) => {
  let database: TestDatabase;
  // PostgreSQL: a second connection pool on the same data, as another Ladepay
  // process has. SQLite serves one process (better-sqlite3 is synchronous: a
  // second connection in this thread would wait on the first while blocking
  // it), so there the many asks come through the one connection.
  let other: OpenDatabase | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const stations = new StationStore(database.db);
    await stations.createSite({ id: 'site', name: 'Bryggen', address: 'Bryggen 1, 5003 Bergen' }, t0);
    await stations.createStation({ id: 'CP-1', siteId: 'site', name: 'Lader 1', passwordHash: 'h', connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 50_000 }] }, t0);
    if (dialect === 'postgres') other = openDatabase({ kind: 'postgres', url: database.databaseUrl, poolSize: 5 });
  });
  afterAll(async () => {
    await other?.close();
    await database?.drop();
  });

  async function sessions(ids: string[]): Promise<void> {
    for (const id of ids) await insertSessionRow(database.db, { id, stationId: 'CP-1', state: 'settled', data: '{}' });
  }

  it('gives two sessions consecutive numbers, and a session asked again the same number and date', async () => {
    const store = new ReceiptNumberStore(database.db);
    await sessions(['a1', 'a2']);
    const first = await store.issue('a1', t0);
    const second = await store.issue('a2', new Date(t0.getTime() + 60_000));
    expect(second.number).toBe(first.number + 1);
    expect(await store.issue('a1', new Date(t0.getTime() + 3_600_000))).toEqual({ number: first.number, issuedAt: t0.toISOString() });
    expect(await new ReceiptNumberStore((other ?? database).db).issue('a2', new Date())).toEqual(second);
  });

  it('never gives one session two numbers nor one number to two sessions, however many ask at once', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `c${i}`);
    await sessions(ids);
    const here = new ReceiptNumberStore(database.db);
    const there = new ReceiptNumberStore((other ?? database).db);
    const before = await here.issue('a2', t0);
    // Each session asked four times at once (from both processes on PostgreSQL).
    const asks = ids.flatMap((id) => [here, there, here, there].map((store) => store.issue(id, t0).then((issued) => ({ id, number: issued.number }))));
    const answers = await Promise.all(asks);
    const byId = new Map<string, Set<number>>();
    for (const a of answers) byId.set(a.id, (byId.get(a.id) ?? new Set()).add(a.number));
    expect([...byId.values()].every((numbers) => numbers.size === 1)).toBe(true);
    const numbers = [...byId.values()].map((set) => [...set][0] ?? 0).sort((a, b) => a - b);
    // Unbroken: exactly the next twelve numbers.
    expect(numbers).toEqual(ids.map((_, i) => before.number + 1 + i));
  });

  it('gives a number back when it could not be given, so the series keeps no gap', async () => {
    const store = new ReceiptNumberStore(database.db);
    await sessions(['g1', 'g2']);
    const before = await store.issue('g1', t0);
    // No such session: the database refuses the row, and the counter goes back with it.
    await expect(store.issue('no-such-session', t0)).rejects.toThrow();
    expect((await store.issue('g2', t0)).number).toBe(before.number + 1);
  });
});
