import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { RunningDemo } from '../demo/start-demo.ts';
import type { Storage } from './storage.ts';

// The demo's stations, tariff and operator, with the charge-point simulators:
// loaded only by the demo command.
export async function startDemoIfAsked(
  config: Config,
  w: { storage: Storage; url: string; publicUrl: string; logger: Logger; now: () => Date },
): Promise<RunningDemo | undefined> {
  if (config.mode !== 'demo') return undefined;
  const { startDemo } = await import('../demo/start-demo.ts');
  return startDemo({ config, db: w.storage.database.db, url: w.url, publicUrl: w.publicUrl, logger: w.logger, now: w.now });
}
