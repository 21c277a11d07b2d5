import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import type { OcpiSharing } from '../../src/composition/ocpi-sharing.ts';
import { eventually } from '../support/eventually.ts';
import { startAccessPoint, type AccessPoint, type OcpiAnswer } from '../support/ocpi-access-point.ts';
import { connectorProblems, evseProblems, locationProblems, tariffProblems } from '../support/ocpi-object-rules.ts';
import { ocpiSharingOf } from '../support/ocpi-sharing-of.ts';
import { pricesAt, type Moment } from '../support/ocpi-tariff-reader.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { testDialects } from '../support/test-database.ts';
import { landingPrices, weekdayInOslo } from './landing-prices.ts';

type Location = { id: string; last_updated: string; evses: Array<{ uid: string; evse_id: string; status: string; connectors: Array<{ id: string; tariff_ids: string[] }> }> };
type Tariff = { id: string; elements: Array<{ price_components: Array<{ type: string; price: number; vat?: number; step_size: number }>; restrictions?: Record<string, unknown> }> };

// Ladepay's Locations and Tariffs senders pulled by a test access point that
// registered with a Token A: every page followed by its Link, every object
// checked field by field against OCPI 2.2.1 and the Dutch NAP's mandatory
// fields, every tariff priced back to the landing page's price to the øre,
// and every bad query answered as OCPI says.
describe.each(testDialects())('OCPI Locations and Tariffs on %s', (dialect) => {
  let sys: TestSystem;
  let ocpi: OcpiSharing;
  let ap: AccessPoint;
  let api: (method: string, path: string, body?: unknown) => Promise<{ status: number; json: Record<string, unknown> }>;
  let url: (module: string) => string;
  // Periods on days other than today, so the price now is the base price whatever the hour.
  const today = weekdayInOslo(new Date());
  const day = (ahead: number) => ((today - 1 + ahead) % 7) + 1;

  beforeAll(async () => {
    sys = await startSystem({ dialect, env: { OCPI_PARTY_ID: 'LDP' } });
    ocpi = await ocpiSharingOf(sys);
    url = (module) => `${sys.ladepay.url}/ocpi/2.2.1/${module}`;
    const owner = (await new ApiTokenStore(sys.ladepay.database.db).create('setup', new Date(), 'owner')).token;
    api = async (method, path, body) => {
      const res = await fetch(`${sys.ladepay.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${owner}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const ok = async (method: string, path: string, body?: unknown) => {
      const r = await api(method, path, body);
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
      return r.json;
    };
    // The test system's own site, made complete; two DC connectors told their voltage and amperage.
    await ok('PATCH', '/sites/site', { city: 'Oslo', postalCode: '0150', coordinates: { latitude: '59.9069', longitude: '10.7533' }, openingHours: { twentyFourSeven: true }, parkingType: 'PARKING_LOT', parkingRestrictions: ['EV_ONLY'], facilities: ['CAFE'] });
    await sys.addStation('PULL-1', 'ocpp1.6', 'PULLA1', ['PULLA2']);
    for (const id of ['PULL-1-1', 'PULL-1-2']) await ok('PATCH', `/connectors/${id}`, { maxVoltage: 500, maxAmperage: 125 });
    // A second complete site with opening hours, an AC and a DC connector with a card terminal.
    await ok('POST', '/sites', { id: 'fjord', name: 'Fjordlading', address: 'Kaien 2', city: 'Bergen', postalCode: '5003', coordinates: { latitude: '60.3975', longitude: '5.3241' }, openingHours: { twentyFourSeven: false, regularHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, periodBegin: '07:00', periodEnd: '22:00' })) }, parkingType: 'ON_STREET', ownerName: 'Fjord Eiendom AS' });
    await ok('POST', '/stations', { id: 'PULL-2', name: 'Kaien', siteId: 'fjord', connectors: [{ type: 'Type2', maxPowerW: 22_000 }, { type: 'CCS', maxPowerW: 150_000, maxVoltage: 920, maxAmperage: 200, cardTerminal: true }] });
    // A site that is not complete: never shared.
    await ok('POST', '/sites', { id: 'half', name: 'Halvferdig', address: 'Et sted 1' });
    await ok('POST', '/stations', { id: 'PULL-3', name: 'Halv', siteId: 'half', connectors: [{ type: 'Type2', maxPowerW: 11_000 }] });
    // Three tariffs in use: the system's base (t1), the site's with a start fee, an idle fee and two periods (one past midnight), and one connector's with a time fee.
    await ok('POST', '/tariffs', {
      name: 'Fjord',
      siteId: 'fjord',
      perKwhOre: 459,
      startFeeOre: 1000,
      idlePerMinuteOre: 100,
      idleGraceMinutes: 30,
      idleCapOre: 10_000,
      periods: [
        { days: [day(2)], from: '17:00', to: '21:00', perKwhOre: 590, startFeeOre: 1000, idlePerMinuteOre: 100, idleGraceMinutes: 30, idleCapOre: 10_000 },
        { days: [day(3)], from: '22:00', to: '06:00', perKwhOre: 390, startFeeOre: 0, idlePerMinuteOre: 100, idleGraceMinutes: 30, idleCapOre: 10_000 },
      ],
    });
    await ok('POST', '/tariffs', { name: 'Timed', connectorId: 'PULL-1-2', perKwhOre: 333, perHourOre: 6000 });

    ap = await startAccessPoint();
    const tokenA = await ocpi.admin.createTokenA('Test access point');
    if (!tokenA.ok) throw new Error(tokenA.problem);
    expect((await ap.registerWith(`${sys.ladepay.url}/ocpi/versions`, tokenA.token)).json).toMatchObject({ status_code: 1000 });
  });
  afterAll(async () => {
    await ap?.stop();
    await sys?.stop();
  });

  it('pulls every Location one page at a time by following Link, each checked field by field; an incomplete site is not shared', async () => {
    const { objects, pages } = await ap.pull(`${url('locations')}?limit=1`);
    expect(pages.length).toBe(2);
    for (const [i, page] of pages.entries()) {
      expect(page.headers.get('x-total-count')).toBe('2');
      expect(page.headers.get('x-limit')).toBe('1');
      expect(page.headers.get('ocpi-from-country-code')).toBe('NO');
      expect(page.headers.get('ocpi-from-party-id')).toBe('LDP');
      expect(page.headers.get('ocpi-to-party-id')).toBe('NDW');
      expect(page.json).toMatchObject({ status_code: 1000, timestamp: expect.any(String) });
      expect(page.headers.get('link') === null).toBe(i === pages.length - 1);
    }
    expect(pages[0]?.headers.get('link')).toBe(`<${sys.ladepay.publicUrl}/ocpi/2.2.1/locations?offset=1&limit=1>; rel="next"`);
    const locations = objects as Location[];
    expect(locations.map((l) => l.id)).toEqual(['fjord', 'site']);
    for (const l of locations) expect(locationProblems(l, l.id)).toEqual([]);
    expect(locations.map((l) => l.evses.map((e) => e.evse_id))).toEqual([
      [expect.stringMatching(/^NO\*LDP\*E[A-Z0-9]+$/), expect.stringMatching(/^NO\*LDP\*E[A-Z0-9]+$/)],
      ['NO*LDP*EPULLA1', 'NO*LDP*EPULLA2'],
    ]);
    // Stations never connected: no status known.
    expect(locations.flatMap((l) => l.evses.map((e) => e.status))).toEqual(['UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN']);
    // The trailing slash of the spec's examples answers the same.
    expect((await ap.call('GET', `${url('locations')}/`)).json.data).toEqual(locations);
  });

  it('lowers a limit above its maximum and says so in X-Limit; pages past the end are empty', async () => {
    const big = await ap.call('GET', `${url('locations')}?limit=1000`);
    expect(big.headers.get('x-limit')).toBe('50');
    expect(big.headers.get('link')).toBeNull();
    expect((big.json.data as unknown[]).length).toBe(2);
    const none = await ap.call('GET', `${url('locations')}?offset=5`);
    expect(none.json).toMatchObject({ status_code: 1000, data: [] });
    expect(none.headers.get('x-total-count')).toBe('2');
    expect(none.headers.get('link')).toBeNull();
  });

  it('filters on last_updated, date_from inclusive and date_to exclusive, and keeps the filters in Link', async () => {
    const all = (await ap.call('GET', url('locations'))).json.data as Location[];
    const times = all.map((l) => l.last_updated).sort();
    const [first = '', last = ''] = [times[0], times.at(-1)];
    const count = async (query: string) => ((await ap.call('GET', `${url('locations')}?${query}`)).json.data as unknown[]).length;
    expect(await count(`date_from=${first}`)).toBe(2);
    expect(await count(`date_to=${first}`)).toBe(0);
    expect(await count(`date_from=${new Date(Date.parse(last) + 1).toISOString()}`)).toBe(0);
    expect(await count(`date_from=2000-01-01T00:00:00&date_to=2999-01-01T00:00:00Z`)).toBe(2);
    const page = await ap.call('GET', `${url('locations')}?limit=1&date_from=2000-01-01T00:00:00Z`);
    expect(page.headers.get('link')).toBe(`<${sys.ladepay.publicUrl}/ocpi/2.2.1/locations?offset=1&limit=1&date_from=2000-01-01T00%3A00%3A00Z>; rel="next"`);
  });

  it('answers OCPI 2001 to a bad offset, limit or date', async () => {
    for (const query of ['limit=abc', 'limit=0', 'limit=-1', 'offset=-1', 'offset=1.5', 'date_from=yesterday', 'date_to=2025-01-01T00:00:00%2B01:00', 'date_from=2025-02-30T00:00:00Z', 'limit=1&limit=2']) {
      for (const module of ['locations', 'tariffs']) {
        const r = await ap.call('GET', `${url(module)}?${query}`);
        expect(r.status, `${module}?${query}`).toBe(200);
        expect(r.json, `${module}?${query}`).toMatchObject({ status_code: 2001, status_message: expect.any(String) });
        expect(r.json.data).toBeUndefined();
      }
    }
  });

  it('answers one Location, EVSE or Connector (case-insensitively), and 404 with OCPI 2003 for an unknown one', async () => {
    const fjord = (await ap.call('GET', `${url('locations')}/fjord`)).json.data as Location;
    expect(locationProblems(fjord)).toEqual([]);
    expect((await ap.call('GET', `${url('locations')}/FJORD`)).json.data).toEqual(fjord);
    const evse = fjord.evses[1]!;
    const one = await ap.call('GET', `${url('locations')}/fjord/${evse.uid}`);
    expect(one.json.data).toEqual(evse);
    expect(evseProblems(one.json.data)).toEqual([]);
    const connector = await ap.call('GET', `${url('locations')}/fjord/${evse.uid.toLowerCase()}/1`);
    expect(connector.json.data).toEqual(evse.connectors[0]);
    expect(connectorProblems(connector.json.data)).toEqual([]);
    for (const path of ['nowhere', 'half', `fjord/NOPE`, `fjord/${evse.uid}/2`, `site/${evse.uid}`, `nowhere/${evse.uid}/1`]) {
      const r = await ap.call('GET', `${url('locations')}/${path}`);
      expect(r.status, path).toBe(404);
      expect(r.json, path).toMatchObject({ status_code: 2003 });
    }
  });

  it('pulls every Tariff, each checked field by field, each referenced by a connector and priced back to its landing page to the øre', async () => {
    const { objects, pages } = await ap.pull(`${url('tariffs')}?limit=1`);
    expect(pages.length).toBe(3);
    expect(pages.map((p) => p.headers.get('x-total-count'))).toEqual(['3', '3', '3']);
    const tariffs = objects as Tariff[];
    for (const t of tariffs) expect(tariffProblems(t, t.id)).toEqual([]);
    const locations = (await ap.call('GET', url('locations'))).json.data as Location[];
    const used = new Map<string, string>(); // tariff id → an EVSE (its code) sold by it
    for (const e of locations.flatMap((l) => l.evses)) for (const id of e.connectors[0]?.tariff_ids ?? []) used.set(id, e.uid);
    expect([...used.keys()].sort()).toEqual(tariffs.map((t) => t.id).sort());

    const seen = { rows: 0, startFee: false, timeFee: false, idleFee: false };
    for (const t of tariffs) {
      const page = await landingPrices(`${sys.ladepay.url}/c/${used.get(t.id) ?? ''}`);
      seen.rows += page.schedule.length;
      seen.startFee ||= page.now.startFeeOre > 0;
      seen.timeFee ||= page.now.perHourOre > 0;
      seen.idleFee ||= page.now.idlePerMinuteOre > 0;
      const now = nowInOslo();
      expect(pricesAt(t, { ...now, durationSeconds: 0 }), `${t.id} now`).toEqual(page.now);
      // Each period of the week at its start, and the base at other times.
      for (const [i, row] of page.schedule.entries()) {
        const moment: Moment = row.period ? { weekday: row.period.weekday, time: row.period.from, durationSeconds: 0 } : { weekday: day(5), time: '12:00', durationSeconds: 0 };
        expect(pricesAt(t, moment), `${t.id} schedule row ${i}`).toEqual(row.prices);
      }
    }
    // Every kind of price was compared: both periods and the other times of the week, a start, a time and an idle fee.
    expect(seen).toEqual({ rows: 3, startFee: true, timeFee: true, idleFee: true });
    // The period past midnight holds into the next morning.
    const fjord = tariffs.find((t) => pricesAt(t, { weekday: day(4), time: '05:59', durationSeconds: 0 }).perKwhOre === 390);
    expect(fjord && pricesAt(fjord, { weekday: day(4), time: '06:00', durationSeconds: 0 }).perKwhOre).toBe(459);
  });

  it('shows a connected station’s EVSEs as AVAILABLE', async () => {
    await sys.connect('PULL-1', 'ocpp1.6', { connectors: 2 });
    await eventually(async () => {
      const site = (await ap.call('GET', `${url('locations')}/site`)).json.data as Location;
      return site.evses.every((e) => e.status === 'AVAILABLE');
    }, 'the connected station’s EVSEs AVAILABLE');
  });

  it('serves only registered partners: a hand-made partner’s pull token reads, a Token A, an unfinished or unregistered partner gets 401', async () => {
    const made = await ocpi.admin.addHandMade({ name: 'Dutch NAP', roles: [{ role: 'NAP', countryCode: 'NL', partyId: 'NDW' }] });
    if (!made.ok) throw new Error('not made');
    const read = (token: string): Promise<OcpiAnswer> => ap.call('GET', url('tariffs'), { token });
    expect((await read(made.token)).status).toBe(200);
    const tokenA = await ocpi.admin.createTokenA('later');
    if (!tokenA.ok) throw new Error('not made');
    expect((await read(tokenA.token)).status).toBe(401);
    const pending = await ocpi.partners.create({ name: 'pending', origin: 'we_registered', state: 'awaiting_handshake' }, 'access', new Date());
    expect((await read(pending.token)).status).toBe(401);
    expect((await ocpi.admin.unregister(made.partner.id)).ok).toBe(true);
    expect((await read(made.token)).status).toBe(401);
  });
});

function nowInOslo(): { weekday: number; time: string } {
  const at = new Date();
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return { weekday: weekdayInOslo(at), time };
}
