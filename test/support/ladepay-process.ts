import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

// Starting Ladepay costs about 2.5 s of CPU (tsx and the libraries load before
// anything listens); on a busy two-core machine that is easily ten times as
// long in wall time. The limit only stops a process that will never come up.
export const PROCESS_START_LIMIT_MS = 120_000;

// Ladepay as a real operating-system process, the way `npm run ladepay -- serve`
// (or `npm start`, the demo) runs it, so a test can kill it with SIGKILL and
// start it again.
export interface LadepayProcess {
  url: string;
  pid: number;
  exited: Promise<void>; // however it ends
  kill9(): Promise<void>;
  // SIGTERM, without waiting: the process shuts down while the test watches (await `exited`).
  terminate(): void;
  stop(): Promise<void>; // SIGTERM, and waits for the exit
  output(): string;
}

export async function startLadepayProcess(
  env: Record<string, string>,
  port: number,
  startLimitMs = PROCESS_START_LIMIT_MS,
  command: 'serve' | 'demo' = 'serve',
): Promise<LadepayProcess> {
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', command], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(child, url, startLimitMs, () => out);
  } catch (e) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    throw e;
  }
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    pid: child.pid as number,
    exited,
    output: () => out,
    async kill9() {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
    terminate() {
      if (running()) child.kill('SIGTERM');
    },
    async stop() {
      if (running()) child.kill('SIGTERM');
      await exited;
    },
  };
}

// Until /health/live answers 200: the process listens, its workers run.
async function waitForHealth(child: ChildProcess, url: string, limitMs: number, output: () => string): Promise<void> {
  const started = Date.now();
  let lastError = 'no answer yet';
  while (Date.now() - started < limitMs) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Ladepay (pid ${child.pid}) exited with ${child.exitCode ?? child.signalCode} before it was up; its output:\n${output()}`);
    }
    try {
      const res = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
    } catch (e) {
      lastError = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `Ladepay (pid ${child.pid}) did not answer ${url}/health/live within ${limitMs / 1000} s (last: ${lastError}); its output:\n${output() || '(none)'}`,
  );
}
