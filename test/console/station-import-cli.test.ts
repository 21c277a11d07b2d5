import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyStationSecret } from '../../src/adapters/security/station-secret.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { runStationImport } from '../../src/cli/station-import.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/test-database.ts';

// `npm run ladepay -- station import file.csv [--dry-run]`.
describe.each(testDialects())('station import on the command line, %s', (dialect) => {
  let database: TestDatabase;
  let config: Config;
  const dir = mkdtempSync(join(tmpdir(), 'ladepay-import-'));
  let out: string[];
  let err: string[];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    config = loadConfig({ DATABASE_URL: database.databaseUrl, PUBLIC_URL: 'https://lad.example.no' }, 'demo');
    await new StationStore(database.db).createSite({ id: 'kaia', name: 'Kaia', address: 'Kaigata 1' }, new Date());
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => vi.restoreAllMocks());

  function capture(): void {
    out = [];
    err = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  }

  function file(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it('lists the plan on a dry run and changes nothing, then imports and prints each new password once', async () => {
    const csv = file('fleet.csv', 'station_id;site_id;connector_no;type;max_power_kw\nCLI-1;kaia;1;CCS;50\nCLI-1;kaia;2;CCS;50\n');
    capture();
    expect(await runStationImport(config, [csv, '--dry-run'])).toBe(0);
    expect(out.join('')).toContain('lines 2, 3: create station CLI-1 "CLI-1" on site kaia with connectors #1 CCS 50 kW, #2 CCS 50 kW; a password is made');
    expect(out.join('')).toContain('Dry run: nothing was changed.');
    expect(await new StationStore(database.db).station('CLI-1')).toBeUndefined();

    capture();
    expect(await runStationImport(config, [csv])).toBe(0);
    const password = /Station CLI-1: password (\S+)/.exec(out.join(''))?.[1] ?? '';
    const stored = await new StationStore(database.db).findCredentials('CLI-1');
    expect(await verifyStationSecret(Buffer.from(password), stored?.passwordHash)).toBe(true);
    expect(out.join('')).toMatch(/connector 2: code \w+ {2}https:\/\/lad\.example\.no\/c\/\w+/);
  });

  it('refuses a file with errors, naming each line, and imports nothing', async () => {
    const csv = file('bad.csv', 'station_id,site_id,connector_no,type,max_power_kw\nCLI-2,kaia,1,CCS,50\nCLI-3,nowhere,1,CCS,50\n');
    capture();
    expect(await runStationImport(config, [csv])).toBe(1);
    expect(out.join('')).toContain('line 3: error: no active site "nowhere"');
    expect(out.join('')).toContain('1 error(s): nothing was imported.');
    expect(await new StationStore(database.db).station('CLI-2')).toBeUndefined();
    capture();
    expect(await runStationImport(config, [join(dir, 'missing.csv')])).toBe(2);
    expect(err.join('')).toContain('cannot read');
  });
});
