import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { eventually } from './eventually.ts';

const root = resolve(import.meta.dirname, '../..');

// Ladepay as a real operating-system process, the way `npm run ladepay -- serve`
// runs it, so a test can kill it with SIGKILL and start it again.
export interface LadepayProcess {
  url: string;
  kill9(): Promise<void>;
  stop(): Promise<void>;
  output(): string;
}

export async function startLadepayProcess(env: Record<string, string>, port: number): Promise<LadepayProcess> {
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`ladepay exited: ${out}`);
      const res = await fetch(`${url}/health/live`).catch(() => undefined);
      return res?.ok;
    },
    'ladepay process up',
    60_000,
  );
  return {
    url,
    output: () => out,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
