import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcpiPartnerStore } from '../../src/adapters/storage/ocpi-partner-store.ts';
import { OcpiPushStore } from '../../src/adapters/storage/ocpi-push-store.ts';
import { Outbox } from '../../src/adapters/storage/outbox.ts';
import type { PushItem } from '../../src/usecases/ocpi/push-queue.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const now = new Date('2026-03-02T08:00:00.000Z');

// What Ladepay queued for each partner and object: decided on the row as it
// is, with nobody else changing it meanwhile, and kept with its pushes in one
// transaction.
describe.each(testDialects())('OCPI push state on %s', (dialect) => {
  let database: TestDatabase;
  let store: OcpiPushStore;
  let outbox: Outbox;
  let partnerId: string;
  const push = (n: number): PushItem => ({ partnerId, module: 'locations', method: 'PATCH', path: ['NO', 'LDP', 'site'], body: { n }, object: 'location:site', changedAt: now.toISOString() });

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    outbox = new Outbox(database.db, database.dialect);
    store = new OcpiPushStore(database.db, database.dialect, outbox);
    const partners = new OcpiPartnerStore(database.db, { seal: (p) => p, open: (s) => s });
    partnerId = (await partners.create({ name: 'p', origin: 'hand_made', state: 'registered' }, 'access', now)).partner.id;
  });
  afterAll(async () => database.drop());

  it('keeps what was decided and queues its pushes in the partner’s ordered queue; nothing for undefined', async () => {
    await store.change(partnerId, 'tariff:T1', (sent) => (sent === undefined ? { sent: { id: 'T1' }, pushes: [{ ...push(0), module: 'tariffs', object: 'tariff:T1' }] } : undefined), now);
    await store.change(partnerId, 'tariff:T1', () => undefined, now);
    expect(await store.sent(partnerId, 'tariff:')).toEqual([{ object: 'tariff:T1', sent: { id: 'T1' } }]);
    const rows = await database.db.selectFrom('outbox').select(['kind', 'order_scope', 'order_key', 'max_attempts']).execute();
    expect(rows).toEqual([{ kind: 'ocpi.push', order_scope: `ocpi:${partnerId}`, order_key: `ocpi:${partnerId}`, max_attempts: 1_000_000 }]);
    await store.change(partnerId, 'tariff:T1', () => ({ sent: undefined, pushes: [] }), now);
    expect(await store.sent(partnerId, 'tariff:')).toEqual([]);
  });

  it('decides one change of an object at a time, each on what the one before left, however many race', async () => {
    await Promise.all(Array.from({ length: 20 }, () => store.change(partnerId, 'location:site', (sent) => {
      const n = typeof sent === 'number' ? sent + 1 : 1;
      return { sent: n, pushes: [push(n)] };
    }, now)));
    expect(await store.sent(partnerId, 'location:')).toEqual([{ object: 'location:site', sent: 20 }]);
    const queued = await outbox.list({ keyPrefix: 'ocpi.push', limit: 100 });
    const ns = queued.filter((r) => (r.payload as PushItem).object === 'location:site').sort((a, b) => a.id - b.id).map((r) => (r.payload as { body: { n: number } }).body.n);
    // Queued in the order decided.
    expect(ns).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
