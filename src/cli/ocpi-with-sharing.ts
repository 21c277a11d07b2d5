import pino from 'pino';
import type { Config } from '../config.ts';
import { SettingsStore } from '../adapters/storage/settings-store.ts';
import { buildPublishedSites } from '../composition/feeds.ts';
import { buildOcpiSharing, type OcpiSharing } from '../composition/ocpi-sharing.ts';
import { openSecrets } from '../open-secrets.ts';
import { withDatabase } from './with-database.ts';

// The OCPI commands work on the configured database with its secrets opened
// (partner tokens are sealed with SECRETS_KEY), as the server at PUBLIC_URL.
export async function withOcpiSharing<T>(config: Config, fn: (ocpi: OcpiSharing) => Promise<T>): Promise<T> {
  return withDatabase(config, async (database) => {
    const now = () => new Date();
    const secrets = await openSecrets(config, new SettingsStore(database.db), pino({ level: 'silent' }), now);
    const publicUrl = publicUrlOf(config);
    return fn(buildOcpiSharing({ config, database, secrets, published: buildPublishedSites(config, database.db, publicUrl, now), publicUrl, now }));
  });
}

export function publicUrlOf(config: Config): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

// A problem in the command's words, and the exit code for bad input.
export function usage(command: string, problem: string): number {
  process.stderr.write(`ocpi ${command}: ${problem}\n`);
  return 2;
}
