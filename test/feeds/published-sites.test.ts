import { afterEach, describe, expect, it } from 'vitest';
import { FeedSourceStore } from '../../src/adapters/storage/feed-source-store.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { TariffStore } from '../../src/adapters/storage/tariff-store.ts';
import { evsesOf } from '../../src/core/feed/published-site.ts';
import { tariffsInUse } from '../../src/core/feed/tariffs-in-use.ts';
import { publishedSites } from '../../src/usecases/feeds/published-sites.ts';
import { aCompleteSiteData, anOperator } from '../support/published-site-builder.ts';
import { aTariff } from '../support/tariff-builder.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const t0 = new Date('2026-03-02T08:00:00.000Z');
const complete = aCompleteSiteData({ parkingRestrictions: ['EV_ONLY'] });
const operator = anOperator({ email: undefined });

// The published view over a real database: only complete sites, EVSE ids made
// once, the status as the feeds say it, the tariff in force, and the change
// times every edit and report moves.
describe.each(testDialects())('the published view on %s', (dialect) => {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    for (const database of open.splice(0)) await database.drop();
  });

  async function setUp() {
    const database = await createTestDatabase(dialect);
    open.push(database);
    let clock = t0;
    const stations = new StationStore(database.db, () => clock);
    const tariffs = new TariffStore(database.db);
    await stations.createSite({ id: 'kaia', name: 'Kaia', address: 'Kaigata 5', ...complete }, t0);
    await stations.createSite({ id: 'half', name: 'Halvferdig', address: 'Et sted', city: 'Oslo' }, t0);
    const connectors = [
      { connectorNo: 1, type: 'CCS', maxPowerW: 50_000, code: 'KAIA01', maxVoltage: 500, maxAmperage: 125 },
      { connectorNo: 2, type: 'Type2', maxPowerW: 22_000, code: 'KAIA02' },
    ];
    await stations.createStation({ id: 'K-1', siteId: 'kaia', name: 'Lader 1', passwordHash: 'h', connectors }, t0);
    await stations.createStation({ id: 'H-1', siteId: 'half', name: 'Lader H', passwordHash: 'h', connectors: [{ connectorNo: 1, type: 'Type2', maxPowerW: 22_000, code: 'HALF01' }] }, t0);
    await tariffs.create({ id: 'std', siteId: null, name: 'Standard', tariff: aTariff({ perKwhOre: 499 }), validFrom: new Date('2026-01-01T00:00:00.000Z') }, new Date('2025-12-01T00:00:00.000Z'));
    const view = publishedSites({ source: new FeedSourceStore(database.db, () => clock), operator });
    return { database, stations, tariffs, view, setClock: (at: Date) => void (clock = at) };
  }

  it('shows complete sites only, with their EVSE ids made, described and priced', async () => {
    const { view, stations } = await setUp();
    const published = await view.read(t0);
    expect(published.sites.map((s) => s.id)).toEqual(['kaia']);
    const [site] = published.sites;
    expect(site?.data).toMatchObject({ city: 'Oslo', postalCode: '0252', coordinates: { latitude: '59.907400', longitude: '10.721900' } });
    expect(site?.stations.map((s) => s.id)).toEqual(['K-1']);
    const evses = evsesOf(site!);
    expect(evses.map((e) => [e.uid, e.evseId, e.landingUrl])).toEqual([
      ['KAIA01', 'NO*LDP*EKAIA01', 'https://lade.example/c/KAIA01'],
      ['KAIA02', 'NO*LDP*EKAIA02', 'https://lade.example/c/KAIA02'],
    ]);
    expect((await stations.connectorAt('H-1', 1))?.evseId).toBeNull();
    expect(evses[1]?.connector).toEqual({ type: 'Type2', standard: 'IEC_62196_T2', format: 'SOCKET', powerType: 'AC_3_PHASE', maxVoltage: 230, maxAmperage: 32, maxPowerW: 22_000, cardTerminal: false });
    expect(evses.map((e) => e.status)).toEqual(['unknown', 'unknown']);
    expect(evses[0]?.tariff).toMatchObject({ since: '2026-01-01T00:00:00.000Z', schedule: { base: aTariff({ perKwhOre: 499 }), periods: [] } });
    expect(evses[0]?.tariff?.id).toBe(evses[1]?.tariff?.id);
    expect(evses[0]?.priceNow).toEqual({ tariff: aTariff({ perKwhOre: 499 }), since: '2026-01-01T00:00:00.000Z' });
    expect(tariffsInUse(published).map((t) => [t.id, t.lastUpdated, t.siteIds])).toEqual([[evses[0]?.tariff?.id, '2026-01-01T00:00:00.000Z', ['kaia']]]);
  });

  it('reads one station’s site alone when asked, as the whole view has it', async () => {
    const { view, stations } = await setUp();
    await stations.createSite({ id: 'fjord', name: 'Fjord', address: 'Kaien 2', ...complete }, t0);
    await stations.createStation({ id: 'F-1', siteId: 'fjord', name: 'Fjord 1', passwordHash: 'h', connectors: [{ connectorNo: 1, type: 'Type2', maxPowerW: 22_000, code: 'FJORD1' }] }, t0);
    await stations.setConnectorStatus('F-1', 1, { status: 'charging', at: t0 });
    const all = await view.read(t0);
    expect(all.sites.map((s) => s.id)).toEqual(['fjord', 'kaia']);
    expect((await view.read(t0, { stationId: 'F-1' })).sites).toEqual(all.sites.filter((s) => s.id === 'fjord'));
    expect((await view.read(t0, { stationId: 'K-1' })).sites).toEqual(all.sites.filter((s) => s.id === 'kaia'));
    // An incomplete site, or no such station: nothing.
    expect((await view.read(t0, { stationId: 'H-1' })).sites).toEqual([]);
    expect((await view.read(t0, { stationId: 'NOPE' })).sites).toEqual([]);
  });

  it('names the sites it publishes, and reads some of them alone as the whole view has them', async () => {
    const { view, stations, tariffs } = await setUp();
    await stations.createSite({ id: 'fjord', name: 'Fjord', address: 'Kaien 2', ...complete }, t0);
    await stations.createStation({ id: 'F-1', siteId: 'fjord', name: 'Fjord 1', passwordHash: 'h', connectors: [{ connectorNo: 1, type: 'Type2', maxPowerW: 22_000, code: 'FJORD1' }] }, t0);
    await stations.setConnectorStatus('F-1', 1, { status: 'charging', at: t0 });
    await tariffs.create({ id: 'fjord', siteId: 'fjord', name: 'Fjord', tariff: aTariff({ perKwhOre: 459 }), validFrom: t0 }, t0);
    // A connector's tariff follows its connector when the station moves to another site.
    await tariffs.create({ id: 'k2', siteId: 'kaia', connectorId: 'K-1-2', name: 'K2', tariff: aTariff({ perKwhOre: 399 }), validFrom: t0 }, t0);
    await stations.updateStation('K-1', { siteId: 'fjord' });
    await stations.createStation({ id: 'K-2', siteId: 'kaia', name: 'Lader 2', passwordHash: 'h', connectors: [{ connectorNo: 1, type: 'Type2', maxPowerW: 22_000, code: 'KAIA03' }] }, t0);
    const all = await view.read(t0);
    expect(await view.siteIds()).toEqual(all.sites.map((s) => s.id));
    expect(all.sites.map((s) => s.id)).toEqual(['fjord', 'kaia']);
    const fjord = all.sites[0]!;
    expect(evsesOf(fjord).map((e) => [e.uid, e.tariff?.schedule.base.perKwhOre])).toEqual([
      ['FJORD1', 459],
      ['KAIA01', 459],
      ['KAIA02', 399],
    ]);
    expect((await view.read(t0, { siteIds: ['kaia'] })).sites).toEqual(all.sites.filter((s) => s.id === 'kaia'));
    expect((await view.read(t0, { siteIds: ['kaia', 'fjord'] })).sites).toEqual(all.sites);
    // An incomplete site, an unknown one, none: nothing.
    expect((await view.read(t0, { siteIds: ['half', 'nope'] })).sites).toEqual([]);
    expect((await view.read(t0, { siteIds: [] })).sites).toEqual([]);
  });

  it('shares nothing without a party id', async () => {
    const { database } = await setUp();
    const none = publishedSites({ source: new FeedSourceStore(database.db), operator: { ...operator, partyId: undefined } });
    expect((await none.read(t0)).sites).toEqual([]);
    expect(await none.siteIds()).toEqual([]);
  });

  it('says each status as the feeds do, and moves the status time with every report, presence and edit', async () => {
    const { view, stations, setClock } = await setUp();
    const statusOf = async (at: Date) => evsesOf((await view.read(at)).sites[0]!).map((e) => [e.status, e.statusAt]);
    const t1 = new Date('2026-03-02T09:00:00.000Z');
    await stations.markConnected('K-1', 'ocpp1.6', t1);
    expect(await statusOf(t1)).toEqual([
      ['unknown', t1.toISOString()],
      ['unknown', t1.toISOString()],
    ]);
    const t2 = new Date('2026-03-02T09:01:00.000Z');
    await stations.setConnectorStatus('K-1', 1, { status: 'available', at: t2 });
    await stations.setConnectorStatus('K-1', 2, { status: 'charging', at: t2 });
    expect(await statusOf(t2)).toEqual([
      ['available', t2.toISOString()],
      ['charging', t2.toISOString()],
    ]);
    // Connected again while still marked online: nothing changed for a feed.
    await stations.markConnected('K-1', 'ocpp1.6', new Date('2026-03-02T09:02:00.000Z'));
    expect((await statusOf(t2))[0]).toEqual(['available', t2.toISOString()]);
    const t3 = new Date('2026-03-02T09:03:00.000Z');
    setClock(t3);
    await stations.updateConnector('K-1-1', { disabled: true });
    expect((await statusOf(t3))[0]).toEqual(['unavailable', t3.toISOString()]);
    const t4 = new Date('2026-03-02T09:04:00.000Z');
    await stations.markDisconnected('K-1', t4);
    expect((await statusOf(t4))[1]).toEqual(['unknown', t4.toISOString()]);
  });

  it('moves the description time with an edit of the connector or its station, and the EVSE id stays', async () => {
    const { view, stations, setClock } = await setUp();
    const first = evsesOf((await view.read(t0)).sites[0]!)[0];
    expect(first?.describedAt).toBe(t0.toISOString());
    const t1 = new Date('2026-03-02T10:00:00.000Z');
    setClock(t1);
    await stations.updateConnector('K-1-1', { maxAmperage: 100 });
    const t2 = new Date('2026-03-02T11:00:00.000Z');
    setClock(t2);
    await stations.updateStation('K-1', { name: 'Lader 1 nord' });
    const [a, b] = evsesOf((await view.read(t2)).sites[0]!);
    expect([a?.describedAt, a?.connector.maxAmperage, a?.evseId]).toEqual([t2.toISOString(), 100, 'NO*LDP*EKAIA01']);
    expect(b?.describedAt).toBe(t2.toISOString());
    const site = (await view.read(t2)).sites[0];
    expect(site?.updatedAt).toBe(t0.toISOString());
    setClock(t2);
    await stations.updateSite('kaia', { name: 'Kaia brygge' });
    expect((await view.read(t2)).sites[0]?.updatedAt).toBe(t2.toISOString());
  });

  it('gives a connector its own tariff from when it applies, under a new id; the same prices keep the id', async () => {
    const { view, tariffs } = await setUp();
    const before = evsesOf((await view.read(t0)).sites[0]!);
    const from = new Date('2026-03-02T12:00:00.000Z');
    await tariffs.create({ id: 'fast', siteId: 'kaia', connectorId: 'K-1-1', name: 'Lyn', tariff: aTariff({ perKwhOre: 699 }), validFrom: from }, t0);
    await tariffs.create({ id: 'same', siteId: 'kaia', connectorId: 'K-1-2', name: 'Samme', tariff: aTariff({ perKwhOre: 499 }), validFrom: from }, t0);
    expect(evsesOf((await view.read(t0)).sites[0]!).map((e) => e.tariff?.id)).toEqual(before.map((e) => e.tariff?.id));
    const after = evsesOf((await view.read(from)).sites[0]!);
    expect(after[0]?.tariff?.id).not.toBe(before[0]?.tariff?.id);
    expect(after[0]?.tariff?.since).toBe(from.toISOString());
    expect(after[1]?.tariff?.id).toBe(before[1]?.tariff?.id);
    expect(after[1]?.tariff?.since).toBe(from.toISOString());
  });
});
