import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcppLogStore } from '../../src/adapters/storage/ocpp-log-store.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const frame = (i: number, at: Date) => ({
  stationId: 'CP-LOG',
  direction: 'in' as const,
  kind: 'call' as const,
  action: 'Heartbeat',
  messageId: `m${i}`,
  payload: '{}',
  at,
});

describe.each(testDialects())('OCPP message log on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => database.drop());

  it('writes frames in batches, bounds what waits, and prunes old ones', async () => {
    const log = new OcppLogStore(database.db, { maxQueued: 1000, flushMs: 60_000, retentionDays: 30 });
    const old = new Date('2026-01-01T00:00:00Z');
    const now = new Date('2026-11-26T00:00:00Z');
    for (let i = 0; i < 10; i++) log.record(frame(i, old));
    await log.flush();
    // A full batch is written without waiting for the timer.
    for (let i = 10; i < 510; i++) log.record(frame(i, now));
    await log.flush();
    expect((await log.forStation('CP-LOG', 1000)).length).toBe(510);

    // A bound below the batch size: frames beyond it are dropped and counted, none lost silently.
    const flood = new OcppLogStore(database.db, { maxQueued: 300, flushMs: 60_000 });
    for (let i = 0; i < 1200; i++) flood.record(frame(10_000 + i, now));
    await flood.flush();
    expect(flood.dropped).toBeGreaterThan(0);
    expect((await log.forStation('CP-LOG', 5000)).length + flood.dropped).toBe(510 + 1200);

    expect(await log.prune(now)).toBe(10);
    expect((await log.forStation('CP-LOG', 5000)).every((r) => r.at >= '2026-10-27')).toBe(true);
  });
});
