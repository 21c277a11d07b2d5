import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/adapters/security/password-hash.ts';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import type { Session } from '../../src/core/session/session.ts';
import { eventually } from '../support/eventually.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { chargeUntil } from './settled-session.ts';

// The REST API over real HTTP, every route with good and bad input: bad input
// gets a clear 4xx and changes nothing in the database.

let sys: TestSystem;
let token: string;
let settled: Session;
let charging: Session;
let toSettle: Session;

type Json = Record<string, unknown> & { error?: string; message?: string };

async function call(
  method: string,
  path: string,
  body?: unknown,
  auth: string | null = token,
  extra: Record<string, string> = {},
): Promise<{ status: number; json: Json; headers: Headers }> {
  const res = await fetch(`${sys.ladepay.url}/api/v1${path}`, {
    method,
    headers: { ...(auth !== null ? { authorization: `Bearer ${auth}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...extra },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Json, headers: res.headers };
}

// Rows of every table an API call may write, and the side effects queued (not
// their progress: the worker carries out earlier ones, some due only later),
// to compare before and after a refused call.
async function snapshot(): Promise<string> {
  const db = sys.ladepay.database.db;
  const [sites, stations, connectors, tariffs, sessions, outbox] = await Promise.all([
    db.selectFrom('sites').selectAll().orderBy('id').execute(),
    db.selectFrom('stations').selectAll().orderBy('id').execute(),
    db.selectFrom('connectors').selectAll().orderBy('id').execute(),
    db.selectFrom('tariffs').selectAll().orderBy('id').execute(),
    db.selectFrom('sessions').select(['id', 'state', 'version', 'data']).orderBy('id').execute(),
    db.selectFrom('outbox').select(['id', 'key']).orderBy('id').execute(),
  ]);
  return JSON.stringify({ sites, stations, connectors, tariffs, sessions, outbox });
}

async function refused(
  method: string,
  path: string,
  body: unknown,
  status: number,
  message: RegExp,
  auth: string | null = token,
  extra: Record<string, string> = {},
): Promise<void> {
  // What earlier calls set going (a receipt after a settlement) is done first,
  // so the snapshots differ only by what this call did.
  await sys.ladepay.outboxWorker.drain();
  const before = await snapshot();
  const r = await call(method, path, body, auth, extra);
  expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
  expect(typeof r.json.error).toBe('string');
  expect(r.json.message).toMatch(message);
  expect(await snapshot()).toBe(before);
}

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect() });
  token = (await new ApiTokenStore(sys.ladepay.database.db).create('bookkeeping', new Date())).token;
  for (const [id, code] of [
    ['API-1', 'APIAAA'],
    ['API-2', 'APIBBB'],
    ['API-3', 'APICCC'],
  ] as const) {
    await sys.addStation(id, 'ocpp1.6', code);
  }
  settled = await chargeUntil(sys, await sys.connect('API-1', 'ocpp1.6'), 'APIAAA', { minutes: 40, end: 'settled' });
  charging = await chargeUntil(sys, await sys.connect('API-2', 'ocpp1.6'), 'APIBBB', { minutes: 10, end: 'charging' });
  toSettle = await chargeUntil(sys, await sys.connect('API-3', 'ocpp1.6'), 'APICCC', { minutes: 10, end: 'charging' });
});
afterAll(async () => sys?.stop());

describe('authentication', () => {
  it('refuses a missing, malformed, wrong or revoked token with 401', async () => {
    await refused('GET', '/sites', undefined, 401, /API token is required/, null);
    await refused('GET', '/sites', undefined, 401, /not valid/, 'lp_wrong');
    const r = await fetch(`${sys.ladepay.url}/api/v1/sites`, { headers: { authorization: `Basic ${token}` } });
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer realm="ladepay"');
    const store = new ApiTokenStore(sys.ladepay.database.db);
    const made = await store.create('old', new Date());
    expect((await call('GET', '/sites', undefined, made.token)).status).toBe(200);
    await store.revoke(made.apiToken.id, new Date());
    await refused('GET', '/sites', undefined, 401, /not valid/, made.token);
    // A write without a token changes nothing either.
    await refused('POST', '/sites', { id: 'x', name: 'x' }, 401, /token/, null);
  });

  it('stores tokens only as hashes', async () => {
    const rows = await sys.ladepay.database.db.withTables<{ api_tokens: { token_hash: string } }>().selectFrom('api_tokens').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash.includes(token) || token.includes(r.token_hash))).toBe(false);
  });
});

describe('sites', () => {
  it('lists, gets, creates and changes sites', async () => {
    expect((await call('GET', '/sites')).json.sites).toEqual([expect.objectContaining({ id: 'site', name: 'Testgata lading', disabled: false })]);
    expect((await call('GET', '/sites/site')).json).toMatchObject({ id: 'site', address: 'Testgata 1, 0150 Oslo' });
    const made = await call('POST', '/sites', { id: 'bergen', name: 'Bryggen', address: 'Bryggen 1, 5003 Bergen' });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ id: 'bergen', name: 'Bryggen', disabled: false });
    const changed = await call('PATCH', '/sites/bergen', { disabled: true });
    expect(changed.json).toMatchObject({ id: 'bergen', disabled: true });
  });

  it('refuses bad input with a clear message', async () => {
    await refused('GET', '/sites/nope', undefined, 404, /No such site/);
    await refused('POST', '/sites', { id: 'trondheim' }, 400, /body must have required property 'name'/);
    await refused('POST', '/sites', { id: 'has space', name: 'x' }, 400, /body\/id must match pattern/);
    await refused('POST', '/sites', { id: 'tromso', name: 42 }, 400, /body\/name must be string/);
    await refused('POST', '/sites', { id: 'tromso', name: 'Tromsø', colour: 'blue' }, 400, /must NOT have additional properties/);
    await refused('POST', '/sites', { id: 'site', name: 'Again' }, 409, /exists already/);
    await refused('POST', '/sites', '{"id":', 400, /JSON/);
    await refused('PATCH', '/sites/site', {}, 400, /must NOT have fewer than 1 properties/);
    await refused('PATCH', '/sites/site', { disabled: 'yes' }, 400, /body\/disabled must be boolean/);
    await refused('PATCH', '/sites/nope', { name: 'x' }, 404, /No such site/);
  });
});

describe('stations and connectors', () => {
  it('adds a station and answers its OCPP password once', async () => {
    const r = await call('POST', '/stations', { id: 'API-NEW', name: 'Ny lader', siteId: 'site', connectors: [{ type: 'CCS', maxPowerW: 150_000 }, { type: 'Type2', maxPowerW: 22_000 }] });
    expect(r.status).toBe(201);
    const station = r.json.station as { connectors: Array<{ code: string; landingUrl: string; maxPowerW: number }> };
    expect(r.json.ocppUrl).toBe(`${sys.ladepay.publicUrl.replace('http', 'ws')}/ocpp/API-NEW`);
    expect(station.connectors.map((c) => c.maxPowerW)).toEqual([150_000, 22_000]);
    expect(station.connectors[0]?.landingUrl).toBe(`${sys.ladepay.publicUrl}/c/${station.connectors[0]?.code}`);
    const row = await sys.ladepay.database.db.selectFrom('stations').select('password_hash').where('id', '=', 'API-NEW').executeTakeFirstOrThrow();
    expect(await verifyPassword(r.json.password as string, row.password_hash)).toBe(true);
    // Never shown again.
    const got = await call('GET', '/stations/API-NEW');
    expect(got.json).not.toHaveProperty('password');
    expect(JSON.stringify(got.json)).not.toContain('scrypt');
    expect(((await call('GET', '/stations')).json.stations as unknown[]).length).toBe(4);
  });

  it('changes a station, gives it a new password and adds a connector', async () => {
    expect((await call('PATCH', '/stations/API-NEW', { name: 'Omdøpt', disabled: true })).json).toMatchObject({ name: 'Omdøpt', disabled: true });
    const pw = await call('POST', '/stations/API-NEW/password');
    expect(pw.status).toBe(200);
    const row = await sys.ladepay.database.db.selectFrom('stations').select('password_hash').where('id', '=', 'API-NEW').executeTakeFirstOrThrow();
    expect(await verifyPassword(pw.json.password as string, row.password_hash)).toBe(true);
    const c = await call('POST', '/stations/API-NEW/connectors', { type: 'CHAdeMO', maxPowerW: 50_000 });
    expect(c.status).toBe(201);
    expect(c.json).toMatchObject({ id: 'API-NEW-3', connectorNo: 3, type: 'CHAdeMO', status: 'unknown' });
    expect(c.json.code).toMatch(/^[2-9A-Z]{6}$/);
  });

  it('lists, gets and changes connectors', async () => {
    const all = (await call('GET', '/connectors?stationId=API-NEW')).json.connectors as Array<{ id: string }>;
    expect(all.map((c) => c.id)).toEqual(['API-NEW-1', 'API-NEW-2', 'API-NEW-3']);
    expect((await call('GET', '/connectors/API-1-1')).json).toMatchObject({ code: 'APIAAA', stationId: 'API-1' });
    expect((await call('PATCH', '/connectors/API-NEW-3', { disabled: true, maxPowerW: 62_500 })).json).toMatchObject({ disabled: true, maxPowerW: 62_500 });
  });

  it('refuses bad input with a clear message', async () => {
    await refused('GET', '/stations/nope', undefined, 404, /No such station/);
    await refused('POST', '/stations', { id: 'X1', name: 'x', siteId: 'site' }, 400, /required property 'connectors'/);
    await refused('POST', '/stations', { id: 'X1', name: 'x', siteId: 'site', connectors: [] }, 400, /must NOT have fewer than 1 items/);
    await refused('POST', '/stations', { id: 'X1', name: 'x', siteId: 'site', connectors: [{ type: 'Plug', maxPowerW: 22_000 }] }, 400, /must be equal to one of the allowed values/);
    await refused('POST', '/stations', { id: 'X1', name: 'x', siteId: 'site', connectors: [{ type: 'CCS', maxPowerW: 10 }] }, 400, /must be >= 1000/);
    await refused('POST', '/stations', { id: 'X1', name: 'x', siteId: 'site', connectors: [{ type: 'CCS', maxPowerW: '22000' }] }, 400, /must be integer/);
    await refused('POST', '/stations', { id: 'X1', name: 'x', siteId: 'nowhere', connectors: [{ type: 'CCS', maxPowerW: 22_000 }] }, 400, /no active site "nowhere"/);
    await refused('POST', '/stations', { id: 'X1', name: 'x', siteId: 'bergen', connectors: [{ type: 'CCS', maxPowerW: 22_000 }] }, 400, /no active site/);
    await refused('POST', '/stations', { id: 'a/b', name: 'x', siteId: 'site', connectors: [{ type: 'CCS', maxPowerW: 22_000 }] }, 400, /body\/id must match pattern/);
    await refused('POST', '/stations', { id: 'API-1', name: 'x', siteId: 'site', connectors: [{ type: 'CCS', maxPowerW: 22_000 }] }, 409, /exists already/);
    await refused('PATCH', '/stations/API-1', { siteId: 'nowhere' }, 400, /no site "nowhere"/);
    await refused('PATCH', '/stations/nope', { name: 'x' }, 404, /No such station/);
    await refused('POST', '/stations/nope/password', undefined, 404, /No such station/);
    await refused('POST', '/stations/API-1/connectors', { type: 'CCS' }, 400, /required property 'maxPowerW'/);
    await refused('POST', '/stations/nope/connectors', { type: 'CCS', maxPowerW: 22_000 }, 404, /No such station/);
    await refused('GET', '/connectors/nope', undefined, 404, /No such connector/);
    await refused('GET', '/connectors?colour=blue', undefined, 400, /querystring must NOT have additional properties/);
    await refused('PATCH', '/connectors/API-1-1', { maxPowerW: -5 }, 400, /must be >= 1000/);
    await refused('PATCH', '/connectors/nope', { disabled: true }, 404, /No such connector/);
  });
});

describe('tariffs', () => {
  it('lists, gets and creates tariffs', async () => {
    const list = (await call('GET', '/tariffs')).json.tariffs as Array<{ id: string }>;
    expect(list.map((t) => t.id)).toEqual(['t1']);
    expect((await call('GET', '/tariffs/t1')).json).toMatchObject({ perKwhOre: 500, vatRateBasisPoints: 2500, siteId: null });
    const made = await call('POST', '/tariffs', { name: 'Bergen', siteId: 'site', perKwhOre: 459, idlePerMinuteOre: 100, idleGraceMinutes: 30, idleCapOre: 10_000, validFrom: '2031-01-01T00:00:00Z' });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ name: 'Bergen', siteId: 'site', perKwhOre: 459, startFeeOre: 0, vatRateBasisPoints: 2500, validFrom: '2031-01-01T00:00:00.000Z' });
  });

  it('refuses bad prices with a clear message', async () => {
    await refused('GET', '/tariffs/nope', undefined, 404, /No such tariff/);
    await refused('POST', '/tariffs', { name: 'x' }, 400, /required property 'perKwhOre'/);
    await refused('POST', '/tariffs', { name: 'x', perKwhOre: '499' }, 400, /body\/perKwhOre must be integer/);
    await refused('POST', '/tariffs', { name: 'x', perKwhOre: 4.99 }, 400, /body\/perKwhOre must be integer/);
    await refused('POST', '/tariffs', { name: 'x', perKwhOre: -1 }, 400, /must be >= 0/);
    await refused('POST', '/tariffs', { name: 'x', perKwhOre: 499, idlePerMinuteOre: 100 }, 400, /idleCapOre: idle fee needs cap/);
    await refused('POST', '/tariffs', { name: 'x', perKwhOre: 0 }, 400, /no charging price/);
    await refused('POST', '/tariffs', { name: 'x', perKwhOre: 200_000 }, 400, /perKwhOre: too large/);
    await refused('POST', '/tariffs', { name: 'x', perKwhOre: 499, startFee: 100 }, 400, /must NOT have additional properties/);
    await refused('POST', '/tariffs', { name: 'x', perKwhOre: 499, validFrom: 'tomorrow' }, 400, /must match format "date-time"/);
    await refused('POST', '/tariffs', { name: 'x', perKwhOre: 499, siteId: 'nowhere' }, 400, /no site "nowhere"/);
  });
});

describe('tariff schedules and assignments', () => {
  // Valid only from 2032, so the sessions of this file keep their price.
  const later = '2032-01-01T00:00:00Z';
  const dcFast = { name: 'DC fast', siteId: 'site', powerClass: { current: 'DC', minPowerW: 50_000 }, perKwhOre: 490, validFrom: later };

  it('creates a tariff with periods and a power class, each period with its full prices', async () => {
    const made = await call('POST', '/tariffs', { ...dcFast, periods: [{ days: [1, 2, 3, 4, 5], from: '17:00', to: '21:00', perKwhOre: 590, startFeeOre: 1000 }] });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({
      siteId: 'site',
      connectorId: null,
      powerClass: { current: 'DC', minPowerW: 50_000, maxPowerW: null },
      periods: [{ days: [1, 2, 3, 4, 5], from: '17:00', to: '21:00', perKwhOre: 590, startFeeOre: 1000, perHourOre: 0, idleCapOre: 0 }],
    });
    // The very same class again replaces it from its own validity: no clash.
    expect((await call('POST', '/tariffs', { ...dcFast, perKwhOre: 495 })).status).toBe(201);
  });

  it('assigns a tariff to one connector, at the connector\'s site', async () => {
    const connectorId = ((await call('GET', '/stations/API-1')).json.connectors as Array<{ id: string }>)[0]!.id;
    const made = await call('POST', '/tariffs', { name: 'API-1 only', connectorId, perKwhOre: 390, validFrom: later });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ connectorId, siteId: 'site', powerClass: null });
    await refused('POST', '/tariffs', { name: 'x', connectorId, powerClass: { current: 'DC' }, perKwhOre: 390 }, 400, /one connector has no power class/);
    await refused('POST', '/tariffs', { name: 'x', connectorId: 'nope', perKwhOre: 390 }, 400, /no connector "nope"/);
  });

  it('refuses a power class that overlaps another at the same site, naming it, with 409', async () => {
    await refused('POST', '/tariffs', { ...dcFast, name: 'All fast', powerClass: { minPowerW: 100_000, maxPowerW: 400_000 } }, 409, /overlaps "DC fast" \(DC from 50 kW\)/);
    await refused('POST', '/tariffs', { ...dcFast, powerClass: { minPowerW: 22_000, maxPowerW: 22_000 } }, 400, /power range is empty/);
  });

  it('refuses periods that overlap, are empty or are not times, naming the period', async () => {
    const overlapping = [
      { days: [1, 2, 3, 4, 5], from: '17:00', to: '21:00', perKwhOre: 590 },
      { days: [1], from: '18:00', to: '19:00', perKwhOre: 690 },
    ];
    await refused('POST', '/tariffs', { name: 'x', perKwhOre: 390, periods: overlapping }, 400, /Period 2 overlaps period 1 on Monday from 18:00/);
    await refused('POST', '/tariffs', { name: 'x', perKwhOre: 390, periods: [{ days: [1], from: '09:00', to: '09:00' }] }, 400, /Period 1: the start and the end are the same time/);
    await refused('POST', '/tariffs', { name: 'x', perKwhOre: 390, periods: [{ days: [1], from: '25:00', to: '09:00' }] }, 400, /Period 1: the start must be a time/);
    await refused('POST', '/tariffs', { name: 'x', perKwhOre: 390, periods: [{ days: [8], from: '08:00', to: '09:00' }] }, 400, /must be <= 7/);
    await refused('POST', '/tariffs', { name: 'x', perKwhOre: 390, periods: [{ days: [1], from: '08:00', to: '09:00', idlePerMinuteOre: 100 }] }, 400, /Period 1: an idle fee needs a cap/);
  });
});

describe('sessions', () => {
  it('lists sessions with filters and gets one without the driver’s token', async () => {
    const all = (await call('GET', '/sessions')).json.sessions as Array<{ id: string; state: string }>;
    expect(all.map((s) => s.id).sort()).toEqual([settled.id, charging.id, toSettle.id].sort());
    const done = (await call('GET', '/sessions?state=settled')).json.sessions as Array<{ id: string }>;
    expect(done.map((s) => s.id)).toEqual([settled.id]);
    expect(((await call('GET', '/sessions?stationId=API-2')).json.sessions as Array<{ id: string }>).map((s) => s.id)).toEqual([charging.id]);
    expect(((await call(`GET`, `/sessions?reference=${settled.reference}`)).json.sessions as Array<{ id: string }>).map((s) => s.id)).toEqual([settled.id]);
    expect(((await call('GET', '/sessions?from=2000-01-01&to=2000-01-02')).json.sessions as unknown[]).length).toBe(0);
    const one = await call('GET', `/sessions/${settled.id}`);
    expect(one.json).toMatchObject({ id: settled.id, state: 'settled', capturedOre: settled.capturedOre, totalOre: settled.priced?.totalOre });
    expect((one.json.events as unknown[]).length).toBeGreaterThan(3);
    expect(JSON.stringify(one.json)).not.toContain(settled.token);
  });

  it('stops a charging session', async () => {
    const r = await call('POST', `/sessions/${charging.id}/stop`);
    expect(r.status).toBe(200);
    expect(['stopping', 'settling', 'settled']).toContain(r.json.state);
    await sys.waitForState(charging.token, 'settled');
  });

  it('settles a session on its last meter value', async () => {
    const r = await call('POST', `/sessions/${toSettle.id}/settle`);
    expect(r.status).toBe(200);
    expect(['settling', 'settled']).toContain(r.json.state);
    const after = await sys.waitForState(toSettle.token, 'settled');
    expect(after.flags).toContain('settled_by_operator');
    // Settling also stops the station; its stop comes back and is recorded.
    await eventually(async () => {
      const s = await sys.session(toSettle.token);
      return s.flags.includes('late_stop_after_settlement') && s.receipt === 'sent';
    }, 'the station stopped and the receipt sent');
  });

  it('refunds part of a settled session', async () => {
    const r = await call('POST', `/sessions/${settled.id}/refund`, { amountOre: 500, reason: 'Feil på laderen' }, token, { 'idempotency-key': 'api-refund-0001' });
    expect(r.status).toBe(200);
    expect(r.json.refundedOre).toBe(500);
    expect(sys.vipps.books(settled.reference)?.payment.aggregate.refundedAmount.value).toBe(500);
  });

  it('refuses bad input and impossible actions with a clear message', async () => {
    // The session settled just before still has its receipt on the way; let it land so the snapshots compare only this test's calls.
    await sys.ladepay.outboxWorker.drain();
    await refused('GET', '/sessions?state=flying', undefined, 400, /querystring\/state must be equal to one of the allowed values/);
    await refused('GET', '/sessions?from=yesterday', undefined, 400, /must match format "date"/);
    await refused('GET', '/sessions?limit=0', undefined, 400, /must be >= 1/);
    await refused('GET', '/sessions/nope', undefined, 404, /No such session/);
    await refused('POST', '/sessions/nope/stop', undefined, 404, /No such session/);
    await refused('POST', `/sessions/${settled.id}/stop`, undefined, 409, /Not possible now/);
    await refused('POST', `/sessions/${settled.id}/settle`, undefined, 409, /Not possible now/);
    const key = (n: number) => ({ 'idempotency-key': `api-refused-${n}` });
    await refused('POST', `/sessions/${settled.id}/refund`, { amountOre: 500 }, 400, /required property 'reason'/, token, key(1));
    await refused('POST', `/sessions/${settled.id}/refund`, { amountOre: 0, reason: 'nope' }, 400, /must be >= 1/, token, key(2));
    await refused('POST', `/sessions/${settled.id}/refund`, { amountOre: '500', reason: 'nope' }, 400, /must be integer/, token, key(3));
    await refused('POST', `/sessions/${settled.id}/refund`, { amountOre: 5, reason: 'x' }, 400, /must NOT have fewer than 3 characters/, token, key(4));
    await refused('POST', `/sessions/${settled.id}/refund`, { amountOre: settled.capturedOre, reason: 'for mye' }, 409, /more than is left to refund/, token, key(5));
    await refused('POST', `/sessions/${settled.id}/refund`, { amountOre: 5, reason: 'no key' }, 400, /idempotency-key/);
    await refused('POST', `/sessions/${settled.id}/refund`, { amountOre: 7, reason: 'same key, another amount' }, 409, /used for another refund/, token, { 'idempotency-key': 'api-refund-0001' });
    await refused('POST', '/sessions/nope/refund', { amountOre: 5, reason: 'nope' }, 404, /No such session/, token, key(6));
    await refused('GET', '/nothing-here', undefined, 404, /No such API route/);
    expect(sys.vipps.books(settled.reference)?.payment.aggregate.refundedAmount.value).toBe(500);
  });
});

describe('OpenAPI', () => {
  it('describes every route at /docs/json and serves the browsable docs at /docs', async () => {
    const spec = (await (await fetch(`${sys.ladepay.url}/docs/json`)).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(spec.openapi).toBe('3.0.3');
    // The REST API's own paths; the charger feeds' (/ocpi, /datex2) are held to their routes in test/feeds/feeds-openapi.e2e.ts.
    expect(Object.keys(spec.paths).filter((p) => p.startsWith('/api/v1/')).sort()).toEqual(
      [
        '/api/v1/alerts',
        '/api/v1/alerts/{id}/acknowledge',
        '/api/v1/audit',
        '/api/v1/connectors',
        '/api/v1/connectors/{id}',
        '/api/v1/lockouts',
        '/api/v1/lockouts/{id}/lift',
        '/api/v1/ocpi/partners',
        '/api/v1/ocpi/partners/{id}',
        '/api/v1/ocpi/partners/{id}/unregister',
        '/api/v1/ocpi/registrations',
        '/api/v1/ocpi/token-a',
        '/api/v1/reports',
        '/api/v1/sessions',
        '/api/v1/sessions/{id}',
        '/api/v1/sessions/{id}/refund',
        '/api/v1/sessions/{id}/review',
        '/api/v1/sessions/{id}/settle',
        '/api/v1/sessions/{id}/stop',
        '/api/v1/sites',
        '/api/v1/sites/{id}',
        '/api/v1/sites/{id}/feed',
        '/api/v1/stations',
        '/api/v1/stations/{id}',
        '/api/v1/stations/{id}/availability',
        '/api/v1/stations/{id}/configuration',
        '/api/v1/stations/{id}/connectors',
        '/api/v1/stations/{id}/diagnostics',
        '/api/v1/stations/{id}/firmware',
        '/api/v1/stations/{id}/operations',
        '/api/v1/stations/{id}/password',
        '/api/v1/stations/{id}/password/rotate',
        '/api/v1/stations/{id}/reset',
        '/api/v1/stations/{id}/trigger',
        '/api/v1/stations/{id}/unlock',
        '/api/v1/tariffs',
        '/api/v1/tariffs/{id}',
      ].sort(),
    );
    const ui = await fetch(`${sys.ladepay.url}/docs`, { redirect: 'follow' });
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
    // The driver's pages keep their own headers and HTML errors.
    const landing = await fetch(`${sys.ladepay.url}/c/APIAAA`);
    expect(landing.headers.get('content-type')).toContain('text/html');
  });
});
