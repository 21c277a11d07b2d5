import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { ConsoleClient } from './console-client.ts';

// A site's feed data in the console over real HTTP: its page says what a
// charger feed still misses ("Not shared: missing …", in English and bokmål)
// until it is complete, the site and connector forms take the data, and a bad
// value is refused on the form with what was typed kept.

const ADMIN = { email: 'drift@example.no', password: 'correct-horse-battery' };

let sys: TestSystem;

async function loggedIn(headers: Record<string, string> = {}): Promise<ConsoleClient> {
  const client = new ConsoleClient(sys.ladepay.url, headers);
  expect((await client.login(ADMIN.email, ADMIN.password)).status).toBe(303);
  return client;
}

// The status line's text, tags and entities undone.
function statusLine(page: string): string {
  const m = /<p id="feed-status"[^>]*>([^<]*)<\/p>/.exec(page);
  return (m?.[1] ?? '').replace(/&#39;/g, "'");
}

const siteForm = {
  name: 'Testgata lading',
  address: 'Testgata 1, 0150 Oslo',
  city: 'Oslo',
  postalCode: '0150',
  country: 'NO',
  latitude: '59,9127',
  longitude: '10.7461',
  timeZone: 'Europe/Oslo',
  'hours-1': '07:00–22:00',
  'hours-2': '07:00-22:00',
  'hours-3': '7:00-22:00',
  'hours-4': '07:00–22:00',
  'hours-5': '07:00–22:00',
  'hours-6': '10:00–16:00',
  'hours-7': '',
  parkingType: 'PARKING_LOT',
  'r-EV_ONLY': 'on',
  'f-CAFE': 'on',
  ownerName: '',
};

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect(), env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, OCPI_PARTY_ID: 'TST' } });
});
afterAll(async () => sys?.stop());

describe("a site's feed data in the console", () => {
  it('says what a new site misses, in English and in bokmål', async () => {
    const en = await loggedIn();
    const page = await en.get('/console/sites/site');
    expect(page.status).toBe(200);
    expect(statusLine(page.text)).toBe('Not shared: missing coordinates, city, postal code, opening hours, parking type, connectors');
    const nb = await loggedIn({ 'accept-language': 'nb-NO' });
    expect(statusLine((await nb.get('/console/sites/site')).text)).toBe('Deles ikke: mangler koordinater, poststed, postnummer, åpningstider, parkeringstype, kontakter');
    expect((await en.get('/console/sites')).text).toContain('<span class="badge warn">Not shared</span>');
  });

  it('refuses a bad postal code and hours on the form, keeping what was typed', async () => {
    const client = await loggedIn();
    const csrf = await client.csrf('/console/sites/site');
    const bad = await client.post('/console/sites/site', { _csrf: csrf, ...siteForm, postalCode: '01500', 'hours-7': 'closed' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Write the periods as 07:00–22:00, separated by commas.');
    expect(bad.text).toContain('value="closed"');
    const badCode = await client.post('/console/sites/site', { _csrf: csrf, ...siteForm, postalCode: '01500' });
    expect(badCode.status).toBe(400);
    expect(badCode.text).toContain('A Norwegian postal code is 4 digits.');
    expect(badCode.text).toContain('value="01500"');
    expect((await sys.ladepay.database.db.selectFrom('sites').select('postal_code').where('id', '=', 'site').executeTakeFirst())?.postal_code).toBeNull();
  });

  it('takes the site form, then names the connector that lacks its voltage and amperage', async () => {
    await sys.addStation('FD-1', 'ocpp1.6', 'FDAAAA');
    const client = await loggedIn();
    const saved = await client.post('/console/sites/site', { _csrf: await client.csrf('/console/sites/site'), ...siteForm });
    expect(saved.status).toBe(303);
    const page = (await client.get('/console/sites/site')).text;
    expect(statusLine(page)).toBe('Not shared: missing connector FDAAAA: max voltage, max amperage');
    expect(page).toContain('value="59.912700"');
    expect(page).toContain('value="07:00–22:00"');
    expect(page).toMatch(/name="r-EV_ONLY" checked/);
    const nb = await loggedIn({ 'accept-language': 'nb' });
    expect(statusLine((await nb.get('/console/sites/site')).text)).toBe('Deles ikke: mangler kontakt FDAAAA: maks spenning, maks strøm');
  });

  it("takes a connector's voltage and amperage on the station page, refusing a pair that cannot give its power, and the site is complete", async () => {
    const client = await loggedIn();
    const csrf = await client.csrf('/console/stations/FD-1');
    const connector = { _csrf: csrf, type: 'CCS', power: '50', standard: 'IEC_62196_T2_COMBO', format: 'CABLE', powerType: 'DC' };
    const tooSmall = await client.post('/console/connectors/FD-1-1', { ...connector, maxVoltage: '400', maxAmperage: '100' });
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.text).toContain('The power is more than the voltage and amperage allow (40 kW)');
    expect(tooSmall.text).toContain('value="400"');
    const saved = await client.post('/console/connectors/FD-1-1', { ...connector, maxVoltage: '500', maxAmperage: '125', cardTerminal: 'on' });
    expect(saved.status).toBe(303);
    const page = (await client.get('/console/sites/site')).text;
    expect(statusLine(page)).toBe('Complete');
    expect(page).toContain('NO*TST*EFDAAAA');
    expect(statusLine((await (await loggedIn({ 'accept-language': 'nb' })).get('/console/sites/site')).text)).toBe('Komplett');
    expect((await client.get('/console/sites')).text).toContain('<span class="badge ok">Complete</span>');
    expect(await sys.ladepay.database.db.selectFrom('connectors').select(['max_voltage', 'max_amperage', 'card_terminal', 'evse_id']).where('id', '=', 'FD-1-1').executeTakeFirst()).toEqual({
      max_voltage: 500,
      max_amperage: 125,
      card_terminal: 1,
      evse_id: 'NO*TST*EFDAAAA',
    });
  });
});
