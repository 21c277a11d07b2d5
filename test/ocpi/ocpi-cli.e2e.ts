import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runOcpi } from '../../src/cli/ocpi.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { startAccessPoint, type AccessPoint } from '../support/ocpi-access-point.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { testDialects } from '../support/test-database.ts';

// `npm run ladepay -- ocpi …` against a running Ladepay on the same database
// and a test access point.
describe.each(testDialects())('ocpi commands on %s', (dialect) => {
  let sys: TestSystem;
  let ap: AccessPoint;
  let config: Config;
  let out: string[];
  let err: string[];

  beforeAll(async () => {
    sys = await startSystem({ dialect, env: { OCPI_PARTY_ID: 'LDP' } });
    ap = await startAccessPoint();
    config = loadConfig({ ...sys.env, PUBLIC_URL: sys.ladepay.url }, 'serve');
  });
  afterAll(async () => {
    await ap?.stop();
    await sys?.stop();
  });
  afterEach(() => vi.restoreAllMocks());

  async function run(...args: string[]): Promise<number> {
    out = [];
    err = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
    const code = await runOcpi(config, args);
    vi.restoreAllMocks();
    return code;
  }
  const printedToken = () => /Token: +(\S+)/.exec(out.join(''))?.[1] ?? '';

  it('makes a Token A printed once, with Ladepay’s versions URL, that a partner registers with', async () => {
    expect(await run('token-a', 'create', 'Roaming hub')).toBe(0);
    const token = printedToken();
    expect(token).toMatch(/^lpo_/);
    expect(out.join('')).toContain(`Versions: ${sys.ladepay.url}/ocpi/versions`);
    expect((await ap.registerWith(`${sys.ladepay.url}/ocpi/versions`, token)).json).toMatchObject({ status_code: 1000 });
    expect(await run('token-a', 'create')).toBe(2);
    expect(await run('token-a', 'make', 'x')).toBe(2);
  });

  it('adds a partner by hand and prints its pull token; refuses bad flags naming them', async () => {
    expect(
      await run('partner', 'add', '--name', 'Dutch NAP', '--country', 'nl', '--party-id', 'ndw', '--locations-url', 'https://nap.example/ocpi/2.2.1/locations', '--push-token', 'their-push-token'),
    ).toBe(0);
    expect(out.join('')).toContain('Push to:  locations https://nap.example/ocpi/2.2.1/locations');
    const pull = printedToken();
    expect((await ap.call('GET', `${sys.ladepay.url}/ocpi/versions`, { token: pull })).status).toBe(200);
    expect(await run('partner', 'add', '--name', 'x', '--country', 'NLD', '--party-id', 'N', '--role', 'KING')).toBe(2);
    expect(err.join('')).toMatch(/roles\/0\/role: one of CPO, EMSP, HUB, NAP, NSP, OTHER, SCSP; roles\/0\/countryCode: .*; roles\/0\/partyId: 3 letters or digits/);
    expect(await run('partner', 'add', '--name', 'x', '--country', 'NL', '--party-id', 'NDW', '--tariffs-url', 'https://nap.example/t')).toBe(2);
    expect(err.join('')).toContain('pushToken');
    expect(await run('partner', 'add', '--country', 'NL')).toBe(2);
  });

  it('registers Ladepay with a partner, lists the partners and unregisters one', async () => {
    const other = await startAccessPoint();
    try {
      expect(await run('register', other.versionsUrl, other.issueTokenA(), '--name', 'Finnish NAP')).toBe(0);
      expect(out.join('')).toMatch(/Registered with "Finnish NAP" \(partner [0-9a-f-]+\), OCPI 2\.2\.1: NAP NL\*NDW\./);
      expect(await run('register', other.versionsUrl)).toBe(2);
      expect(await run('register', 'ftp://x', 'token')).toBe(2);

      expect(await run('partners')).toBe(0);
      const lines = out.join('').trim().split('\n');
      expect(lines.map((l) => l.split('  ')[1])).toEqual(['Roaming hub', 'Dutch NAP', 'Finnish NAP']);
      expect(lines[2]).toContain('registered  we_registered  NAP NL*NDW  OCPI 2.2.1  no push yet, 0 failures');

      const id = lines[2]?.split('  ')[0] ?? '';
      expect(await run('unregister', id)).toBe(0);
      expect(out.join('')).toContain('the partner was told');
      expect(other.received.at(-1)?.method).toBe('DELETE');
      expect(await run('unregister', id)).toBe(1);
      expect(await run('unregister', 'no-such-partner')).toBe(1);
      expect(await run('unregister')).toBe(2);
    } finally {
      await other.stop();
    }
  });

  it('refuses a Token A while OCPI_PARTY_ID is not set', async () => {
    const without = loadConfig({ ...sys.env, PUBLIC_URL: sys.ladepay.url, OCPI_PARTY_ID: '' }, 'serve');
    out = [];
    err = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
    expect(await runOcpi(without, ['token-a', 'create', 'x'])).toBe(1);
    expect(err.join('')).toContain('OCPI_PARTY_ID is not set');
  });
});
