import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Outbox, type OutboxItem } from '../../src/adapters/storage/outbox.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const t0 = new Date('2026-11-26T10:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

// Ordered queues in the outbox (OutboxOrder): one partner's pushes about one
// object run one after another, objects side by side, and a barrier item
// (its key is the scope) runs alone.
describe.each(testDialects())('ordered outbox queues on %s', (dialect) => {
  let database: TestDatabase;
  let outbox: Outbox;
  const add = (key: string, order?: { scope: string; key: string }) => outbox.enqueue(database.db, { kind: 'push', key, payload: {}, ...(order ? { order } : {}) }, t0);
  const keys = (items: OutboxItem[]) => items.map((i) => i.key).sort();
  const finish = async (items: OutboxItem[], owner: string) => {
    for (const i of items) expect(await outbox.complete(i.id, owner, t0)).toBe(true);
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    outbox = new Outbox(database.db, database.dialect, () => 1000);
  });
  afterAll(async () => database.drop());
  beforeEach(async () => {
    await database.db.deleteFrom('outbox').execute();
  });

  it('hands out only the oldest undone item of each key; keys and unordered items side by side', async () => {
    await add('a1', { scope: 'p', key: 'p/a' });
    await add('a2', { scope: 'p', key: 'p/a' });
    await add('b1', { scope: 'p', key: 'p/b' });
    await add('free');
    await add('a3', { scope: 'p', key: 'p/a' });
    const first = await outbox.claim('w', t0, 10, 30_000);
    expect(keys(first)).toEqual(['a1', 'b1', 'free']);
    // a1 is running: a2 waits for it.
    expect(await outbox.claim('w2', t0, 10, 30_000)).toEqual([]);
    await finish(first, 'w');
    expect(keys(await outbox.claim('w', t0, 10, 30_000))).toEqual(['a2']);
  });

  it('keeps a failing head in front: the items behind it wait through its backoff', async () => {
    await add('h', { scope: 'p', key: 'p/a' });
    await add('n', { scope: 'p', key: 'p/a' });
    const [head] = await outbox.claim('w', t0, 10, 30_000);
    expect(await outbox.fail(head!, 'w', 'HTTP 503', t0, false, 5000)).toBe('retry');
    expect(await outbox.claim('w', at(4999), 10, 30_000)).toEqual([]);
    const [again] = await outbox.claim('w', at(5000), 10, 30_000);
    expect(again?.key).toBe('h');
    await finish([again!], 'w');
    expect(keys(await outbox.claim('w', at(5000), 10, 30_000))).toEqual(['n']);
  });

  it('runs a barrier (key = scope) after every older item of its scope and before every younger one', async () => {
    await add('a1', { scope: 'p', key: 'p/a' });
    await add('b1', { scope: 'p', key: 'p/b' });
    await add('bar', { scope: 'p', key: 'p' });
    await add('a2', { scope: 'p', key: 'p/a' });
    await add('other', { scope: 'q', key: 'q/a' });
    const first = await outbox.claim('w', t0, 10, 30_000);
    expect(keys(first)).toEqual(['a1', 'b1', 'other']);
    await finish(first.filter((i) => i.key === 'a1'), 'w');
    expect(await outbox.claim('w', t0, 10, 30_000)).toEqual([]); // b1 still runs
    await finish(first.filter((i) => i.key === 'b1'), 'w');
    const bar = await outbox.claim('w', t0, 10, 30_000);
    expect(keys(bar)).toEqual(['bar']);
    expect(await outbox.claim('w', t0, 10, 30_000)).toEqual([]);
    await finish(bar, 'w');
    expect(keys(await outbox.claim('w', t0, 10, 30_000))).toEqual(['a2']);
  });

  it('never hands two items of one key to claimers racing each other', async () => {
    for (let i = 0; i < 30; i++) await add(`x${String(i).padStart(2, '0')}`, { scope: 'p', key: `p/${i % 3}` });
    const order: string[] = [];
    const owners = ['w1', 'w2', 'w3', 'w4'];
    for (let round = 0; round < 40 && order.length < 30; round++) {
      const claims = await Promise.all(owners.map((w) => outbox.claim(w, t0, 10, 30_000)));
      const claimed = claims.flat();
      // At most one item per key at a time, whoever claimed it.
      const perKey = new Map<string, number>();
      for (const item of claimed) {
        const key = `p/${Number(item.key.slice(1)) % 3}`;
        perKey.set(key, (perKey.get(key) ?? 0) + 1);
      }
      expect([...perKey.values()].every((n) => n === 1)).toBe(true);
      for (const [n, items] of claims.entries()) {
        order.push(...items.map((i) => i.key));
        await finish(items, owners[n]!);
      }
    }
    // Each key's items ran in the order they were enqueued.
    for (const k of [0, 1, 2]) {
      const mine = order.filter((key) => Number(key.slice(1)) % 3 === k);
      expect(mine).toEqual([...mine].sort());
      expect(mine).toHaveLength(10);
    }
  });
});
