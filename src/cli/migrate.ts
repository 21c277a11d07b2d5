import type { Config } from '../config.ts';
import { withDatabase } from './with-database.ts';

export async function runMigrate(config: Config): Promise<number> {
  await withDatabase(config, async () => undefined);
  process.stdout.write('database is up to date\n');
  return 0;
}
