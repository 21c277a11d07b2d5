import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/adapters/web/free-port.ts';
import { eventually } from '../support/eventually.ts';
import { startLadepayProcess, type LadepayProcess } from '../support/ladepay-process.ts';

const root = resolve(import.meta.dirname, '../..');

// `npm run ladepay -- <args>` as its own process, to its exit.
function ladepayCommand(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', fail);
    child.once('exit', (code) => done({ code, out, err }));
  });
}

// An operator's first steps on a fresh database file: a station added by the
// command line, then `npm start`. The demo used to assume its own site was the
// only one (a foreign key failure, and no landing URL printed).
describe('station add, then npm start, on a new SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ladepay-cli-demo-'));
  const env = { SQLITE_PATH: join(dir, 'ladepay.db'), DEMO_STATIONS: '1', DATABASE_URL: '' };
  let demo: LadepayProcess | undefined;
  afterAll(async () => {
    await demo?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds the station, says it has no tariff yet, and the demo starts beside it and prices it', async () => {
    const added = await ladepayCommand(['station', 'add', 'GARASJE-1', '--connectors', '2'], env);
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(added.out).toContain('Station GARASJE-1 added to site main.');
    expect(added.out).toContain('No tariff: site main has none');
    expect(added.out).toContain('/console/tariffs');
    const code = /Connector 1: code (\w+)/.exec(added.out)?.[1] ?? '';
    expect(code).not.toBe('');

    const port = await freePort('127.0.0.1');
    demo = await startLadepayProcess(env, port, undefined, 'demo');
    const running = demo;
    await eventually(() => running.output().includes('Console:'), 'the demo to print its URLs');
    expect(running.output()).not.toMatch(/FOREIGN KEY|SqliteError/);
    expect(running.output()).toContain(`/c/DEMO01`);
    expect((await fetch(`${running.url}/c/DEMO01`)).status).toBe(200);
    // The command-line station has the demo's operator-wide price now.
    const landing = await (await fetch(`${running.url}/c/${code}`)).text();
    expect(landing).toContain('4,99');

    // And a second station added now is told the tariff it gets.
    const second = await ladepayCommand(['station', 'add', 'GARASJE-2'], env);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/Tariff: +Standard \(operator-wide\): 4\.99 NOK\/kWh/);
  });

  it('prints what a person needs in one block, and keeps request lines and JSON out of the terminal', async () => {
    const running = demo as LadepayProcess;
    const out = running.output();
    expect(out).toMatch(/Pay and charge: +http:\/\/localhost:\d+\/c\/DEMO01/);
    expect(out).toMatch(/Console: +http:\/\/localhost:\d+\/console\n +log in as demo@ladepay\.no \/ ladepay-demo-password/);
    expect(out).toMatch(/Vipps simulator: +http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/OCPI 2\.2\.1: +http:\/\/localhost:\d+\/ocpi\/versions /);
    expect(out).toMatch(/DATEX II: +http:\/\/localhost:\d+\/datex2\/v3\/table\n +http:\/\/localhost:\d+\/datex2\/v3\/status\n/);
    expect(out).toContain('Logs below: warn and above');
    // The pages fetched above and the stations' traffic logged nothing; the terminal holds no JSON.
    for (let i = 0; i < 5; i++) expect((await fetch(`${running.url}/c/DEMO01`)).status).toBe(200);
    expect((await fetch(`${running.url}/health`)).status).toBe(200);
    expect(running.output()).not.toMatch(/^\{/m);
    expect(running.output()).not.toMatch(/incoming request|request completed/);
  });
});
