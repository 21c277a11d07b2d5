import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChargePoint } from '../../simulators/charge-point/charge-point.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { statusRules, tableRules } from '../support/datex2-profile-rules.ts';
import { datex2Validator } from '../support/datex2-validator.ts';
import { eventually } from '../support/eventually.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';

// The AFIR DATEX II feed over a real server with a simulated station: open
// without a login, both publications valid, a status change in the status
// feed at once, 304 for a reader who has it, 400 for a `since` that is no
// time, and a limit per client address.
describe('the DATEX II feed', () => {
  let sys: TestSystem;
  let cp: ChargePoint;
  let stations: StationStore;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${sys.ladepay.url}/datex2/v3/${path}`, { headers });
  const json = async (path: string) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    return (await res.json()) as unknown;
  };
  const pointStatus = async (since?: string) => {
    const body = JSON.stringify(await json(`status${since ? `?since=${encodeURIComponent(since)}` : ''}`));
    return /"status":\{"value":"([a-zA-Z]+)"\}/.exec(body)?.[1];
  };

  // Ladepay has taken the station's report in: from then on the feed says it,
  // so each check asks the feed once (the feed's own limit counts requests).
  const stored = (status: string) => eventually(async () => (await stations.connectorAt('CP-FEED', 1))?.status === status, `the connector ${status} in Ladepay`);

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect(), env: { OCPI_PARTY_ID: 'LDP', SUPPORT_PHONE: '+47 22 12 34 56' } });
    stations = new StationStore(sys.database.db);
    await stations.updateSite('site', {
      city: 'Oslo',
      postalCode: '0150',
      coordinates: { latitude: '59.907400', longitude: '10.721900' },
      openingHours: { twentyFourSeven: true },
      parkingType: 'PARKING_LOT',
    });
    await sys.addStation('CP-FEED', 'ocpp1.6', 'FEED01');
    await stations.updateConnector('CP-FEED-1', { maxVoltage: 500, maxAmperage: 125 });
    cp = await sys.connect('CP-FEED', 'ocpp1.6');
  });
  afterAll(async () => sys?.stop());

  it('publishes the table and the status, open, valid against the profile’s schemas and rules', async () => {
    const tableRes = await get('table');
    expect(tableRes.status).toBe(200);
    expect(tableRes.headers.get('content-type')).toMatch(/^application\/json/);
    expect(tableRes.headers.get('cache-control')).toBe('public, max-age=300');
    const table = (await tableRes.json()) as unknown;
    expect(datex2Validator('table')(table)).toEqual([]);
    const { problems, index } = tableRules(table);
    expect(problems).toEqual([]);
    expect(JSON.stringify(table)).toContain('"NO*LDP*EFEED01"');
    const status = await json('status');
    expect(datex2Validator('status')(status)).toEqual([]);
    expect(statusRules(status, index)).toEqual([]);
    await stored('available');
    expect(await pointStatus()).toBe('available');
  });

  it('shows a connector’s new status at once, in full and as a delta since a moment before', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    await cp.plugIn(1);
    await stored('preparing');
    expect(await pointStatus()).toBe('occupied');
    expect(await pointStatus(before)).toBe('occupied');
    await cp.setFault(1, 'GroundFailure');
    await stored('faulted');
    expect(await pointStatus()).toBe('faulted');
    const delta = await json(`status?since=${encodeURIComponent(before)}`);
    expect(datex2Validator('status')(delta)).toEqual([]);
    expect(JSON.stringify(delta)).toContain('"deltaPull"');
  });

  it('answers 304 to a reader that has the current data, and the new data once it changes', async () => {
    const first = await get('status');
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=30');
    const again = await get('status', { 'if-none-match': tag! });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(tag);
    expect(await again.text()).toBe('');
    await cp.clearFault(1);
    await eventually(async () => (await stations.connectorAt('CP-FEED', 1))?.status !== 'faulted', 'the fault cleared in Ladepay');
    const changed = await get('status', { 'if-none-match': tag! });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
  });

  it('shows a change the station stamped a little behind Ladepay’s clock in a delta since a moment before it came', async () => {
    // Ladepay's clock 5 s ahead of the station's (within the tolerance, so the stamp orders the reports).
    await sys.advance(5000);
    // A millisecond before now: `since` is exclusive, and Ladepay may record the change within the same millisecond.
    const mark = new Date(sys.now().getTime() - 1).toISOString();
    expect(cp.now().toISOString() < mark).toBe(true);
    await cp.setFault(1, 'HighTemperature');
    await stored('faulted');
    expect(await pointStatus(mark)).toBe('faulted');
  });

  it('refuses a `since` that is no date-time with its offset', async () => {
    for (const since of ['yesterday', '2026-03-02', '2026-03-02T08:00:00', '2026-13-02T08:00:00Z']) {
      const res = await get(`status?since=${encodeURIComponent(since)}`);
      expect(res.status, since).toBe(400);
      expect(await res.json()).toEqual({ error: 'bad_request', message: expect.stringContaining('since must be') });
    }
    expect((await get('table?since=2026-03-02T09:00:00%2B01:00')).status).toBe(200);
    // Nothing changed since a time to come: no table to publish.
    expect((await get(`table?since=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).status).toBe(204);
  });

  it('limits how often one address asks', async () => {
    let refused: Response | undefined;
    for (let i = 0; i < 70 && !refused; i++) {
      const res = await get('table');
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(200);
    }
    expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused?.json()).toEqual({ error: 'rate_limited', message: expect.stringContaining('Too many requests') });
    // The other route counts on its own.
    expect((await get('status')).status).toBe(200);
  });
});
