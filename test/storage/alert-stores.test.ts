import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertFactStore } from '../../src/adapters/storage/alert-fact-store.ts';
import { AlertStore } from '../../src/adapters/storage/alert-store.ts';
import { openDatabase, type OpenDatabase } from '../../src/adapters/storage/open-database.ts';
import { Outbox } from '../../src/adapters/storage/outbox.ts';
import { encodeSession } from '../../src/adapters/storage/session-codec.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { DEFAULT_THRESHOLDS } from '../../src/core/alerts/alert-thresholds.ts';
import type { AlertCondition } from '../../src/core/alerts/evaluate-alerts.ts';
import type { Session } from '../../src/core/session/session.ts';
import { aSessionWithEveryField, insertSessionRow } from '../support/stored-sessions.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const NOW = new Date('2026-11-26T12:00:00.000Z');

const offline = (subject: string): AlertCondition => ({ key: `station_offline:${subject}`, rule: 'station_offline', subject, summary: `Station ${subject} offline`, detail: { stationId: subject } });

// The alert stores on each database: the facts the rules read, and the alerts
// kept with their deliveries queued in the same transaction.
describe.each(testDialects())('alert stores on %s', (dialect) => {
  let database: TestDatabase;
  let other: OpenDatabase | undefined;
  let outbox: Outbox;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    outbox = new Outbox(database.db, database.dialect);
    const stations = new StationStore(database.db);
    await stations.createSite({ id: 'site', name: 'Bryggen', address: 'Bryggen 1, 5003 Bergen' }, NOW);
    await stations.createStation({ id: 'CP-1', siteId: 'site', name: 'Lader 1', passwordHash: 'h', connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 50_000 }] }, NOW);
    if (dialect === 'postgres') other = openDatabase({ kind: 'postgres', url: database.databaseUrl, poolSize: 5 });
  });
  afterAll(async () => {
    await other?.close();
    await database?.drop();
  });

  it('reads the sessions an operator must look at: in review, or changed lately with an attention flag', async () => {
    const add = async (id: string, state: Session['state'], flags: string[], updatedAt?: string) => {
      await insertSessionRow(database.db, { id, stationId: 'CP-1', state, data: encodeSession({ ...aSessionWithEveryField(id, 'CP-1'), state, flags }) });
      if (updatedAt) await database.db.updateTable('sessions').set({ updated_at: updatedAt }).where('id', '=', id).execute();
    };
    await add('review', 'needs_review', [], '2026-10-01T00:00:00.000Z');
    await add('undelivered', 'settled', ['settled_on_last_meter', 'stop_not_delivered']);
    await add('long-ago', 'settled', ['charging_after_settlement'], '2026-11-20T00:00:00.000Z');
    await add('plain', 'settled', ['settled_on_last_meter']);
    const facts = await new AlertFactStore(database.db, () => undefined).read(NOW, DEFAULT_THRESHOLDS);
    expect(facts.flaggedSessions.map((s) => s.id).sort()).toEqual(['review', 'undelivered']);
  });

  it('reads dead side effects apart from alert deliveries, and deliveries failing since the last one through', async () => {
    const run = async (kind: string, key: string, verdict: 'done' | 'dead' | 'retry') => {
      await outbox.enqueue(database.db, { kind, key, payload: {} }, NOW);
      const [item] = await outbox.claim('t', NOW, 1, 60_000);
      if (!item) throw new Error('nothing claimed');
      if (verdict === 'done') await outbox.complete(item.id, 't', NOW);
      else await outbox.fail(item, 't', 'HTTP 503', NOW, verdict === 'dead');
    };
    await run('capture', 'capture-x', 'dead');
    await run('alert_webhook', 'alert-webhook-a-opened', 'dead');
    await run('alert_webhook', 'alert-webhook-b-opened', 'done');
    await run('alert_mail', 'alert-mail-c-opened', 'retry');
    const store = new AlertFactStore(database.db, () => undefined);
    let facts = await store.read(NOW, DEFAULT_THRESHOLDS);
    expect(facts.deadOutboxItems.map((i) => i.key)).toEqual(['capture-x']);
    expect(facts.failingDeliveries).toEqual([expect.objectContaining({ kind: 'alert_mail', attempts: 1, dead: false, lastError: 'HTTP 503' })]);
    await database.db.updateTable('outbox').set({ state: 'done' }).where('key', '=', 'alert-mail-c-opened').execute();
    facts = await store.read(NOW, DEFAULT_THRESHOLDS);
    expect(facts.failingDeliveries).toEqual([]);
  });

  it('opens a key once, even when two processes open it at the same moment, and queues its deliveries with it', async () => {
    const here = new AlertStore(database.db, outbox);
    const there = new AlertStore((other ?? database).db, new Outbox((other ?? database).db, database.dialect));
    const results = await Promise.all([here, there, here, there].map((s) => s.apply({ open: [offline('CP-1')], resolve: [] }, ['webhook', 'mail'], NOW)));
    const opened = results.flatMap((r) => r.opened);
    expect(opened).toHaveLength(1);
    const id = opened[0]!.id;
    expect((await outbox.list({ keyPrefix: `alert-` })).map((i) => i.key)).toEqual(expect.arrayContaining([`alert-webhook-${id}-opened`, `alert-mail-${id}-opened`]));
    expect(await here.openCountsByRule()).toEqual({ station_offline: 1 });

    expect(await here.acknowledge(id, 'console:vakt@example.no', NOW)).toBe('ok');
    expect(await here.acknowledge(id, 'console:vakt@example.no', NOW)).toBe('already');
    const resolved = await Promise.all([here, there].map((s) => s.apply({ open: [], resolve: [{ id, key: 'station_offline:CP-1' }] }, ['webhook'], NOW)));
    expect(resolved.flatMap((r) => r.resolved)).toEqual([expect.objectContaining({ id, acknowledgedBy: 'console:vakt@example.no', resolvedAt: NOW.toISOString() })]);
    expect(await here.acknowledge(id, 'x', NOW)).toBe('resolved');
    expect(await here.acknowledge('nope', 'x', NOW)).toBe('not_found');

    // Resolved, the same condition may open a new alert.
    const again = await here.apply({ open: [offline('CP-1')], resolve: [] }, [], NOW);
    expect(again.opened[0]?.id).not.toBe(id);
    expect((await here.resolved(10)).map((a) => a.id)).toEqual([id]);
  });
});
