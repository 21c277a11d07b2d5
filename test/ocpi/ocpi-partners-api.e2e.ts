import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import { startAccessPoint, type AccessPoint } from '../support/ocpi-access-point.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';

// The OCPI partners in the REST API (owners only), over real HTTP, with a
// test access point on the other side.
let sys: TestSystem;
let ap: AccessPoint;
let owner: string;
let operator: string;

type Json = Record<string, unknown> & { error?: string; message?: string };

async function call(method: string, path: string, body?: unknown, token = owner): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${sys.ladepay.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Json };
}

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect(), env: { OCPI_PARTY_ID: 'LDP' } });
  ap = await startAccessPoint();
  const tokens = new ApiTokenStore(sys.ladepay.database.db);
  owner = (await tokens.create('owner', new Date(), 'owner')).token;
  operator = (await tokens.create('operator', new Date(), 'operator')).token;
});
afterAll(async () => {
  await ap?.stop();
  await sys?.stop();
});

describe('OCPI partners in the API', () => {
  it('are for owners only', async () => {
    expect((await call('GET', '/ocpi/partners', undefined, operator)).status).toBe(403);
    expect((await call('POST', '/ocpi/token-a', { name: 'x' }, operator)).status).toBe(403);
  });

  it('make a Token A shown once with Ladepay’s versions URL; the partner registers with it', async () => {
    const made = await call('POST', '/ocpi/token-a', { name: 'Roaming hub' });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ partner: { name: 'Roaming hub', origin: 'they_registered', state: 'awaiting_handshake', hasTheirToken: false }, versionsUrl: `${sys.ladepay.publicUrl}/ocpi/versions` });
    expect((await ap.registerWith(`${sys.ladepay.url}/ocpi/versions`, made.json.token as string)).json).toMatchObject({ status_code: 1000 });
    const id = (made.json.partner as { id: string }).id;
    expect((await call('GET', `/ocpi/partners/${id}`)).json).toMatchObject({ state: 'registered', roles: [{ role: 'NAP', countryCode: 'NL', partyId: 'NDW' }], hasTheirToken: true });
    expect(JSON.stringify((await call('GET', '/ocpi/partners')).json)).not.toContain(ap.ownToken);
    expect((await call('POST', '/ocpi/token-a', { name: '' })).status).toBe(400);
  });

  it('add a partner by hand with its pull token shown once, refusing bad input field by field', async () => {
    const body = { name: 'Dutch NAP', roles: [{ role: 'NAP', countryCode: 'NL', partyId: 'NDW' }], pushEndpoints: { locations: 'https://nap.example/ocpi/2.2.1/locations' }, pushToken: 'push-token' };
    const made = await call('POST', '/ocpi/partners', body);
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ partner: { origin: 'hand_made', state: 'registered', endpoints: [{ identifier: 'locations', role: 'RECEIVER', url: body.pushEndpoints.locations }], hasTheirToken: true } });
    expect((await ap.call('GET', `${sys.ladepay.url}/ocpi/versions`, { token: made.json.token as string })).status).toBe(200);

    const noToken = await call('POST', '/ocpi/partners', { ...body, pushToken: undefined });
    expect(noToken.status).toBe(400);
    expect(noToken.json.message).toContain('body/pushToken');
    const badUrl = await call('POST', '/ocpi/partners', { ...body, pushEndpoints: { tariffs: 'ftp://x' } });
    expect(badUrl.json.message).toContain('body/pushEndpoints/tariffs');
    expect((await call('POST', '/ocpi/partners', { ...body, roles: [{ role: 'KING', countryCode: 'NL', partyId: 'NDW' }] })).status).toBe(400);
    expect((await call('POST', '/ocpi/partners', { ...body, roles: [] })).status).toBe(400);
  });

  it('register Ladepay with a partner (502 when its interface cannot be used) and unregister it once', async () => {
    const r = await call('POST', '/ocpi/registrations', { versionsUrl: ap.versionsUrl, token: ap.issueTokenA(), name: 'Access point' });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ partner: { name: 'Access point', origin: 'we_registered', state: 'registered' } });
    const wrong = await call('POST', '/ocpi/registrations', { versionsUrl: ap.versionsUrl, token: 'not-theirs' });
    expect(wrong.status).toBe(502);
    expect(wrong.json).toMatchObject({ error: 'ocpi_partner', message: expect.stringMatching(/^unreadable: /) });
    expect((await call('POST', '/ocpi/registrations', { versionsUrl: 'nope', token: 'x' })).status).toBe(400);

    const id = (r.json.partner as { id: string }).id;
    const gone = await call('POST', `/ocpi/partners/${id}/unregister`);
    expect(gone.json).toMatchObject({ told: 'yes', partner: { state: 'unregistered', hasTheirToken: false } });
    expect((await call('POST', `/ocpi/partners/${id}/unregister`)).status).toBe(409);
    expect((await call('POST', '/ocpi/partners/nobody/unregister')).status).toBe(404);
    expect((await call('GET', '/ocpi/partners/nobody')).status).toBe(404);
  });

  it('are described in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${sys.ladepay.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/ocpi/partners', '/api/v1/ocpi/partners/{id}', '/api/v1/ocpi/token-a', '/api/v1/ocpi/registrations', '/api/v1/ocpi/partners/{id}/unregister']));
  });
});
