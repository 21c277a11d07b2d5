import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyStationSecret } from '../../src/adapters/security/station-secret.ts';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import { runStationAdd } from '../../src/cli/station-add.ts';
import { loadConfig } from '../../src/config.ts';
import { ConsoleClient } from '../console/console-client.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';

// A hand-picked station password is kept with a fast hash only when it is as
// strong as a generated one; otherwise the CLI, the console and the API refuse
// it and say why.
const ADMIN = { email: 'drift@example.no', password: 'a-long-console-password' };
const WEAK = 'min-ladestasjon-2024';
const STRONG = '9c4e1a7f03b2d85e6a1c4f7b2e9d0a3c5b8e1f46';

let sys: TestSystem;

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect(), env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
});
afterAll(async () => sys.stop());
afterEach(() => vi.restoreAllMocks());

async function storedHash(id: string): Promise<string | undefined> {
  const row = await sys.ladepay.database.db.selectFrom('stations').select('password_hash').where('id', '=', id).executeTakeFirst();
  return row?.password_hash;
}

describe('hand-picked station passwords', () => {
  it('station add: refuses a weak --password with the reason, keeps a strong one, prints a generated one', async () => {
    const config = loadConfig({ DATABASE_URL: sys.database.databaseUrl }, 'demo');
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
    expect(await runStationAdd(config, ['CLI-WEAK', '--site', 'site', '--password', WEAK])).toBe(2);
    expect(err.join('')).toMatch(/--password: The password is too guessable \(about \d+ bits\); it needs 16 to 40 characters/);
    expect(await storedHash('CLI-WEAK')).toBeUndefined();

    expect(await runStationAdd(config, ['CLI-STRONG', '--site', 'site', '--password', STRONG])).toBe(0);
    expect(await verifyStationSecret(Buffer.from(STRONG), await storedHash('CLI-STRONG'))).toBe(true);

    out.length = 0;
    expect(await runStationAdd(config, ['CLI-GEN', '--site', 'site'])).toBe(0);
    const printed = /Password: +([2-9A-HJ-NP-Z]{32}) /.exec(out.join(''))?.[1];
    expect(printed).toBeDefined();
    expect(await verifyStationSecret(Buffer.from(printed ?? ''), await storedHash('CLI-GEN'))).toBe(true);
  });

  it('console: the new-station form refuses a weak password in the field, and takes a strong one', async () => {
    const client = new ConsoleClient(sys.ladepay.url);
    await client.login(ADMIN.email, ADMIN.password);
    const csrf = await client.csrf('/console/stations/new');
    const form = { _csrf: csrf, name: 'Lader', siteId: 'site', connectors: '1', type: 'CCS', power: '50' };
    const weak = await client.post('/console/stations', { ...form, id: 'FORM-WEAK', password: WEAK });
    expect(weak.status).toBe(400);
    expect(weak.text).toMatch(/class="field-error" id="password-error">The password is too guessable/);
    expect(weak.text).not.toContain(WEAK);
    expect(await storedHash('FORM-WEAK')).toBeUndefined();
    const strong = await client.post('/console/stations', { ...form, id: 'FORM-STRONG', password: STRONG });
    expect(strong.status).toBe(201);
    expect(await verifyStationSecret(Buffer.from(STRONG), await storedHash('FORM-STRONG'))).toBe(true);
  });

  it('API: refuses a weak password with 400 and the reason, on a new station and a new password', async () => {
    const token = (await new ApiTokenStore(sys.ladepay.database.db).create('security', new Date())).token;
    const call = async (path: string, body: unknown) => {
      const res = await fetch(`${sys.ladepay.url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as { message?: string; password?: string } };
    };
    const station = { id: 'API-PW', name: 'Lader', siteId: 'site', connectors: [{ type: 'CCS', maxPowerW: 50_000 }] };
    const weak = await call('/stations', { ...station, password: WEAK });
    expect(weak.status).toBe(400);
    expect(weak.json.message).toMatch(/^body\/password: The password is too guessable/);
    expect(await storedHash('API-PW')).toBeUndefined();
    const made = await call('/stations', { ...station, password: STRONG });
    expect(made.status).toBe(201);
    expect(made.json.password).toBe(STRONG);
    expect((await call('/stations/API-PW/password', { password: 'kort' })).status).toBe(400);
    expect(await verifyStationSecret(Buffer.from(STRONG), await storedHash('API-PW'))).toBe(true);
  });
});
