import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

export interface NodeChild {
  readonly pid: number;
  readonly process: ChildProcess;
  output(): string;
  exited(): boolean;
  // SIGTERM, then SIGKILL if it is still there after graceMs.
  stop(graceMs?: number): Promise<void>;
}

// A Node.js child process running TypeScript through tsx's loader in the same
// process (no extra launcher process, so /proc/<pid> is the program itself).
// The shell raises the soft open-files limit to the hard one first: every
// socket is a file, and thousands of stations need thousands of them.
export function startNodeChild(o: { script: string; args?: string[]; env?: Record<string, string>; nodeArgs?: string[]; ipc?: boolean }): NodeChild {
  const argv = [...(o.nodeArgs ?? []), '--import', 'tsx', o.script, ...(o.args ?? [])];
  const child = spawn('bash', ['-c', 'ulimit -n "$(ulimit -Hn)" && exec "$0" "$@"', process.execPath, ...argv], {
    cwd: ROOT,
    env: { ...process.env, ...o.env },
    stdio: o.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`could not start ${o.script}`);
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-50_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exit = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    pid: child.pid,
    process: child,
    output: () => out,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    async stop(graceMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}
