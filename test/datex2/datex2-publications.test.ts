import { afterEach, describe, expect, it } from 'vitest';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { TariffStore } from '../../src/adapters/storage/tariff-store.ts';
import { statusPublication } from '../../src/core/datex2/status-publication.ts';
import { tablePublication } from '../../src/core/datex2/table-publication.ts';
import { validatePeriods } from '../../src/core/tariff-schedule.ts';
import { loadConfig } from '../../src/config.ts';
import { buildPublishedSites } from '../../src/composition/feeds.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { aTariff } from '../support/tariff-builder.ts';
import { statusRules, tableRules } from '../support/datex2-profile-rules.ts';
import { datex2Validator } from '../support/datex2-validator.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

const options = { informationStatus: 'test' as const, cardPayments: false, delivery: 'pull' as const };
const validTable = datex2Validator('table');
const validStatus = datex2Validator('status');

// The demo's data as the AFIR DATEX II feed publishes it, full and as a delta:
// every document valid against the profile's own schemas (specs/datex2) and
// the profile's rules beyond them, the status referring to the table's
// elements and versions.
describe.each(testDialects())("the demo's DATEX II publications on %s", (dialect) => {
  const open: TestDatabase[] = [];
  afterEach(async () => {
    for (const database of open.splice(0)) await database.drop();
  });

  async function demo() {
    const database = await createTestDatabase(dialect);
    open.push(database);
    const config = loadConfig({ DEMO_STATIONS: '3' }, 'demo');
    const t0 = new Date('2026-03-02T08:00:00.000Z');
    let clock = t0;
    await seedDemo(database.db, config, t0);
    const stations = new StationStore(database.db, () => clock);
    // A price for the evening on the 150 kW charger, so the current price differs from the base.
    const fast = aTariff({ perKwhOre: 590, startFeeOre: 1000, idlePerMinuteOre: 200, idleGraceMinutes: 10, idleCapOre: 20_000 });
    const periods = validatePeriods(fast, [{ days: [1, 2, 3, 4, 5], from: '17:00', to: '21:00', perKwhOre: 790 }]);
    if (!periods.ok) throw new Error('periods refused');
    await new TariffStore(database.db).create({ id: 'fast', siteId: 'demo', connectorId: 'DEMO-03-1', name: 'Lyn', tariff: fast, periods: periods.value, validFrom: new Date('2026-02-01T00:00:00.000Z') }, t0);
    await stations.markConnected('DEMO-01', 'ocpp1.6', t0);
    await stations.setConnectorStatus('DEMO-01', 1, { status: 'charging', at: t0 });
    await stations.markConnected('DEMO-02', 'ocpp2.0.1', t0);
    await stations.setConnectorStatus('DEMO-02', 1, { status: 'available', at: t0 });
    const view = buildPublishedSites(config, database.db, 'https://lade.example', () => clock);
    return { view, stations, setClock: (at: Date) => void (clock = at), t0 };
  }

  it('validates in full, the status referring to the table', async () => {
    const { view } = await demo();
    const published = await view.read(new Date('2026-03-02T17:30:00.000Z'));
    const table = tablePublication(published, options);
    expect(validTable(table)).toEqual([]);
    const rules = tableRules(table);
    expect(rules.problems).toEqual([]);
    expect(rules.index.versions.size).toBe(1 + 1 + 3 + 3);
    const status = statusPublication(published, options);
    expect(validStatus(status)).toEqual([]);
    expect(statusRules(status, rules.index)).toEqual([]);
    const points = JSON.stringify(status);
    expect(points).toContain('"snapshotPull"');
    // The evening price is in force on the fast charger: 7.90 kr/kWh.
    expect(points).toContain('"value":7.9');
  });

  it('publishes as a delta only what changed after `since`, valid too', async () => {
    const { view, stations, setClock, t0 } = await demo();
    const before = await view.read(t0);
    const table = tablePublication(before, options);
    const index = tableRules(table).index;
    const t1 = new Date('2026-03-02T09:00:00.000Z');
    setClock(t1);
    await stations.setConnectorStatus('DEMO-02', 1, { status: 'preparing', at: t1 });
    const after = await view.read(t1);
    const delta = statusPublication(after, options, t0.toISOString());
    expect(validStatus(delta)).toEqual([]);
    expect(statusRules(delta, index)).toEqual([]);
    const stationsIn = (doc: unknown) => [...JSON.stringify(doc).matchAll(/"idG":"(NO\*LDP\/station\/[^"]+)"/g)].map((m) => m[1]);
    expect(stationsIn(delta)).toEqual(['NO*LDP/station/DEMO-02']);
    expect(JSON.stringify(delta)).toContain('"deltaPull"');
    expect(JSON.stringify(delta)).toContain('{"value":"occupied"}');
    // Nothing changed since: an empty delta, still valid.
    const none = statusPublication(after, options, t1.toISOString());
    expect(validStatus(none)).toEqual([]);
    expect((none as { messageContainer: { payload: unknown[] } }).messageContainer.payload).toEqual([]);
    // The table changes only with the static data: an edit of a connector.
    expect(tablePublication(after, options, t0.toISOString())).toBeUndefined();
    setClock(new Date('2026-03-02T10:00:00.000Z'));
    await stations.updateConnector('DEMO-03-1', { cardTerminal: true });
    const edited = tablePublication(await view.read(new Date('2026-03-02T10:00:00.000Z')), options, t1.toISOString());
    expect(validTable(edited)).toEqual([]);
    expect(tableRules(edited).problems).toEqual([]);
    expect(JSON.stringify(edited)).toContain('"paymentMachine"');
  });

  it('validates a site open at set hours, its own and each station’s hours with ids of their own', async () => {
    const { view, stations, setClock } = await demo();
    const t1 = new Date('2026-03-02T12:00:00.000Z');
    setClock(t1);
    const hours = { twentyFourSeven: false as const, regularHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday: weekday as 1, periodBegin: '06:00', periodEnd: '23:00' })) };
    await stations.updateSite('demo', { openingHours: hours, parkingType: 'UNDERGROUND_GARAGE', facilities: [] });
    const table = tablePublication(await view.read(t1), options);
    expect(validTable(table)).toEqual([]);
    expect(tableRules(table).problems).toEqual([]);
    expect(JSON.stringify(table)).toContain('"startTimeOfPeriod":"06:00:00Z"');
    expect(JSON.stringify(table)).toContain('"roofed":true');
  });

  it('says nothing without a complete site: no table, a status with no sites', async () => {
    const database = await createTestDatabase(dialect);
    open.push(database);
    const view = buildPublishedSites(loadConfig({ DEMO_STATIONS: '0' }, 'demo'), database.db, 'https://lade.example', () => new Date());
    const empty = await view.read(new Date());
    expect(tablePublication(empty, options)).toBeUndefined();
    expect(validStatus(statusPublication(empty, options))).toEqual([]);
  });
});
