import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NodeRegistry, SecondNodeError } from '../../src/adapters/storage/node-registry.ts';
import { Outbox } from '../../src/adapters/storage/outbox.ts';
import { StationOwnerStore } from '../../src/adapters/storage/station-owner-store.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const t0 = new Date('2026-12-07T10:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const LEASE = 30_000;

describe.each(testDialects())('station leases and node-bound outbox items on %s', (dialect) => {
  let database: TestDatabase;
  let a: StationOwnerStore;
  let b: StationOwnerStore;
  let outbox: Outbox;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    a = new StationOwnerStore(database.db, 'node-a');
    b = new StationOwnerStore(database.db, 'node-b');
    outbox = new Outbox(database.db, database.dialect);
    const stations = new StationStore(database.db);
    await stations.createSite({ id: 'site', name: 'Site', address: 'Gate 1, 0150 Oslo' }, t0);
    for (const id of ['CP1', 'CP2']) await stations.createStation({ id, siteId: 'site', name: id, passwordHash: 'x', connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 50_000, code: `${id}A` }] }, t0);
  });
  afterAll(async () => database.drop());
  beforeEach(async () => {
    await database.db.deleteFrom('station_owners').execute();
    await database.db.deleteFrom('outbox').execute();
  });

  it('hands a station to the node it reconnected to, at once, and tells whom it was taken from', async () => {
    expect(await a.claim('CP1', t0, LEASE)).toBeUndefined();
    expect(await b.claim('CP1', at(1000), LEASE)).toBe('node-a');
    // The old node's socket closing does not let the station go: it is b's.
    expect(await a.release('CP1')).toBe(false);
    expect([...(await a.heldElsewhere(at(2000))).keys()]).toEqual(['CP1']);
    expect(await b.release('CP1')).toBe(true);
  });

  it('keeps a lease alive while its node renews it, and lets a dead node’s run out', async () => {
    await a.claim('CP1', t0, LEASE);
    await b.claim('CP2', t0, LEASE);
    expect([...(await a.renew(at(20_000), LEASE))]).toEqual(['CP1']);
    // b died: its lease runs out at 30 s; a's, renewed, runs to 50 s.
    expect(await a.expire(at(29_999))).toEqual([]);
    expect(await a.expire(at(30_000))).toEqual(['CP2']);
    expect(await a.expire(at(60_000))).toEqual([]); // a node never expires its own
    expect([...(await b.heldElsewhere(at(40_000))).keys()]).toEqual(['CP1']);
  });

  it('leaves an item for a station another live node holds to that node, and to anyone once no node holds it', async () => {
    await b.claim('CP1', t0, LEASE);
    await outbox.enqueue(database.db, { kind: 'k', key: 'start-CP1', payload: {}, stationId: 'CP1' }, t0);
    await outbox.enqueue(database.db, { kind: 'k', key: 'capture', payload: {} }, t0);
    expect((await outbox.claim('wa', at(1), 10, LEASE, 'node-a')).map((i) => i.key)).toEqual(['capture']);
    expect((await outbox.claim('wb', at(2), 10, LEASE, 'node-b')).map((i) => i.key)).toEqual(['start-CP1']);

    await outbox.enqueue(database.db, { kind: 'k', key: 'stop-CP1', payload: {}, stationId: 'CP1' }, t0);
    expect(await outbox.claim('wa', at(3), 10, LEASE, 'node-a')).toEqual([]);
    // b is gone and its lease ran out: the station is offline, any node may run it.
    expect((await outbox.claim('wa', at(LEASE), 10, LEASE, 'node-a')).map((i) => i.key)).toEqual(['stop-CP1']);
  });

  it('keeps a forwarded command’s answer for the node that asked, and abandons one nobody answered', async () => {
    await outbox.enqueueNow({ kind: 'station.command', key: 'cmd-1', payload: {}, stationId: 'CP1', maxAttempts: 1 }, t0);
    const [item] = await outbox.claim('w', t0, 1, LEASE, 'node-a');
    await outbox.complete(item!.id, 'w', t0, { outcome: 'accepted', status: 'Accepted' });
    expect(await outbox.answer('cmd-1')).toMatchObject({ state: 'done', result: { outcome: 'accepted', status: 'Accepted' } });
    expect(await outbox.abandon('cmd-1', 'late', t0)).toBe(false);

    await outbox.enqueueNow({ kind: 'station.command', key: 'cmd-2', payload: {}, stationId: 'CP1', maxAttempts: 1 }, t0);
    expect(await outbox.abandon('cmd-2', 'no answer in time', t0)).toBe(true);
    expect(await outbox.claim('w', at(1), 10, LEASE, 'node-a')).toEqual([]);
    // Not a side effect stuck for an operator: counted apart from the dead ones.
    expect(await outbox.answer('cmd-2')).toMatchObject({ state: 'abandoned' });
  });

  it('does not mark a station offline that another node has taken over', async () => {
    const stations = new StationStore(database.db);
    await stations.markConnected('CP1', 'ocpp1.6', t0);
    await b.claim('CP1', t0, LEASE);
    await stations.markDisconnected('CP1', at(1000));
    expect((await stations.station('CP1'))?.online).toBe(true);
    await b.release('CP1');
    await stations.markDisconnected('CP1', at(2000));
    expect((await stations.station('CP1'))?.online).toBe(false);
  });
});

describe.each(testDialects())('the nodes on %s', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => database.drop());

  const node = (nodeId: string, pid: number, host = 'host-1', alive: (p: number) => boolean = (p) => p === 100 || p === 200) =>
    new NodeRegistry(database.db, database.dialect, { nodeId, host, pid }, alive);

  it(dialect === 'sqlite' ? 'refuses a second live node on one SQLite file, and lets one start after the first is gone' : 'lets any number of nodes join', async () => {
    await node('n1', 100).join(t0, LEASE);
    const second = node('n2', 200).join(at(1000), LEASE);
    if (dialect === 'sqlite') {
      await expect(second).rejects.toThrow(SecondNodeError);
      await expect(node('n2', 200).join(at(1000), LEASE)).rejects.toThrow(/SQLite runs one node only.*PostgreSQL/);
      // The first node's process is gone (pid 100 no longer alive): the file is free.
      await expect(node('n3', 300, 'host-1', (p) => p === 300).join(at(2000), LEASE)).resolves.toBeUndefined();
      // From another host the process cannot be looked at: the heartbeat tells.
      await node('n3', 300).leave(at(3000));
      await expect(node('n4', 400, 'host-2').join(at(4000), LEASE)).rejects.toThrow(SecondNodeError);
      await expect(node('n4', 400, 'host-2').join(at(LEASE + 1), LEASE)).resolves.toBeUndefined();
    } else {
      await expect(second).resolves.toBeUndefined();
    }
  });
});
