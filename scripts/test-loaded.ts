import { spawn } from 'node:child_process';
import { constants, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { startCpuHogs } from './cpu-hogs.ts';

// `npm run test:loaded -- [vitest arguments]`: the whole suite with two
// CPU-bound processes beside it, as on a busy shared machine. Exits with the
// suite's code; the hogs die with the suite, on Ctrl-C and on failure too.
const root = resolve(import.meta.dirname, '..');
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

const hogs = startCpuHogs(2);
console.log(`test:loaded: 2 CPU hogs (pids ${hogs.pids.join(', ')}); load average ${load()}`);
const started = Date.now();
const suite = spawn(process.execPath, [resolve(root, 'node_modules/vitest/vitest.mjs'), 'run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});

// Ctrl-C reaches the whole process group, the suite included; a signal sent
// to this process alone is passed on to the suite, which then ends.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    void hogs.stop();
    suite.kill(signal);
  });
}

suite.once('error', async (err) => {
  console.error(`test:loaded: could not run vitest: ${err.message}`);
  await hogs.stop();
  process.exit(1);
});

suite.once('exit', async (code, signal) => {
  const endLoad = load();
  await hogs.stop();
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`test:loaded: suite ${signal ? `killed by ${signal}` : `exited with ${code}`} after ${minutes} min; load average ${endLoad}`);
  process.exit(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1));
});
