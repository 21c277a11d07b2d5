import { afterEach, describe, expect, it } from 'vitest';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { loadConfig } from '../../src/config.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { feedData } from '../../src/usecases/operator/feed-data.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

// `npm start` shows a complete site: everything a charger feed needs, real
// Norwegian coordinates, postal code and hours, and an EVSE id per connector.
describe.each(testDialects())("the demo's feed data on %s", (dialect) => {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    for (const database of open.splice(0)) await database.drop();
  });
  const config = loadConfig({ DEMO_STATIONS: '4' }, 'demo');
  const feedsOf = (stations: StationStore) => feedData({ stations, party: config.operator.party, supportPhone: config.operator.support?.phone });

  it('makes the demo site complete, its EVSE ids from the party and the codes', async () => {
    const database = await createTestDatabase(dialect);
    open.push(database);
    await seedDemo(database.db, config, new Date());
    const feed = await feedsOf(new StationStore(database.db)).site('demo');
    expect(feed?.completeness).toEqual({ complete: true, missing: [] });
    expect(feed?.site).toMatchObject({ city: 'Oslo', postalCode: '0252', country: 'NO', timeZone: 'Europe/Oslo' });
    expect(feed?.operator).toEqual({ countryCode: 'NO', partyId: 'LDP', helpLine: '+47 22 12 34 56' });
    expect(feed?.connectors.map((c) => c.evseId)).toEqual(['NO*LDP*EDEMO01', 'NO*LDP*EDEMO02', 'NO*LDP*EDEMO03', 'NO*LDP*EDEMO04']);
  });

  it('fills in a demo database made before the feed data, and leaves an operator’s own changes', async () => {
    const database = await createTestDatabase(dialect);
    open.push(database);
    const stations = new StationStore(database.db);
    const then = new Date();
    await stations.createSite({ id: 'demo', name: 'Ladepay Demo – Tjuvholmen', address: 'Tjuvholmen allé 1, 0252 Oslo' }, then);
    await stations.createStation({ id: 'DEMO-01', siteId: 'demo', name: 'Lader 01', passwordHash: 'h', connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 50_000, code: 'DEMO01' }] }, then);
    await stations.createStation({ id: 'DEMO-02', siteId: 'demo', name: 'Lader 02', passwordHash: 'h', connectors: [{ connectorNo: 1, type: 'Type2', maxPowerW: 11_000, code: 'DEMO02' }] }, then);
    await seedDemo(database.db, config, new Date());
    expect((await feedsOf(stations).site('demo'))?.completeness.complete).toBe(true);
    expect(await stations.connectorAt('DEMO-01', 1)).toMatchObject({ maxVoltage: 500, maxAmperage: 125 });
    // Changed by hand to 11 kW: its own rating's data stays.
    expect(await stations.connectorAt('DEMO-02', 1)).toMatchObject({ maxPowerW: 11_000, maxAmperage: 16 });
  });
});
