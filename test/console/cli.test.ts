import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runAdminCreate } from '../../src/cli/admin-create.ts';
import { runApiTokenCreate } from '../../src/cli/api-token-create.ts';
import { runStationAdd } from '../../src/cli/station-add.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { verifyPassword } from '../../src/adapters/security/password-hash.ts';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { UserStore } from '../../src/adapters/storage/user-store.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

// The operator commands behind `npm run ladepay -- admin create` and `api-token create`.
describe.each(testDialects())('operator commands on %s', (dialect) => {
  let database: TestDatabase;
  let config: Config;
  let out: string[];
  let err: string[];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    config = loadConfig({ DATABASE_URL: database.databaseUrl, PUBLIC_URL: 'https://lad.example.no' }, 'demo');
  });
  afterAll(async () => database.drop());
  afterEach(() => vi.restoreAllMocks());

  function capture(): void {
    out = [];
    err = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  }

  it('creates an operator with a generated password printed once', async () => {
    capture();
    expect(await runAdminCreate(config, ['Drift@Example.no'])).toBe(0);
    const password = /Password: (\S+)/.exec(out.join(''))?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(out.join('')).toContain('https://lad.example.no/console');
    const user = await new UserStore(database.db).byEmail('drift@example.no');
    expect(user && (await verifyPassword(password, user.passwordHash))).toBe(true);
    expect(user?.role).toBe('owner');
  });

  it('creates a user with the role asked for, and refuses an unknown role', async () => {
    capture();
    expect(await runAdminCreate(config, ['les@example.no', '--role', 'viewer'])).toBe(0);
    expect(out.join('')).toContain('created (viewer)');
    expect((await new UserStore(database.db).byEmail('les@example.no'))?.role).toBe('viewer');
    expect(await runAdminCreate(config, ['sjef@example.no', '--role', 'admin'])).toBe(2);
    expect(err.join('')).toContain('--role must be one of viewer, operator, owner');
  });

  it('refuses a second user with the same email, a bad email and a short password', async () => {
    capture();
    expect(await runAdminCreate(config, ['drift@example.no'])).toBe(1);
    expect(await runAdminCreate(config, ['not-an-email'])).toBe(2);
    expect(await runAdminCreate(config, ['ny@example.no', '--password', 'short'])).toBe(2);
    expect(err.join('')).toContain('exists already');
    expect(await new UserStore(database.db).byEmail('ny@example.no')).toBeUndefined();
  });

  it('gives an existing operator a new password with --reset and ends their logins', async () => {
    const users = new UserStore(database.db);
    const user = (await users.byEmail('drift@example.no'))!;
    const lifetime = { absoluteMs: 3_600_000, idleMs: 3_600_000 };
    const { sessionId } = await users.startSession(user.id, new Date(), lifetime);
    capture();
    expect(await runAdminCreate(config, ['drift@example.no', '--reset', '--password', 'a-brand-new-password'])).toBe(0);
    expect(out.join('')).not.toContain('a-brand-new-password');
    expect(await verifyPassword('a-brand-new-password', (await users.byEmail('drift@example.no'))!.passwordHash)).toBe(true);
    expect(await users.session(sessionId, new Date(), lifetime)).toBeUndefined();
  });

  it('creates an API token printed once and stored only as a hash', async () => {
    capture();
    expect(await runApiTokenCreate(config, ['bookkeeping'])).toBe(0);
    const token = /Token: +(\S+)/.exec(out.join(''))?.[1] ?? '';
    expect(token).toMatch(/^lp_[A-Za-z0-9_-]{43}$/);
    expect(await new ApiTokenStore(database.db).verify(token, new Date())).toMatchObject({ name: 'bookkeeping', role: 'operator' });
    expect(await runApiTokenCreate(config, [])).toBe(2);
  });

  it('creates an API token with the role asked for, and refuses an unknown role', async () => {
    capture();
    expect(await runApiTokenCreate(config, ['dashboard', '--role', 'viewer'])).toBe(0);
    const token = /Token: +(\S+)/.exec(out.join(''))?.[1] ?? '';
    expect((await new ApiTokenStore(database.db).verify(token, new Date()))?.role).toBe('viewer');
    expect(await runApiTokenCreate(config, ['x', '--role', 'root'])).toBe(2);
    expect(await runApiTokenCreate(config, ['x', '--rol', 'viewer'])).toBe(2);
  });

  it('adds a station whose connectors carry what their type suggests for the feeds, in any case, and refuses an unknown type', async () => {
    capture();
    await new StationStore(database.db).createSite({ id: 'cli', name: 'CLI', address: '' }, new Date());
    expect(await runStationAdd(config, ['CLI-1', '--type', 'type2', '--power', '22000', '--site', 'cli'])).toBe(0);
    expect(await new StationStore(database.db).connectorAt('CLI-1', 1)).toMatchObject({ type: 'Type2', standard: 'IEC_62196_T2', powerType: 'AC_3_PHASE', maxAmperage: 32 });
    expect(await runStationAdd(config, ['CLI-2', '--type', 'Tesla'])).toBe(2);
    expect(err.join('')).toContain('--type must be one of CCS, Type2, CHAdeMO, Type1, Schuko');
  });
});
