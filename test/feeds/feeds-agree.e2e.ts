import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChargePoint } from '../../simulators/charge-point/charge-point.ts';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { loadConfig } from '../../src/config.ts';
import { DEMO_STATION_PASSWORD, seedDemo } from '../../src/demo/seed-demo.ts';
import { Datex2Copy } from '../support/datex2-facts.ts';
import { statusRules, tableRules, type StaticIndex } from '../support/datex2-profile-rules.ts';
import { datex2Validator } from '../support/datex2-validator.ts';
import { eventually } from '../support/eventually.ts';
import type { FeedFacts } from '../support/feed-facts.ts';
import { startAccessPoint, type AccessPoint } from '../support/ocpi-access-point.ts';
import { OcpiCopy, localMoment } from '../support/ocpi-facts.ts';
import { ocpiSharingOf } from '../support/ocpi-sharing-of.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { aTariff } from '../support/tariff-builder.ts';
import { testDialects } from '../support/test-database.ts';

const validTable = datex2Validator('table');
const validStatus = datex2Validator('status');

// The two charger feeds read as their readers read them, over real sockets:
// every OCPI Location and Tariff pulled page by page by a test access point,
// and the DATEX II table and status, each reduced to the same plain facts by a
// reader written from its own format (test/support/ocpi-facts.ts,
// datex2-facts.ts): per site its name, address, coordinates and hours; per
// point its connector, power, AC/DC, status and price (now, and outside the
// periods of the week). The demo's site and two more: AC and DC, a tariff by
// the time of day, a time, start and idle fee, and a point available, in use,
// faulted, disabled, and on a station never connected. Then a change of status
// on a 1.6 station and a new price, read as changes (DATEX II `since`, OCPI
// `date_from`) into what each reader held: both show it, and still agree.
describe.each(testDialects())('the DATEX II feed and the OCPI pull agree on %s', (dialect) => {
  let sys: TestSystem;
  let ap: AccessPoint;
  let stations: StationStore;
  let demo01: ChargePoint;
  let api: (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;
  const ocpiUrl = (module: string) => `${sys.ladepay.url}/ocpi/2.2.1/${module}`;
  // What each reader holds after the first whole reads, and when the access point pulled.
  let datex: Datex2Copy;
  let ocpi: OcpiCopy;
  let pulledAt: string;
  // The periods of the fjord's tariff: all of today and tomorrow (so the price
  // now is not the base price), and two on days ahead, one past midnight.
  const today = localMoment(new Date(), 'Europe/Oslo').weekday;
  const day = (ahead: number) => ((today - 1 + ahead) % 7) + 1;

  const datex2 = async (path: string): Promise<unknown> => {
    const res = await fetch(`${sys.ladepay.url}/datex2/v3/${path}`);
    expect(res.status, path).toBe(200);
    return (await res.json()) as unknown;
  };
  const stored = (stationId: string, status: string) => eventually(async () => (await stations.connectorAt(stationId, 1))?.status === status, `${stationId} ${status} in Ladepay`);

  // Both feeds read whole, each into a reader's copy of its own: every OCPI
  // page, and the DATEX II table and status, valid against the profile.
  async function wholeReads(): Promise<{ datex: Datex2Copy; ocpi: OcpiCopy; index: StaticIndex; pulledAt: string }> {
    const at = new Date().toISOString();
    const o = new OcpiCopy();
    const locations = await ap.pull(`${ocpiUrl('locations')}?limit=2`);
    expect(locations.pages.length).toBe(2);
    o.takeLocations(locations.objects);
    const tariffs = await ap.pull(`${ocpiUrl('tariffs')}?limit=1`);
    expect(tariffs.pages.length).toBeGreaterThan(1);
    o.takeTariffs(tariffs.objects);
    const d = new Datex2Copy();
    const table = await datex2('table');
    const status = await datex2('status');
    expect(validTable(table)).toEqual([]);
    const rules = tableRules(table);
    expect(rules.problems).toEqual([]);
    expect(validStatus(status)).toEqual([]);
    expect(statusRules(status, rules.index)).toEqual([]);
    d.takeTable(table);
    d.takeStatus(status);
    return { datex: d, ocpi: o, index: rules.index, pulledAt: at };
  }

  const point = (facts: FeedFacts, evseId: string) => facts.points.find((p) => p.evseId === evseId);

  beforeAll(async () => {
    // The demo's own prices as the operator-wide tariff: 4.99 kr/kWh, an idle fee after 30 min.
    sys = await startSystem({ dialect, tariff: aTariff({ perKwhOre: 499, idlePerMinuteOre: 100, idleGraceMinutes: 30, idleCapOre: 10_000 }), env: { OCPI_PARTY_ID: 'LDP', SUPPORT_PHONE: '+47 22 12 34 56' } });
    stations = new StationStore(sys.database.db);
    await seedDemo(sys.database.db, loadConfig({ DEMO_STATIONS: '3' }, 'demo'), new Date());
    const owner = (await new ApiTokenStore(sys.database.db).create('setup', new Date(), 'owner')).token;
    api = async (method, path, body) => {
      const res = await fetch(`${sys.ladepay.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${owner}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
      const json = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    // The test system's own site made complete, a 2.0.1 station on it with its second connector disabled.
    await api('PATCH', '/sites/site', { city: 'Oslo', postalCode: '0150', coordinates: { latitude: '59.9069', longitude: '10.7533' }, openingHours: { twentyFourSeven: true }, parkingType: 'PARKING_LOT' });
    await sys.addStation('SITE-1', 'ocpp2.0.1', 'SITEA1', ['SITEA2']);
    for (const id of ['SITE-1-1', 'SITE-1-2']) await api('PATCH', `/connectors/${id}`, { maxVoltage: 500, maxAmperage: 125 });
    await api('PATCH', '/connectors/SITE-1-2', { disabled: true });
    // A site in Bergen open on weekdays, with an AC and a DC point on a station never connected.
    await api('POST', '/sites', { id: 'fjord', name: 'Fjordlading', address: 'Kaien 2', city: 'Bergen', postalCode: '5003', coordinates: { latitude: '60.397512', longitude: '5.324108' }, openingHours: { twentyFourSeven: false, regularHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, periodBegin: '07:00', periodEnd: '22:00' })) }, parkingType: 'ON_STREET' });
    await api('POST', '/stations', { id: 'FJORD-1', name: 'Kaien', siteId: 'fjord', connectors: [{ type: 'Type2', maxPowerW: 22_000 }, { type: 'CCS', maxPowerW: 150_000, maxVoltage: 920, maxAmperage: 200, cardTerminal: true }] });
    const prices = { perKwhOre: 459, startFeeOre: 1000, idlePerMinuteOre: 150, idleGraceMinutes: 15, idleCapOre: 10_000 };
    await api('POST', '/tariffs', {
      name: 'Fjord',
      siteId: 'fjord',
      ...prices,
      periods: [
        { days: [day(0), day(1)], from: '00:00', to: '24:00', ...prices, perKwhOre: 590, startFeeOre: 0 },
        { days: [day(3)], from: '17:00', to: '21:00', ...prices, perKwhOre: 690 },
        { days: [day(4)], from: '22:00', to: '06:00', ...prices, perKwhOre: 390 },
      ],
    });
    // A time fee on the demo's 50 kW charger: 12.34 kr an hour is 0.2057 kr a minute in DATEX II.
    await api('POST', '/tariffs', { name: 'Tid', connectorId: 'DEMO-01-1', perKwhOre: 333, perHourOre: 1234 });

    const sharing = await ocpiSharingOf(sys);
    ap = await startAccessPoint();
    const tokenA = await sharing.admin.createTokenA('Test access point');
    if (!tokenA.ok) throw new Error(tokenA.problem);
    expect((await ap.registerWith(`${sys.ladepay.url}/ocpi/versions`, tokenA.token)).json).toMatchObject({ status_code: 1000 });

    demo01 = await sys.connect('DEMO-01', 'ocpp1.6', { password: DEMO_STATION_PASSWORD });
    const demo02 = await sys.connect('DEMO-02', 'ocpp2.1', { password: DEMO_STATION_PASSWORD });
    const demo03 = await sys.connect('DEMO-03', 'ocpp1.6', { password: DEMO_STATION_PASSWORD });
    await sys.connect('SITE-1', 'ocpp2.0.1', { connectors: 2 });
    await stored('DEMO-01', 'available');
    await demo02.plugIn(1);
    await stored('DEMO-02', 'occupied');
    await demo03.setFault(1, 'GroundFailure');
    await stored('DEMO-03', 'faulted');
    await stored('SITE-1', 'available');
  });
  afterAll(async () => {
    await ap?.stop();
    await sys?.stop();
  });

  it('say the same of every site and point: place, hours, connectors, power, status and price', async () => {
    ({ datex, ocpi, pulledAt } = await wholeReads());
    const facts = datex.facts();
    expect(facts).toEqual(ocpi.facts(new Date()));
    expect(facts.sites.map((s) => s.id)).toEqual(['demo', 'fjord', 'site']);
    expect(facts.sites.find((s) => s.id === 'fjord')).toMatchObject({ address: 'Kaien 2', postalCode: '5003', city: 'Bergen', country: 'NO', latitude: '60.397512', longitude: '5.324108', hours: ['1 07:00-22:00', '2 07:00-22:00', '3 07:00-22:00', '4 07:00-22:00', '5 07:00-22:00'] });
    // Each point's status as the stations made it, in each format's words (docs/feed-mapping.md, "The status").
    const statuses = new Map([...datex.statuses].map(([idG, s]) => [datex.evseIdOf(idG), s.status]));
    const byStatus = facts.points.map((p) => `${p.siteId} ${p.evseId} ${p.status} ${statuses.get(p.evseId) ?? ''}`).sort();
    expect(byStatus).toEqual([
      'demo NO*LDP*EDEMO01 AVAILABLE available',
      'demo NO*LDP*EDEMO02 CHARGING occupied',
      'demo NO*LDP*EDEMO03 OUTOFORDER faulted',
      expect.stringMatching(/^fjord NO\*LDP\*E\w+ UNKNOWN unknown$/),
      expect.stringMatching(/^fjord NO\*LDP\*E\w+ UNKNOWN unknown$/),
      'site NO*LDP*ESITEA1 AVAILABLE available',
      'site NO*LDP*ESITEA2 INOPERATIVE unavailable',
    ]);
    // Every kind of fact was compared: AC and DC, each price, a period's price now beside the base.
    expect(new Set(facts.points.map((p) => p.current))).toEqual(new Set(['AC', 'DC']));
    expect(point(facts, 'NO*LDP*EDEMO01')?.priceNow).toEqual({ perKwhOre: 333, startFeeOre: 0, perHourOre: 1234, idlePerMinuteOre: 0, vatPercent: 25 });
    expect(point(facts, 'NO*LDP*EDEMO02')?.priceNow).toEqual({ perKwhOre: 499, startFeeOre: 0, perHourOre: 0, idlePerMinuteOre: 100, vatPercent: 25 });
    const fjord = facts.points.filter((p) => p.siteId === 'fjord');
    expect(fjord.map((p) => [p.priceNow?.perKwhOre, p.basePrice?.perKwhOre, p.basePrice?.startFeeOre, p.basePrice?.idlePerMinuteOre])).toEqual([
      [590, 459, 1000, 150],
      [590, 459, 1000, 150],
    ]);
  });

  it('show a new status on a 1.6 station and a new price as changes, and still agree', async () => {
    await demo01.plugIn(1);
    await stored('DEMO-01', 'preparing');
    // A new price on the 2.0.1 station's first connector, at another site than the status.
    await api('POST', '/tariffs', { name: 'Lyn', connectorId: 'SITE-1-1', perKwhOre: 690, startFeeOre: 500, perHourOre: 600 });

    // Each format's changes hold what changed, and may hold more ("now and then
    // something unchanged", docs/feed-mapping.md): the whole reads below check it all.
    // DATEX II: the table since holds the site whose static data changed, the status since both stations.
    const table = await datex2(`table?since=${encodeURIComponent(datex.tableTime)}`);
    const status = await datex2(`status?since=${encodeURIComponent(datex.statusTime)}`);
    expect(validTable(table)).toEqual([]);
    expect(validStatus(status)).toEqual([]);
    expect(JSON.stringify(status)).toContain('"deltaPull"');
    expect(datex.takeTable(table)).toContain('site');
    const changed = datex.takeStatus(status);
    expect(changed.get('NO*LDP*EDEMO01')?.status).toBe('occupied');
    expect(changed.get('NO*LDP*ESITEA1')?.priceNow).toEqual({ perKwhOre: 690, startFeeOre: 500, perHourOre: 600, idlePerMinuteOre: 0, vatPercent: 25 });

    // OCPI: the Locations and Tariffs changed from the last pull on, every page.
    const locations = await ap.pull(`${ocpiUrl('locations')}?limit=1&date_from=${encodeURIComponent(pulledAt)}`);
    expect(ocpi.takeLocations(locations.objects)).toEqual(expect.arrayContaining(['demo', 'site']));
    const tariffs = await ap.pull(`${ocpiUrl('tariffs')}?limit=1&date_from=${encodeURIComponent(pulledAt)}`);
    // The new price only: the copy's facts below need it (a Connector naming a Tariff never pulled is an error).
    expect(ocpi.takeTariffs(tariffs.objects)).toHaveLength(1);

    // What each reader now holds agrees, shows the changes, and is what a whole read of either says.
    const facts = datex.facts();
    expect(facts).toEqual(ocpi.facts(new Date()));
    expect(point(facts, 'NO*LDP*EDEMO01')?.status).toBe('CHARGING');
    expect(point(facts, 'NO*LDP*ESITEA1')).toMatchObject({ status: 'AVAILABLE', priceNow: { perKwhOre: 690, startFeeOre: 500, perHourOre: 600 }, basePrice: { perKwhOre: 690 } });
    const whole = await wholeReads();
    expect(statusRules(status, whole.index)).toEqual([]);
    expect(whole.datex.facts()).toEqual(facts);
    expect(whole.ocpi.facts(new Date())).toEqual(facts);
  });
});
