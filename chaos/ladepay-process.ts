import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

// Ladepay as a real operating-system process (chaos/ladepay-launcher.ts), its
// output appended to a log file, so the run can kill it with SIGKILL at any
// moment and start it again on the same database.
export interface LadepayProcess {
  readonly url: string;
  readonly pid: number;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export async function startLadepayProcess(o: { env: Record<string, string>; port: number; logFile: string; upWithinMs?: number }): Promise<LadepayProcess> {
  const log = openSync(o.logFile, 'a');
  // The soft open-files limit up to the hard one: every station socket is a file.
  const child: ChildProcess = spawn('bash', ['-c', 'ulimit -n "$(ulimit -Hn)" && exec "$0" "$@"', process.execPath, '--import', 'tsx', 'chaos/ladepay-launcher.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...o.env, PORT: String(o.port), HOST: '127.0.0.1' },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error('could not start Ladepay');
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  // Ladepay never outlives the run that started it.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  void exited.then(() => process.off('exit', orphanGuard));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const url = `http://127.0.0.1:${o.port}`;
  const deadline = Date.now() + (o.upWithinMs ?? 120_000);
  for (;;) {
    if (gone()) throw new Error(`Ladepay exited during start-up (see ${o.logFile})`);
    const res = await fetch(`${url}/health/live`).catch(() => undefined);
    if (res?.ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Ladepay did not answer /health/live in time (see ${o.logFile})`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    pid: child.pid,
    async kill9() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (gone()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
