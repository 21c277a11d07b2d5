import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChargePoint } from '../../simulators/charge-point/index.ts';
import { hashPassword } from '../../src/adapters/security/password-hash.ts';
import type { Role } from '../../src/core/operator-role.ts';
import { UserStore } from '../../src/adapters/storage/user-store.ts';
import { eventually } from '../support/eventually.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { ConsoleClient } from './console-client.ts';
import { chargeUntil } from './settled-session.ts';
import { callApi, roleTokens } from './station-operations-api.ts';

// Station operations from the console's station page, and who may run them:
// operators and owners; a viewer (console user or API token) may not.

const OWNER = { email: 'eier@example.no', password: 'owner-password-long' };
const OPERATOR = { email: 'vakt@example.no', password: 'operator-password-long' };
const VIEWER = { email: 'regnskap@example.no', password: 'viewer-password-long' };
const PAGE = '/console/stations/CON16';

let sys: TestSystem;
let cp: ChargePoint;
let tokens: Record<Role, string>;

async function loggedIn(who: { email: string; password: string }): Promise<ConsoleClient> {
  const client = new ConsoleClient(sys.ladepay.url);
  expect((await client.login(who.email, who.password)).status).toBe(303);
  return client;
}

const resets = () => cp.frames().filter((f) => f.dir === 'in' && f.text.includes('"Reset"')).length;

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect(), env: { ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password } });
  const users = new UserStore(sys.ladepay.database.db);
  await users.create({ email: OPERATOR.email, passwordHash: await hashPassword(OPERATOR.password), role: 'operator' }, new Date());
  await users.create({ email: VIEWER.email, passwordHash: await hashPassword(VIEWER.password), role: 'viewer' }, new Date());
  tokens = await roleTokens(sys);
  await sys.addStation('CON16', 'ocpp1.6', 'CONA16');
  cp = await sys.connect('CON16', 'ocpp1.6');
});
afterAll(async () => sys?.stop());

describe('a viewer', () => {
  it('with an API token gets 403 for every operation, and the station is sent nothing', async () => {
    const before = resets();
    const forbidden = { error: 'forbidden', message: "This token's role (viewer) may not do this; it needs operator." };
    expect(await callApi(sys, tokens.viewer, 'POST', '/stations/CON16/reset', { type: 'hard' })).toEqual({ status: 403, json: forbidden });
    expect((await callApi(sys, tokens.viewer, 'GET', '/stations/CON16/configuration')).status).toBe(403);
    expect((await callApi(sys, tokens.viewer, 'PUT', '/stations/CON16/configuration', { key: 'HeartbeatInterval', value: '1' })).status).toBe(403);
    expect((await callApi(sys, tokens.viewer, 'POST', '/stations/CON16/firmware', { location: 'https://x.example/f.bin' })).status).toBe(403);
    // Reading what was done is a viewer's.
    expect((await callApi(sys, tokens.viewer, 'GET', '/stations/CON16/operations')).status).toBe(200);
    expect(resets()).toBe(before);
  });

  it('in the console sees no operation forms, and a posted one is refused', async () => {
    const viewer = await loggedIn(VIEWER);
    const page = await viewer.get(PAGE);
    expect(page.text).toContain('Operations need the operator or owner role.');
    expect(page.text).not.toContain('/operations/reset');
    const before = resets();
    const r = await viewer.post(`${PAGE}/operations/reset`, { _csrf: ConsoleClient.csrfOf(page.text), kind: 'hard' });
    expect(r.status).toBe(403);
    expect(r.text).toContain('Your role (viewer) does not allow this; it needs operator.');
    expect(resets()).toBe(before);
  });
});

describe('an operator in the console', () => {
  let operator: ConsoleClient;
  beforeAll(async () => {
    operator = await loggedIn(OPERATOR);
  });

  it('resets the station from its page and sees the answer, then the operation listed', async () => {
    const csrf = await operator.csrf(PAGE);
    const r = await operator.post(`${PAGE}/operations/reset`, { _csrf: csrf, kind: 'soft' });
    expect(r.status).toBe(200);
    expect(r.text).toContain('<p id="operation-answer" role="status">The station accepted the reset (Accepted).</p>');
    await eventually(() => cp.isOnline() && resets() > 0, 'station back after the reset');
    const page = await operator.get(PAGE);
    expect(page.text).toMatch(/<td>Reset<\/td><td>kind soft<\/td><td>accepted \(Accepted\)<\/td><td>console:vakt@example.no<\/td>/);
    expect(page.text).toContain('<dt>Serial number</dt><dd>SN-CON16</dd>');
  });

  it('reads the configuration and changes a key from the table', async () => {
    const read = await operator.post(`${PAGE}/operations/configuration`, { _csrf: await operator.csrf(PAGE), keys: '' });
    expect(read.text).toMatch(/<td class="mono">HeartbeatInterval<\/td><td class="mono">300<\/td><td>Accepted<\/td>/);
    expect(read.text).toContain('NumberOfConnectors</td><td class="mono">1</td><td>Accepted (read-only)');
    const changed = await operator.post(`${PAGE}/operations/configuration/change`, { _csrf: ConsoleClient.csrfOf(read.text), key: 'WebSocketPingInterval', value: '45' });
    expect(changed.text).toContain('The station accepted the configuration change (RebootRequired).');
  });

  it('updates the firmware and follows its progress on the station page', async () => {
    const r = await operator.post(`${PAGE}/operations/firmware`, { _csrf: await operator.csrf(PAGE), location: 'https://files.example.com/fw.bin', retrieveAt: '' });
    expect(r.text).toContain('The station accepted the firmware update.');
    await eventually(async () => (await operator.get(PAGE)).text.includes('<td>firmware</td><td>Installed</td>'), 'firmware installed on the page');
  });

  it('is asked to confirm before making a connector with a charging session unavailable', async () => {
    await chargeUntil(sys, cp, 'CONA16', { minutes: 2, end: 'charging' });
    const ask = await operator.post(`${PAGE}/operations/availability`, { _csrf: await operator.csrf(PAGE), connectorNo: '1', available: 'no' });
    expect(ask.text).toContain('A session is charging at this station (connector 1).');
    expect(ask.text).toContain('<input type="hidden" name="confirm" value="yes">');
    expect(cp.connector(1).status).toBe('Charging');
    const confirmed = await operator.post(`${PAGE}/operations/availability`, { _csrf: ConsoleClient.csrfOf(ask.text), connectorNo: '1', available: 'no', confirm: 'yes' });
    // OCPP 1.6 §5.2: a connector in a transaction becomes unavailable when it ends.
    expect(confirmed.text).toContain('The station accepted the availability change (Scheduled).');
  });
});

describe('an owner', () => {
  it('may run operations too', async () => {
    const owner = await loggedIn(OWNER);
    const r = await owner.post(`${PAGE}/operations/trigger`, { _csrf: await owner.csrf(PAGE), message: 'Heartbeat', connectorNo: '0' });
    expect(r.text).toContain('The station accepted the trigger (Accepted).');
  });
});
