import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/adapters/web/free-port.ts';
import { startVippsSimulator, type VippsSimulator } from '../../simulators/vipps/index.ts';
import { startLadepayProcess, type LadepayProcess } from '../support/ladepay-process.ts';
import { systemEnv } from '../support/system.ts';
import type { TestDatabase } from '../support/test-database.ts';

const root = resolve(import.meta.dirname, '../..');
const withoutVipps = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('VIPPS_')));

// SQLite has one writer: a second node on the same file would run every job
// twice and hold stations the first cannot reach. It must refuse to start and
// say why (docs/deploy.md).
describe('SQLite runs one node only', () => {
  let dir: string;
  let vipps: VippsSimulator;
  let first: LadepayProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ladepay-one-node-'));
    vipps = await startVippsSimulator({ port: 0 });
    env = systemEnv({ databaseUrl: `sqlite:${join(dir, 'ladepay.db')}` } as TestDatabase, vipps, { LOG_LEVEL: 'warn' });
    first = await startLadepayProcess({ ...env, NODE_ID: 'first' }, await freePort('127.0.0.1'));
  });
  afterAll(async () => {
    await first?.stop();
    await vipps?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // The command started as a second node on the file: its exit code (null if
  // it was still running after a minute) and what it said.
  async function second(command: 'serve' | 'demo', nodeId: string): Promise<{ code: number | null; stderr: string }> {
    const port = await freePort('127.0.0.1');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', command], {
      cwd: root,
      // The demo without Vipps keys, as `npm start` runs it: with its own Vipps simulator.
      env: { ...process.env, ...(command === 'demo' ? withoutVipps(env) : env), NODE_ID: nodeId, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    const limit = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await exited;
    clearTimeout(limit);
    return { code, stderr };
  }

  it('refuses a second node on the same file with a message that names the first and PostgreSQL', async () => {
    const { code, stderr } = await second('serve', 'second');
    expect(code).toBe(78);
    expect(stderr).toMatch(/Another Ladepay node \(first, pid \d+ on .+\) is running on this SQLite database/);
    expect(stderr).toContain('SQLite runs one node only; run several nodes on PostgreSQL');
    // The first node serves on, untouched.
    expect((await fetch(`${first!.url}/health/ready`)).status).toBe(200);
  });

  it('refuses a second demo too, and leaves nothing of it running (its Vipps simulator is never started)', async () => {
    const { code, stderr } = await second('demo', 'second-demo');
    expect(code).toBe(78);
    expect(stderr).toContain('SQLite runs one node only');
  });

  it('lets a node start on the file once the first has stopped', async () => {
    await first!.stop();
    first = await startLadepayProcess({ ...env, NODE_ID: 'third' }, await freePort('127.0.0.1'));
    expect(await (await fetch(`${first.url}/health/live`)).json()).toMatchObject({ node: 'third' });
  });
});
