import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/adapters/security/password-hash.ts';
import type { Role } from '../../src/core/operator-role.ts';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import { UserStore } from '../../src/adapters/storage/user-store.ts';
import type { Session } from '../../src/core/session/session.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { ConsoleClient } from './console-client.ts';
import { chargeUntil } from './settled-session.ts';

// Operator roles for console users and API tokens, and the audit log that
// says who did what, when and from where.

const OWNER = { email: 'eier@example.no', password: 'owner-password-long' };
const OPERATOR = { email: 'vakt@example.no', password: 'operator-password-long' };
const VIEWER = { email: 'regnskap@example.no', password: 'viewer-password-long' };

let sys: TestSystem;
let settled: Session;
const tokens = {} as Record<Role, string>;

async function loggedIn(who: { email: string; password: string }): Promise<ConsoleClient> {
  const client = new ConsoleClient(sys.ladepay.url);
  expect((await client.login(who.email, who.password)).status).toBe(303);
  return client;
}

async function api(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${sys.ladepay.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json', 'idempotency-key': randomUUID() } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const refunded = () => sys.vipps.books(settled.reference)?.payment.aggregate.refundedAmount.value;

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect(), env: { ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password } });
  const users = new UserStore(sys.ladepay.database.db);
  await users.create({ email: OPERATOR.email, passwordHash: await hashPassword(OPERATOR.password), role: 'operator' }, new Date());
  await users.create({ email: VIEWER.email, passwordHash: await hashPassword(VIEWER.password), role: 'viewer' }, new Date());
  const store = new ApiTokenStore(sys.ladepay.database.db);
  for (const role of ['viewer', 'operator', 'owner'] as const) tokens[role] = (await store.create(`${role}-token`, new Date(), role)).token;
  await sys.addStation('ROLE-1', 'ocpp1.6', 'ROLEAA');
  settled = await chargeUntil(sys, await sys.connect('ROLE-1', 'ocpp1.6'), 'ROLEAA', { minutes: 30, end: 'settled' });
});
afterAll(async () => sys?.stop());

describe('API tokens by role', () => {
  it('lets a viewer token read but answers 403 to a refund, which then does not happen', async () => {
    expect((await api('GET', `/sessions/${settled.id}`, tokens.viewer)).status).toBe(200);
    const r = await api('POST', `/sessions/${settled.id}/refund`, tokens.viewer, { amountOre: 100, reason: 'viewer tries' });
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ error: 'forbidden', message: "This token's role (viewer) may not do this; it needs operator." });
    expect(refunded()).toBe(0);
    expect((await api('POST', '/sites', tokens.viewer, { id: 'x', name: 'X' })).status).toBe(403);
    for (const action of ['stop', 'settle']) expect((await api('POST', `/sessions/${settled.id}/${action}`, tokens.viewer, {})).status).toBe(403);
  });

  it('lets an operator token refund, but not read the audit log, which an owner token can', async () => {
    const r = await api('POST', `/sessions/${settled.id}/refund`, tokens.operator, { amountOre: 100, reason: 'cable fault' });
    expect(r.status).toBe(200);
    expect(refunded()).toBe(100);
    expect((await api('GET', '/audit', tokens.operator)).status).toBe(403);
    const audit = await api('GET', '/audit?action=session.refund', tokens.owner);
    expect(audit.status).toBe(200);
    expect(audit.json.records).toEqual([
      expect.objectContaining({ actor: 'api:operator-token', address: '127.0.0.1', action: 'session.refund', subjectType: 'session', subjectId: settled.id, outcome: 'ok', detail: { amountOre: 100, reason: 'cable fault', repeated: false } }),
    ]);
  });
});

describe('console users by role', () => {
  it('lets a viewer read sessions and download the CSV, but not refund', async () => {
    const viewer = await loggedIn(VIEWER);
    const path = `/console/sessions/${settled.id}`;
    const page = await viewer.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('(viewer)');
    const csv = await viewer.get('/console/sessions.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const nonce = /name="nonce" value="([^"]+)"/.exec(page.text)?.[1] ?? 'viewer-nonce';
    const r = await viewer.post(`${path}/refund`, { _csrf: ConsoleClient.csrfOf(page.text), nonce, amount: '1,00', reason: 'viewer tries' });
    expect(r.status).toBe(403);
    expect(r.text).toContain('Your role (viewer) does not allow this; it needs operator.');
    expect(refunded()).toBe(100);
    // Nor command: no stop, settle or retry, and no station set-up.
    const csrf = ConsoleClient.csrfOf(page.text);
    for (const action of ['stop', 'settle']) expect((await viewer.post(`${path}/${action}`, { _csrf: csrf })).status).toBe(403);
    expect((await viewer.post('/console/stations', { _csrf: csrf, id: 'PLANTED', siteId: 'site', name: 'Planted' })).status).toBe(403);
    expect(await sys.ladepay.database.db.selectFrom('stations').select('id').where('id', '=', 'PLANTED').executeTakeFirst()).toBeUndefined();
    // Logging out is for everyone.
    expect((await viewer.post('/console/logout', { _csrf: ConsoleClient.csrfOf(page.text) })).status).toBe(303);
  });

  it('lets an operator refund but not manage users or tokens, nor read the audit log', async () => {
    const operator = await loggedIn(OPERATOR);
    const page = (await operator.get(`/console/sessions/${settled.id}`)).text;
    const csrf = ConsoleClient.csrfOf(page);
    const form = { _csrf: csrf, nonce: ConsoleClient.nonceOf(page), amount: '2,00', reason: 'wrong tariff' };
    expect((await operator.post(`/console/sessions/${settled.id}/refund`, form)).status).toBe(303);
    expect(refunded()).toBe(300);
    for (const path of ['/console/users', '/console/api-tokens', '/console/audit']) expect((await operator.get(path)).status).toBe(403);
    const add = await operator.post('/console/users', { _csrf: csrf, email: 'planted@example.no', role: 'owner' });
    expect(add.status).toBe(403);
    expect(await new UserStore(sys.ladepay.database.db).byEmail('planted@example.no')).toBeUndefined();
    const live = await operator.get('/console');
    expect(live.text).not.toContain('href="/console/users"');
  });

  it('lets an owner add a user with a role, give a new password and disable them', async () => {
    const owner = await loggedIn(OWNER);
    const page = await owner.get('/console/users');
    expect(page.status).toBe(200);
    const csrf = ConsoleClient.csrfOf(page.text);
    const made = await owner.post('/console/users', { _csrf: csrf, email: 'Ny@Example.no', role: 'viewer' });
    expect(made.status).toBe(201);
    const password = /id="user-password">([^<]+)</.exec(made.text)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    const newcomer = await loggedIn({ email: 'ny@example.no', password });
    expect((await newcomer.get('/console')).text).toContain('(viewer)');

    const user = (await new UserStore(sys.ladepay.database.db).byEmail('ny@example.no'))!;
    const fresh = await owner.post(`/console/users/${user.id}/password`, { _csrf: csrf });
    const second = /id="user-password">([^<]+)</.exec(fresh.text)?.[1] ?? '';
    expect(second).not.toBe(password);
    expect((await newcomer.get('/console')).status).toBe(303); // their login ended
    const back = await loggedIn({ email: 'ny@example.no', password: second });

    expect((await owner.post(`/console/users/${user.id}`, { _csrf: csrf, role: 'viewer', disabled: 'on' })).status).toBe(200);
    expect((await back.get('/console')).status).toBe(303);
    expect((await new ConsoleClient(sys.ladepay.url).login('ny@example.no', second)).status).toBe(401);
  });

  it('keeps the console with an active owner: an owner cannot demote or disable themselves', async () => {
    const owner = await loggedIn(OWNER);
    const me = (await new UserStore(sys.ladepay.database.db).byEmail(OWNER.email))!;
    const r = await owner.post(`/console/users/${me.id}`, { _csrf: await owner.csrf('/console/users'), role: 'viewer' });
    expect(r.status).toBe(409);
    expect((await new UserStore(sys.ladepay.database.db).byId(me.id))?.role).toBe('owner');
  });

  it('lets an owner make an API token with a role, shown once, and revoke it', async () => {
    const owner = await loggedIn(OWNER);
    const csrf = await owner.csrf('/console/api-tokens');
    const made = await owner.post('/console/api-tokens', { _csrf: csrf, name: 'dashboard', role: 'viewer' });
    expect(made.status).toBe(201);
    const token = /id="api-token">([^<]+)</.exec(made.text)?.[1] ?? '';
    expect((await api('GET', '/sessions', token)).status).toBe(200);
    expect((await api('POST', `/sessions/${settled.id}/settle`, token)).status).toBe(403);
    expect((await owner.get('/console/api-tokens')).text).not.toContain(token);
    const id = (await new ApiTokenStore(sys.ladepay.database.db).list()).find((t) => t.name === 'dashboard')!.id;
    expect((await owner.post(`/console/api-tokens/${id}/revoke`, { _csrf: csrf })).status).toBe(200);
    expect((await api('GET', '/sessions', token)).status).toBe(401);
  });
});

describe('the audit log', () => {
  it('records a failed login with its address and a refund with who did it, for owners to read in the console', async () => {
    const stranger = new ConsoleClient(sys.ladepay.url);
    expect((await stranger.login(OPERATOR.email, 'not-the-password')).status).toBe(401);

    const owner = await loggedIn(OWNER);
    const logins = await owner.get(`/console/audit?action=console.login`);
    expect(logins.status).toBe(200);
    const failed = /<tr><td>[^<]+<\/td><td>console:vakt@example\.no<\/td><td class="mono">127\.0\.0\.1<\/td><td class="mono">console\.login<\/td>[\s\S]*?wrong_password/.exec(logins.text);
    expect(failed).not.toBeNull();
    const refunds = await owner.get('/console/audit?action=session.refund');
    expect(refunds.text).toContain('console:vakt@example.no');
    expect(refunds.text).toContain('api:operator-token');
    expect(refunds.text).toContain('wrong tariff');

    const viaApi = await api('GET', '/audit?action=console.login', tokens.owner);
    expect(viaApi.json.records).toContainEqual(expect.objectContaining({ actor: 'console:vakt@example.no', address: '127.0.0.1', outcome: 'wrong_password' }));
    expect(viaApi.json.records).toContainEqual(expect.objectContaining({ actor: `console:${OWNER.email}`, outcome: 'ok' }));
  });

  it('records a refused attempt by a role that may not act, in the console and the API', async () => {
    const console = await api('GET', '/audit?action=console.forbidden', tokens.owner);
    expect(console.json.records).toContainEqual(expect.objectContaining({ actor: `console:${VIEWER.email}`, outcome: 'forbidden', detail: { route: 'POST /console/sessions/:id/refund', role: 'viewer' } }));
    const viaApi = await api('GET', '/audit?action=api.forbidden', tokens.owner);
    expect(viaApi.json.records).toContainEqual(expect.objectContaining({ actor: 'api:viewer-token', address: '127.0.0.1', outcome: 'forbidden', detail: { route: 'POST /api/v1/sessions/:id/refund', role: 'viewer' } }));
  });
});

describe('the API docs on plain http', () => {
  it('do not ask the browser to upgrade every request to https', async () => {
    const res = await fetch(`${sys.ladepay.url}/docs/static/index.html`);
    expect(res.status).toBe(200);
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toContain('upgrade-insecure-requests');
  });
});
