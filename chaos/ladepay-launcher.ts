import { ConfigError, loadConfig } from '../src/config.ts';
import { startLadepay } from '../src/start-ladepay.ts';
import { worldClock } from './world-clock.ts';

// Ladepay as `ladepay serve` runs it, but on the chaos world's clock: the
// configuration is read the normal way from the environment, and only the
// clock is injected (CHAOS_WORLD_EPOCH_MS, CHAOS_TIME_SCALE), so the same
// world time continues across a SIGKILL and a restart. Production code has no
// branch for this; this file is the only place Ladepay's time is scaled.

function number(name: string): number {
  const raw = process.env[name];
  const value = Number(raw);
  if (raw === undefined || !Number.isFinite(value)) throw new Error(`${name} must be a number (got "${raw ?? ''}")`);
  return value;
}

async function main(): Promise<void> {
  const clock = worldClock(number('CHAOS_WORLD_EPOCH_MS'), number('CHAOS_TIME_SCALE'));
  const config = loadConfig(process.env, 'serve');
  const ladepay = await startLadepay(config, { now: clock.now });
  process.stdout.write(`chaos: Ladepay listening on ${ladepay.url} (pid ${process.pid})\n`);
  const shutdown = () => {
    ladepay.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  // The chaos run that started this process is gone (killed itself): stop too.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(1);
  }, 1_000).unref();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof ConfigError || !(e instanceof Error) ? String(e) : (e.stack ?? e.message)}\n`);
  process.exit(1);
});
