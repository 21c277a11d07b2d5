import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';

// What the charger feeds need, through the REST API over real HTTP: sites and
// connectors created and changed with their feed data, a bad value refused
// with 400 naming the field and nothing written, and a site's feed status.

let sys: TestSystem;
let token: string;

type Json = Record<string, unknown> & { error?: string; message?: string };

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${sys.ladepay.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Json };
}

// Refused with 400, the message naming the field, and the site or connector as it was.
async function refused(method: string, path: string, body: unknown, field: RegExp, readBack: string): Promise<void> {
  const before = await call('GET', readBack);
  const r = await call(method, path, body);
  expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
  expect(r.json.error).toBe('bad_request');
  expect(r.json.message).toMatch(field);
  expect(await call('GET', readBack)).toEqual(before);
}

const bryggen = {
  city: 'Bergen',
  postalCode: '5003',
  coordinates: { latitude: '60.3975', longitude: '5.3241' },
  openingHours: { twentyFourSeven: false, regularHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, periodBegin: '07:00', periodEnd: '22:00' })) },
  parkingType: 'ON_STREET',
  parkingRestrictions: ['EV_ONLY'],
  facilities: ['MUSEUM', 'CAFE'],
};

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect(), env: { OCPI_PARTY_ID: 'TST', SUPPORT_PHONE: '+4791234567' } });
  token = (await new ApiTokenStore(sys.ladepay.database.db).create('feeds', new Date())).token;
});
afterAll(async () => sys?.stop());

describe('sites with their feed data', () => {
  it('creates a site with every field, coordinates kept with six decimals, Norway and its time zone by default', async () => {
    const made = await call('POST', '/sites', { id: 'bryggen', name: 'Bryggen', address: 'Bryggen 1', ...bryggen, ownerName: 'Bryggen Eiendom AS' });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({
      ...bryggen,
      coordinates: { latitude: '60.397500', longitude: '5.324100' },
      country: 'NO',
      timeZone: 'Europe/Oslo',
      facilities: ['CAFE', 'MUSEUM'],
      ownerName: 'Bryggen Eiendom AS',
    });
    expect((await call('GET', '/sites/bryggen')).json).toEqual(made.json);
  });

  it('changes only what a PATCH names, and clears what it sets to null', async () => {
    const changed = await call('PATCH', '/sites/bryggen', { openingHours: { twentyFourSeven: true }, ownerName: null, parkingType: 'PARKING_GARAGE' });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ city: 'Bergen', postalCode: '5003', openingHours: { twentyFourSeven: true }, ownerName: null, parkingType: 'PARKING_GARAGE' });
  });

  it('refuses a bad value with 400 naming the field, and changes nothing', async () => {
    await refused('PATCH', '/sites/bryggen', { postalCode: '50031' }, /^body\/postalCode: a Norwegian postal code is 4 digits/, '/sites/bryggen');
    await refused('PATCH', '/sites/bryggen', { coordinates: { latitude: '91', longitude: '5.3' } }, /^body\/coordinates\/latitude: /, '/sites/bryggen');
    await refused('PATCH', '/sites/bryggen', { coordinates: { latitude: '60.1234567', longitude: '5.3' } }, /^body\/coordinates\/latitude: .*at most 6 decimals/, '/sites/bryggen');
    await refused('PATCH', '/sites/bryggen', { country: 'XX' }, /^body\/country: /, '/sites/bryggen');
    await refused('PATCH', '/sites/bryggen', { timeZone: 'Europe/Bergen' }, /^body\/timeZone: /, '/sites/bryggen');
    await refused('PATCH', '/sites/bryggen', { openingHours: { regularHours: [{ weekday: 1, periodBegin: '22:00', periodEnd: '06:00' }] } }, /^body\/openingHours: Monday: a period ends after it begins/, '/sites/bryggen');
    await refused('PATCH', '/sites/bryggen', { parkingType: 'GARAGE' }, /body\/parkingType/, '/sites/bryggen');
    await refused('PATCH', '/sites/bryggen', { facilities: ['SAUNA'] }, /body\/facilities/, '/sites/bryggen');
    await refused('PATCH', '/sites/bryggen', { coordinates: { latitude: 60.4, longitude: 5.3 } }, /body\/coordinates\/latitude/, '/sites/bryggen');
    const made = await call('POST', '/sites', { id: 'bad', name: 'Bad', postalCode: 'abcd' });
    expect(made.status).toBe(400);
    expect(made.json.message).toMatch(/^body\/postalCode: /);
    expect((await call('GET', '/sites/bad')).status).toBe(404);
  });
});

describe('connectors with their feed data', () => {
  it('adds a station whose connectors carry what is given and their type’s defaults for the rest', async () => {
    const made = await call('POST', '/stations', {
      id: 'BRY-1',
      name: 'Bryggen 1',
      siteId: 'bryggen',
      connectors: [
        { type: 'CCS', maxPowerW: 150_000, maxVoltage: 920, maxAmperage: 200, cardTerminal: true },
        { type: 'Type2', maxPowerW: 22_000 },
      ],
    });
    expect(made.status).toBe(201);
    const connectors = (made.json.station as { connectors: unknown[] }).connectors;
    expect(connectors).toEqual([
      expect.objectContaining({ standard: 'IEC_62196_T2_COMBO', format: 'CABLE', powerType: 'DC', maxVoltage: 920, maxAmperage: 200, maxPowerW: 150_000, cardTerminal: true, evseId: null }),
      expect.objectContaining({ standard: 'IEC_62196_T2', format: 'SOCKET', powerType: 'AC_3_PHASE', maxVoltage: 230, maxAmperage: 32, cardTerminal: false }),
    ]);
    const added = await call('POST', '/stations/BRY-1/connectors', { type: 'CHAdeMO', maxPowerW: 50_000, maxVoltage: 500, maxAmperage: 125 });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ connectorNo: 3, standard: 'CHADEMO', maxVoltage: 500 });
  });

  it('changes a connector’s feed data, and a new type brings its own', async () => {
    expect((await call('PATCH', '/connectors/BRY-1-1', { standard: 'IEC_62196_T1_COMBO', cardTerminal: false })).json).toMatchObject({ standard: 'IEC_62196_T1_COMBO', maxVoltage: 920, cardTerminal: false });
    expect((await call('PATCH', '/connectors/BRY-1-3', { type: 'Type2', maxPowerW: 11_000 })).json).toMatchObject({ type: 'Type2', standard: 'IEC_62196_T2', powerType: 'AC_3_PHASE', maxVoltage: 230, maxAmperage: 16 });
  });

  it('refuses feed data that does not fit, naming the field, and changes nothing', async () => {
    await refused('PATCH', '/connectors/BRY-1-2', { maxAmperage: 16 }, /^body\/maxAmperage: the power is more than the voltage and amperage allow \(11\.1 kW\)/, '/connectors/BRY-1-2');
    await refused('PATCH', '/connectors/BRY-1-2', { powerType: 'DC' }, /^body\/powerType: DC is not what a Type2 connector is/, '/connectors/BRY-1-2');
    await refused('PATCH', '/connectors/BRY-1-2', { maxVoltage: 10 }, /^body\/maxVoltage: a whole number from 50 to 1500/, '/connectors/BRY-1-2');
    await refused('PATCH', '/connectors/BRY-1-2', { format: 'PLUG' }, /body\/format/, '/connectors/BRY-1-2');
    await refused('POST', '/stations', { id: 'BRY-2', name: 'Bryggen 2', siteId: 'bryggen', connectors: [{ type: 'Type2', maxPowerW: 22_000 }, { type: 'CCS', maxPowerW: 50_000, standard: 'CHADEMO' }] }, /^body\/connectors\/1\/standard: /, '/stations/BRY-1');
    expect((await call('GET', '/stations/BRY-2')).status).toBe(404);
  });
});

describe("a site's feed status", () => {
  it('names what is missing, then is complete with the EVSE ids made, which stay', async () => {
    const before = await call('GET', '/sites/site/feed');
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({ siteId: 'site', complete: false, operator: { countryCode: 'NO', partyId: 'TST', helpLine: '+47 912 34 567' } });
    expect(before.json.missing).toEqual([
      { scope: 'site', field: 'coordinates' },
      { scope: 'site', field: 'city' },
      { scope: 'site', field: 'postalCode' },
      { scope: 'site', field: 'openingHours' },
      { scope: 'site', field: 'parkingType' },
      { scope: 'site', field: 'connectors' },
    ]);
    const bryggenFeed = await call('GET', '/sites/bryggen/feed');
    expect(bryggenFeed.json).toMatchObject({ complete: true, missing: [] });
    expect(bryggenFeed.json.evses).toEqual([
      { connectorId: 'BRY-1-1', code: expect.any(String), evseId: expect.stringMatching(/^NO\*TST\*E[A-Z0-9]{4,12}$/) },
      { connectorId: 'BRY-1-2', code: expect.any(String), evseId: expect.stringMatching(/^NO\*TST\*E/) },
      { connectorId: 'BRY-1-3', code: expect.any(String), evseId: expect.stringMatching(/^NO\*TST\*E/) },
    ]);
    const ids = (bryggenFeed.json.evses as Array<{ code: string; evseId: string }>).map((e) => [e.evseId, `NO*TST*E${e.code}`]);
    for (const [made, expected] of ids) expect(made).toBe(expected);
    expect((await call('GET', '/connectors/BRY-1-1')).json.evseId).toBe(ids[0]?.[0]);
    expect((await call('GET', '/sites/nowhere/feed')).status).toBe(404);
  });
});
