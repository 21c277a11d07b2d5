import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OcpiSharing } from '../../src/composition/ocpi-sharing.ts';
import { startAccessPoint, type AccessPoint } from '../support/ocpi-access-point.ts';
import { ocpiSharingOf } from '../support/ocpi-sharing-of.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { testDialects } from '../support/test-database.ts';

// The OCPI 2.2.1 credentials handshake both ways, against a test access point
// that shares no code with Ladepay's OCPI module, and every bad input the
// module names: a missing or unknown token, a Token A after its handshake, a
// second POST, a PUT or DELETE before registration, versions that cannot be
// read, no common version.
describe.each(testDialects())('OCPI credentials on %s', (dialect) => {
  let sys: TestSystem;
  let ocpi: OcpiSharing;
  let versionsUrl: string;
  let credentialsUrl: string;
  const aps: AccessPoint[] = [];
  const accessPoint = async (versions?: 'normal' | 'only-2.1.1' | 'broken') => {
    const ap = await startAccessPoint({ versions });
    aps.push(ap);
    return ap;
  };
  const tokenA = async (name = 'Test access point') => {
    const made = await ocpi.admin.createTokenA(name);
    if (!made.ok) throw new Error(made.problem);
    return made.token;
  };

  beforeAll(async () => {
    sys = await startSystem({ dialect, env: { OCPI_PARTY_ID: 'LDP' } });
    ocpi = await ocpiSharingOf(sys);
    versionsUrl = `${sys.ladepay.url}/ocpi/versions`;
    credentialsUrl = `${sys.ladepay.url}/ocpi/2.2.1/credentials`;
  });
  afterAll(async () => {
    await Promise.all(aps.map((ap) => ap.stop()));
    await sys?.stop();
  });

  it('answers its versions and their details to a Token A, in the envelope, with the request ids echoed', async () => {
    const ap = await accessPoint();
    const token = await tokenA();
    const versions = await ap.call('GET', versionsUrl, { token });
    expect(versions.status).toBe(200);
    expect(versions.json).toMatchObject({ status_code: 1000, data: [{ version: '2.2.1', url: `${sys.ladepay.publicUrl}/ocpi/2.2.1` }] });
    expect(versions.json.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(versions.headers.get('x-request-id')).toBeTruthy();
    expect(versions.headers.get('x-correlation-id')).toBeTruthy();
    const details = await ap.call('GET', `${sys.ladepay.url}/ocpi/2.2.1`, { token });
    expect(details.json.data).toEqual({
      version: '2.2.1',
      endpoints: [
        { identifier: 'credentials', role: 'SENDER', url: `${sys.ladepay.publicUrl}/ocpi/2.2.1/credentials` },
        { identifier: 'locations', role: 'SENDER', url: `${sys.ladepay.publicUrl}/ocpi/2.2.1/locations` },
        { identifier: 'tariffs', role: 'SENDER', url: `${sys.ladepay.publicUrl}/ocpi/2.2.1/tariffs` },
      ],
    });
    // OCPI 2.2.1 allows the unencoded token of 2.1.1 and 2.2 implementations.
    expect((await ap.call('GET', versionsUrl, { token, plainToken: true })).status).toBe(200);
  });

  it('answers 401 in the envelope to a missing or unknown token, and to a Token A outside versions and credentials', async () => {
    const ap = await accessPoint();
    const token = await tokenA();
    for (const answer of [await ap.call('GET', versionsUrl, { token: null }), await ap.call('GET', versionsUrl, { token: 'not-a-token-of-ladepays' }), await ap.call('GET', `${sys.ladepay.url}/ocpi/2.2.1/locations`, { token })]) {
      expect(answer.status).toBe(401);
      expect(answer.json).toMatchObject({ status_code: 2000, status_message: expect.any(String), timestamp: expect.any(String) });
      expect(answer.json.data).toBeUndefined();
    }
  });

  it('registers a partner that POSTs its credentials with a Token A: reads its versions with its token, keeps its roles and endpoints, answers a new token; Token A is dead after', async () => {
    const ap = await accessPoint();
    const token = await tokenA('NDW');
    const answer = await ap.registerWith(versionsUrl, token);
    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual({ token: ap.ladepayToken, url: `${sys.ladepay.publicUrl}/ocpi/versions`, roles: [{ role: 'CPO', party_id: 'LDP', country_code: 'NO', business_details: { name: 'Ladepay Demo Lading AS' } }] });
    expect(ap.ladepayToken).not.toBe(token);
    // Ladepay read the access point's versions and details with the access point's own token, Base64-encoded.
    const reads = ap.received.filter((r) => r.method === 'GET' && r.path.startsWith('/ocpi/'));
    expect(reads.map((r) => r.path)).toEqual(['/ocpi/versions', '/ocpi/2.2.1']);
    for (const r of reads) {
      expect(r.headers.authorization).toBe(`Token ${Buffer.from(ap.ownToken!).toString('base64')}`);
      expect(r.headers['x-request-id']).toBeTruthy();
    }
    const partner = (await ocpi.admin.list()).find((p) => p.name === 'NDW');
    expect(partner).toMatchObject({ origin: 'they_registered', state: 'registered', version: '2.2.1', versionsUrl: ap.versionsUrl, roles: [{ role: 'NAP', countryCode: 'NL', partyId: 'NDW', name: 'Test access point' }], hasTheirToken: true });
    expect(partner?.endpoints.map((e) => e.identifier)).toEqual(['credentials', 'locations', 'tariffs']);
    expect(await ocpi.partners.theirToken(partner!.id)).toBe(ap.ownToken);

    expect((await ap.call('GET', versionsUrl, { token })).status).toBe(401);
    expect((await ap.call('POST', credentialsUrl, { token, body: answer.json.data })).status).toBe(401);
    expect((await ap.call('GET', versionsUrl)).status).toBe(200);
    // GET credentials: what the partner uses with Ladepay.
    expect((await ap.call('GET', credentialsUrl)).json.data).toEqual(answer.json.data);
  });

  it('refuses a second POST with 405, updates with PUT to a new token (the old one dead), and unregisters with DELETE', async () => {
    const ap = await accessPoint();
    await ap.registerWith(versionsUrl, await tokenA());
    const second = await ap.call('POST', credentialsUrl, { body: { token: 'x', url: ap.versionsUrl, roles: [] } });
    expect(second.status).toBe(405);
    expect(second.json).toMatchObject({ status_code: 2000 });

    const old = ap.ladepayToken!;
    const readsBefore = ap.received.length;
    const put = await ap.updateCredentials();
    expect(put.json).toMatchObject({ status_code: 1000 });
    expect(ap.ladepayToken).not.toBe(old);
    // The partner's versions read again, with its new token.
    expect(ap.received.slice(readsBefore).map((r) => `${r.method} ${r.path} ${r.headers.authorization}`)).toEqual([
      `GET /ocpi/versions Token ${Buffer.from(ap.ownToken!).toString('base64')}`,
      `GET /ocpi/2.2.1 Token ${Buffer.from(ap.ownToken!).toString('base64')}`,
    ]);
    expect((await ap.call('GET', versionsUrl, { token: old })).status).toBe(401);
    expect((await ap.call('GET', versionsUrl)).status).toBe(200);

    // As some platforms send it: a JSON content type and no body.
    const res = await fetch(credentialsUrl, { method: 'DELETE', headers: { authorization: `Token ${Buffer.from(ap.ladepayToken!).toString('base64')}`, 'content-type': 'application/json' } });
    const gone = { status: res.status, json: (await res.json()) as Record<string, unknown> };
    expect(gone.status).toBe(200);
    expect(gone.json).toMatchObject({ status_code: 1000 });
    expect((await ap.call('GET', versionsUrl)).status).toBe(401);
    expect((await ocpi.admin.list()).filter((p) => p.versionsUrl === ap.versionsUrl).map((p) => p.state)).toEqual(['unregistered']);
  });

  it('answers 405 to a PUT or DELETE before registration, 2001 to credentials that are not, and 400 to a body that is no JSON', async () => {
    const ap = await accessPoint();
    const token = await tokenA();
    const body = { token: 'abc', url: ap.versionsUrl, roles: [{ role: 'NAP', party_id: 'NDW', country_code: 'NL', business_details: { name: 'x' } }] };
    expect((await ap.call('PUT', credentialsUrl, { token, body })).status).toBe(405);
    expect((await ap.call('DELETE', credentialsUrl, { token })).status).toBe(405);
    for (const bad of [{ ...body, token: 'with space' }, { ...body, url: 'ftp://x' }, { ...body, roles: [] }, { ...body, roles: [{ role: 'NAP', party_id: 'TOOLONG', country_code: 'NL', business_details: { name: 'x' } }] }]) {
      const answer = await ap.call('POST', credentialsUrl, { token, body: bad });
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ status_code: 2001 });
    }
    const res = await fetch(credentialsUrl, { method: 'POST', headers: { authorization: `Token ${Buffer.from(token).toString('base64')}`, 'content-type': 'application/json' }, body: '{"token":' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status_code: 2001 });
    // None of it used up the Token A.
    expect((await ap.call('GET', versionsUrl, { token })).status).toBe(200);
  });

  it('answers 3001 when the partner’s versions cannot be read and 3002 when it speaks no 2.2.1; the Token A stays for another try', async () => {
    const ap = await accessPoint('broken');
    const token = await tokenA();
    const unreadable = await ap.registerWith(versionsUrl, token);
    expect(unreadable.json).toMatchObject({ status_code: 3001 });
    ap.versions = 'only-2.1.1';
    expect((await ap.registerWith(versionsUrl, token)).json).toMatchObject({ status_code: 3002 });
    ap.versions = 'normal';
    expect((await ap.registerWith(versionsUrl, token)).json).toMatchObject({ status_code: 1000 });
  });

  it('registers itself with a partner given its versions URL and Token A, and keeps the token the partner answers with', async () => {
    const ap = await accessPoint();
    const theirTokenA = ap.issueTokenA();
    const r = await ocpi.admin.registerWith(ap.versionsUrl, theirTokenA);
    expect(r).toMatchObject({ ok: true, partner: { origin: 'we_registered', state: 'registered', name: 'Test access point', roles: [{ role: 'NAP', countryCode: 'NL', partyId: 'NDW' }] } });
    if (!r.ok) return;
    const post = ap.received.find((x) => x.method === 'POST');
    expect(post?.headers.authorization).toBe(`Token ${Buffer.from(theirTokenA).toString('base64')}`);
    expect(post?.body).toEqual({ token: ap.ladepayToken, url: `${sys.ladepay.publicUrl}/ocpi/versions`, roles: [{ role: 'CPO', party_id: 'LDP', country_code: 'NO', business_details: { name: 'Ladepay Demo Lading AS' } }] });
    expect(await ocpi.partners.theirToken(r.partner.id)).toBe(ap.ownToken);
    // The token Ladepay gave opens Ladepay's interface.
    expect((await ap.call('GET', versionsUrl)).status).toBe(200);

    // Unregistering tells the partner (DELETE with its token) and ends Ladepay's token.
    const gone = await ocpi.admin.unregister(r.partner.id);
    expect(gone).toMatchObject({ ok: true, told: 'yes', partner: { state: 'unregistered' } });
    expect(ap.received.at(-1)).toMatchObject({ method: 'DELETE', path: '/ocpi/2.2.1/credentials', headers: { authorization: `Token ${Buffer.from(ap.ownToken!).toString('base64')}` } });
    expect((await ap.call('GET', versionsUrl, { token: (post?.body as { token: string }).token })).status).toBe(401);
    expect(await ocpi.admin.unregister(r.partner.id)).toEqual({ ok: false, reason: 'unregistered_already' });
  });

  it('leaves nothing behind when registering itself fails: versions unreadable, no common version, or the POST refused', async () => {
    const before = (await ocpi.admin.list()).length;
    const broken = await accessPoint('broken');
    expect(await ocpi.admin.registerWith(broken.versionsUrl, broken.issueTokenA())).toMatchObject({ ok: false, reason: 'unreadable' });
    const old = await accessPoint('only-2.1.1');
    expect(await ocpi.admin.registerWith(old.versionsUrl, old.issueTokenA())).toMatchObject({ ok: false, reason: 'no_common_version' });
    const ap = await accessPoint();
    const token = ap.issueTokenA();
    expect(await ocpi.admin.registerWith(ap.versionsUrl, `${token}-wrong`)).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(await ocpi.admin.registerWith('not a url', token)).toMatchObject({ ok: false, reason: 'bad_input' });
    expect((await ocpi.admin.list()).length).toBe(before);
  });
});
