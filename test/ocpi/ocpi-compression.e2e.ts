import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import { ocpiSharingOf } from '../support/ocpi-sharing-of.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  wire: Buffer; // the bytes as they came, undecoded
}

// A GET as a partner's plain HTTP client sends it: nothing decoded on the way.
function rawGet(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, wire: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

// OCPI answers are gzipped for a partner that asks for it (Accept-Encoding)
// and sent as they are to one that does not; either way the same envelope.
describe('OCPI answers compressed', () => {
  let sys: TestSystem;
  let auth: string;
  const locations = () => `${sys.ladepay.url}/ocpi/2.2.1/locations`;

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect(), env: { OCPI_PARTY_ID: 'LDP' } });
    const owner = (await new ApiTokenStore(sys.ladepay.database.db).create('setup', new Date(), 'owner')).token;
    const api = async (method: string, path: string, body: unknown) => {
      const res = await fetch(`${sys.ladepay.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    };
    // The test system's site made complete, with a station of two DC connectors: a Location of a few kilobytes.
    await api('PATCH', '/sites/site', { city: 'Oslo', postalCode: '0150', coordinates: { latitude: '59.9069', longitude: '10.7533' }, openingHours: { twentyFourSeven: true }, parkingType: 'PARKING_LOT' });
    await sys.addStation('ZIP-1', 'ocpp1.6', 'ZIPA1', ['ZIPA2']);
    for (const id of ['ZIP-1-1', 'ZIP-1-2']) await api('PATCH', `/connectors/${id}`, { maxVoltage: 500, maxAmperage: 125 });
    const made = await (await ocpiSharingOf(sys)).admin.addHandMade({ name: 'Dutch NAP', roles: [{ role: 'NAP', countryCode: 'NL', partyId: 'NDW' }] });
    if (!made.ok) throw new Error('the partner was not made');
    auth = `Token ${Buffer.from(made.token, 'utf8').toString('base64')}`;
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it('gzips the Locations for a partner that accepts gzip, and the body is the same envelope', async () => {
    const zipped = await rawGet(locations(), { authorization: auth, 'accept-encoding': 'gzip' });
    const plain = await rawGet(locations(), { authorization: auth });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(String(zipped.headers.vary)).toMatch(/accept-encoding/i);
    // Paging and routing headers stay as they are.
    expect(zipped.headers['x-total-count']).toBe('1');
    expect(zipped.headers['ocpi-to-party-id']).toBe('NDW');
    const body = JSON.parse(gunzipSync(zipped.wire).toString('utf8')) as { status_code: number; data: Array<{ id: string }>; timestamp: string };
    expect(body).toMatchObject({ status_code: 1000, data: [{ id: 'site' }] });
    expect(zipped.wire.length).toBeLessThan(gunzipSync(zipped.wire).length);

    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const plainBody = JSON.parse(plain.wire.toString('utf8')) as typeof body;
    expect({ ...plainBody, timestamp: '' }).toEqual({ ...body, timestamp: '' });
  });

  it('sends a partner that asks for another encoding only, or none (identity), the body as it is', async () => {
    for (const accept of ['br', 'identity']) {
      const r = await rawGet(locations(), { authorization: auth, 'accept-encoding': accept });
      expect(r.headers['content-encoding'], accept).toBeUndefined();
      expect(JSON.parse(r.wire.toString('utf8')), accept).toMatchObject({ status_code: 1000 });
    }
  });
});
