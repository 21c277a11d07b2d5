import { afterAll, beforeEach, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../src/adapters/storage/outbox.ts';
import { startOutboxWorker, type HandlerResult } from '../../src/adapters/storage/outbox-worker.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const t0 = new Date('2026-11-26T10:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe.each(testDialects())('outbox on %s', (dialect) => {
  let database: TestDatabase;
  let outbox: Outbox;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    outbox = new Outbox(database.db, database.dialect, (attempt) => attempt * 1000);
  });
  afterAll(async () => database.drop());
  beforeEach(async () => {
    await database.db.deleteFrom('outbox').execute();
  });

  it('enqueues a key once, however often it is asked', async () => {
    await outbox.enqueue(database.db, { kind: 'capture', key: 'capture-s1', payload: { amount: 1 } }, t0);
    await outbox.enqueue(database.db, { kind: 'capture', key: 'capture-s1', payload: { amount: 2 } }, t0);
    const rows = await outbox.list();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.payload).toEqual({ amount: 1 });
  });

  it('is written in the caller’s transaction: a rollback leaves no item', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await outbox.enqueue(trx, { kind: 'capture', key: 'capture-rolled-back', payload: {} }, t0);
        throw new Error('state change failed');
      }),
    ).rejects.toThrow('state change failed');
    expect(await outbox.list()).toHaveLength(0);
  });

  it('hands an item to one claimer only while its lease holds', async () => {
    await outbox.enqueue(database.db, { kind: 'k', key: 'a', payload: {} }, t0);
    const first = await outbox.claim('w1', t0, 10, 30_000);
    const second = await outbox.claim('w2', at(1000), 10, 30_000);
    expect(first.map((i) => i.key)).toEqual(['a']);
    expect(second).toEqual([]);
    expect(first[0]?.attempts).toBe(1);
  });

  it('gives the item to another worker when the one holding it dies', async () => {
    await outbox.enqueue(database.db, { kind: 'k', key: 'b', payload: {} }, t0);
    const [item] = await outbox.claim('dead-worker', t0, 10, 30_000);
    expect(item).toBeDefined();
    // The dead worker never completes; after the lease another takes it over.
    expect(await outbox.claim('w2', at(29_999), 10, 30_000)).toEqual([]);
    const again = await outbox.claim('w2', at(30_000), 10, 30_000);
    expect(again.map((i) => [i.key, i.attempts])).toEqual([['b', 2]]);
    // The late completion of the dead worker is refused; the live one's counts.
    expect(await outbox.complete(item!.id, 'dead-worker', at(31_000))).toBe(false);
    expect(await outbox.complete(again[0]!.id, 'w2', at(31_000))).toBe(true);
    expect((await outbox.list())[0]?.state).toBe('done');
  });

  it('retries with backoff, then parks the item as dead for an operator to retry', async () => {
    await outbox.enqueue(database.db, { kind: 'k', key: 'c', payload: {}, maxAttempts: 2 }, t0);
    const [a1] = await outbox.claim('w', t0, 1, 10_000);
    expect(await outbox.fail(a1!, 'w', 'HTTP 503', t0)).toBe('retry');
    expect(await outbox.claim('w', at(999), 1, 10_000)).toEqual([]); // backoff(1) = 1 s
    const [a2] = await outbox.claim('w', at(1000), 1, 10_000);
    expect(a2?.attempts).toBe(2);
    expect(await outbox.fail(a2!, 'w', 'HTTP 503 again', at(1000))).toBe('dead');
    expect(await outbox.claim('w', at(999_999), 1, 10_000)).toEqual([]);
    const [dead] = await outbox.list({ state: 'dead' });
    expect(dead?.lastError).toBe('HTTP 503 again');
    expect(await outbox.depth()).toEqual({ dead: 1 });
    expect(await outbox.retry(dead!.id, at(2000))).toBe(true);
    const [a3] = await outbox.claim('w', at(2000), 1, 10_000);
    expect(a3?.attempts).toBe(1);
  });

  it('sends a permanent failure straight to dead', async () => {
    await outbox.enqueue(database.db, { kind: 'k', key: 'd', payload: {} }, t0);
    const [item] = await outbox.claim('w', t0, 1, 10_000);
    expect(await outbox.fail(item!, 'w', 'reference not found', t0, true)).toBe('dead');
  });

  it('lets several workers claim side by side without handing out an item twice', async () => {
    for (let i = 0; i < 40; i++) await outbox.enqueue(database.db, { kind: 'k', key: `p${i}`, payload: { i } }, t0);
    const claims = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((w) => outbox.claim(w, t0, 15, 30_000)));
    const keys = claims.flat().map((i) => i.key);
    expect(keys).toHaveLength(40);
    expect(new Set(keys).size).toBe(40);
  });

  it('runs handlers through a worker: done, retried, dead, and survives a throwing handler', async () => {
    let clock = t0.getTime();
    const seen: string[] = [];
    let flaky = 0;
    const worker = startOutboxWorker({
      outbox,
      owner: 'worker-1',
      now: () => new Date(clock),
      logger: quiet,
      pollMs: 10_000,
      handlers: {
        ok: async (item) => {
          seen.push(item.key);
          return { status: 'done' };
        },
        flaky: async (item): Promise<HandlerResult> => {
          seen.push(item.key);
          flaky += 1;
          if (flaky === 1) throw new Error('socket hang up');
          return { status: 'done' };
        },
        broken: async () => ({ status: 'dead', error: 'refused for good' }),
      },
    });
    try {
      await outbox.enqueue(database.db, { kind: 'ok', key: 'o1', payload: {} }, t0);
      await outbox.enqueue(database.db, { kind: 'flaky', key: 'f1', payload: {} }, t0);
      await outbox.enqueue(database.db, { kind: 'broken', key: 'b1', payload: {} }, t0);
      await outbox.enqueue(database.db, { kind: 'unknown-kind', key: 'u1', payload: {} }, t0);
      await worker.drain();
      clock += 5000; // past the flaky item's backoff
      await worker.drain();
      const states = Object.fromEntries((await outbox.list()).map((r) => [r.key, r.state]));
      expect(states).toEqual({ o1: 'done', f1: 'done', b1: 'dead', u1: 'dead' });
      expect(seen.filter((k) => k === 'f1')).toHaveLength(2);
    } finally {
      await worker.stop();
    }
  });

  it('logs what a throwing handler threw, stack and all, and keeps its message on the row', async () => {
    const warnings: Array<Record<string, unknown>> = [];
    const worker = startOutboxWorker({
      outbox,
      owner: 'worker-2',
      now: () => t0,
      logger: { ...quiet, warn: (obj) => void warnings.push(obj as Record<string, unknown>) },
      pollMs: 10_000,
      handlers: {
        throws: async () => {
          throw new Error('socket hang up');
        },
      },
    });
    try {
      await outbox.enqueue(database.db, { kind: 'throws', key: 't1', payload: {} }, t0);
      await worker.drain();
      const [row] = await outbox.list();
      expect(row?.lastError).toBe('socket hang up');
      const logged = warnings.find((w) => w.key === 't1');
      expect(logged).toMatchObject({ error: 'socket hang up', verdict: 'retry' });
      expect(logged?.err).toBeInstanceOf(Error);
      expect((logged?.err as Error).stack).toContain('outbox.test.ts');
    } finally {
      await worker.stop();
    }
  });

  it('prunes finished items of the kinds asked, older than the cut, and nothing else', async () => {
    const rows: Array<[kind: string, key: string, state: string, updated: Date]> = [
      ['ocpi.push', 'push-old-done', 'done', t0],
      ['ocpi.push', 'push-old-abandoned', 'abandoned', t0],
      ['ocpi.push', 'push-old-pending', 'pending', t0],
      ['ocpi.push', 'push-old-dead', 'dead', t0],
      ['ocpi.push', 'push-new-done', 'done', at(3_600_000)],
      ['capture', 'capture-old-done', 'done', t0],
    ];
    for (const [kind, key, state, updated] of rows) {
      await outbox.enqueue(database.db, { kind, key, payload: {} }, t0);
      await database.db.updateTable('outbox').set({ state, updated_at: updated.toISOString() }).where('key', '=', key).execute();
    }
    const keys = async () => (await outbox.list()).map((r) => r.key).sort();

    expect(await outbox.pruneFinished(['ocpi.push'], at(60_000), 1)).toBe(2);
    expect(await keys()).toEqual(['capture-old-done', 'push-new-done', 'push-old-dead', 'push-old-pending']);
    expect(await outbox.pruneFinished(['ocpi.push'], at(60_000))).toBe(0);
  });
});
