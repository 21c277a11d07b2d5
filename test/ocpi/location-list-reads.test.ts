import { afterEach, describe, expect, it } from 'vitest';
import { FeedSourceStore } from '../../src/adapters/storage/feed-source-store.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import type { FeedSource } from '../../src/usecases/feeds/feed-source.ts';
import { publishedSites } from '../../src/usecases/feeds/published-sites.ts';
import { readListQuery } from '../../src/usecases/ocpi/ocpi-paging.ts';
import { LIST_KEPT_MS, ocpiSenders } from '../../src/usecases/ocpi/ocpi-senders.ts';
import { aCompleteSiteData, anOperator } from '../support/published-site-builder.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const t0 = new Date('2026-03-02T08:00:00.000Z');
const t1 = new Date('2026-03-02T09:00:00.000Z');
const complete = aCompleteSiteData();
const operator = anOperator({ email: undefined });

// The feeds' port as the store answers it, with each kind of read counted: a
// read of the whole view, of some sites, of the outline of every site.
function counted(source: FeedSource) {
  const reads = { whole: 0, sites: 0, outline: 0 };
  const port: FeedSource = {
    snapshot(now, scope) {
      if (scope === undefined) reads.whole++;
      else reads.sites++;
      return source.snapshot(now, scope);
    },
    outline() {
      reads.outline++;
      return source.outline();
    },
    assignEvseIds: (ids, prefix) => source.assignEvseIds(ids, prefix),
  };
  return { reads, port };
}

type Query = { offset?: number; limit?: number; date_from?: string };
const query = (q: Query) => {
  const read = readListQuery(Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)])), 50);
  if (!read.ok) throw new Error(read.problem);
  return read.query;
};

// A pull's list is made on its first page and kept for the pages after it:
// counted on the feeds' port of a real published view over a real database,
// a later page reads its own sites and nothing else.
describe.each(testDialects())('the Locations list of a pull on %s', (dialect) => {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    for (const database of open.splice(0)) await database.drop();
  });

  async function setUp() {
    const database = await createTestDatabase(dialect);
    open.push(database);
    let clock = t0;
    const stations = new StationStore(database.db, () => clock);
    const addSite = async (id: string) => {
      await stations.createSite({ id, name: `Lading ${id}`, address: `${id}-gata 1`, ...complete }, clock);
      await stations.createStation({ id: `${id}-1`, siteId: id, name: 'Lader', passwordHash: 'h', connectors: [{ connectorNo: 1, type: 'Type2', maxPowerW: 22_000, code: `${id.toUpperCase()}01` }] }, clock);
      await stations.markConnected(`${id}-1`, 'ocpp1.6', clock);
    };
    for (const id of ['s1', 's2', 's3', 's4', 's5']) await addSite(id);
    const { reads, port } = counted(new FeedSourceStore(database.db, () => clock));
    const view = publishedSites({ source: port, operator });
    await view.read(t0); // the EVSE ids made, as a first read does
    // Every site's EVSE reports at t1 but the first's, which is as it was at t0.
    clock = t1;
    for (const id of ['s2', 's3', 's4', 's5']) await stations.setConnectorStatus(`${id}-1`, 1, { status: 'available', at: t1 });
    const senders = ocpiSenders({ view, now: () => clock });
    const before = { ...reads };
    const readsSince = () => ({ whole: reads.whole - before.whole, sites: reads.sites - before.sites, outline: reads.outline - before.outline });
    return { senders, stations, addSite, readsSince, advance: (ms: number) => void (clock = new Date(clock.getTime() + ms)) };
  }

  it('reads the outline once for a pull of every Location, then each page its own sites', async () => {
    const { senders, readsSince } = await setUp();
    const pages = [];
    for (const offset of [0, 2, 4]) pages.push(await senders.locations(query({ offset, limit: 2 }), 'partner-a'));
    expect(pages.map((p) => p.items.map((l) => l.id))).toEqual([['s1', 's2'], ['s3', 's4'], ['s5']]);
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    expect(readsSince()).toEqual({ whole: 0, outline: 1, sites: 3 });
  });

  it('reads the whole view once for a pull of the changes, then each page its own sites', async () => {
    const { senders, readsSince } = await setUp();
    const from = t1.toISOString();
    const first = await senders.locations(query({ limit: 2, date_from: from }), 'partner-a');
    expect(readsSince()).toEqual({ whole: 1, outline: 0, sites: 1 });
    const second = await senders.locations(query({ offset: 2, limit: 2, date_from: from }), 'partner-a');
    expect([...first.items, ...second.items].map((l) => l.id)).toEqual(['s2', 's3', 's4', 's5']);
    expect([first.total, second.total]).toEqual([4, 4]);
    // The second page did not read the whole view again.
    expect(readsSince()).toEqual({ whole: 1, outline: 0, sites: 2 });
  });

  it('keeps the offsets of a pull where its first page put them, sends each page as it is now, and makes the list anew for a new pull or once its time is up', async () => {
    const { senders, stations, addSite, readsSince, advance } = await setUp();
    const all = (offset: number, reader = 'partner-a') => senders.locations(query({ offset, limit: 2 }), reader);
    await all(0);
    // A site published first in the order, and a status, after the first page.
    await addSite('a0');
    await stations.setConnectorStatus('s3-1', 1, { status: 'charging', at: t1 });
    // Another partner's pull has a list of its own.
    expect((await all(0, 'partner-b')).items.map((l) => l.id)).toEqual(['a0', 's1']);
    const second = await all(2);
    expect(second.items.map((l) => l.id)).toEqual(['s3', 's4']);
    expect(second.total).toBe(5);
    expect(second.items[0]?.evses?.[0]?.status).toBe('CHARGING');
    // A new pull begins with a new list.
    const again = await all(0);
    expect(again.items.map((l) => l.id)).toEqual(['a0', 's1']);
    expect(again.total).toBe(6);
    expect(readsSince().outline).toBe(3);
    // A later page once the list's time is up makes it anew.
    advance(LIST_KEPT_MS);
    await addSite('a1');
    expect((await all(2)).items.map((l) => l.id)).toEqual(['s1', 's2']);
    expect(readsSince().outline).toBe(4);
  });

  it('leaves a site no longer published out of the page its list put it on', async () => {
    const { senders, stations } = await setUp();
    await senders.locations(query({ limit: 2 }), 'partner-a');
    await stations.updateSite('s3', { coordinates: null });
    const second = await senders.locations(query({ offset: 2, limit: 2 }), 'partner-a');
    expect(second.items.map((l) => l.id)).toEqual(['s4']);
    expect(second).toMatchObject({ offset: 2, limit: 2, total: 5 });
  });
});
