import { spawn, type ChildProcess } from 'node:child_process';

// A busy loop in its own process: one core's worth of competition for the
// suite. It looks up every 100 ms whether its parent is still there, so a
// runner killed with SIGKILL leaves no spinning orphan behind.
const busyLoop = `
const parent = process.ppid;
let next = Date.now() + 100;
for (;;) {
  if (Date.now() >= next) {
    if (process.ppid !== parent) process.exit(0);
    next = Date.now() + 100;
  }
}
`;

export interface CpuHogs {
  pids: number[];
  stop(): Promise<void>;
}

// n CPU-bound processes, pinned to no core: the scheduler moves them about
// like any other load on a shared machine.
export function startCpuHogs(n: number): CpuHogs {
  const hogs: ChildProcess[] = Array.from({ length: n }, () => spawn(process.execPath, ['-e', busyLoop], { stdio: 'ignore' }));
  return {
    pids: hogs.map((h) => h.pid ?? -1),
    async stop() {
      await Promise.all(
        hogs.map(
          (h) =>
            new Promise<void>((resolve) => {
              if (h.exitCode !== null || h.signalCode !== null) return resolve();
              h.once('exit', () => resolve());
              h.kill('SIGKILL');
            }),
        ),
      );
    },
  };
}
