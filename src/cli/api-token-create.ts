import type { Config } from '../config.ts';
import { ApiTokenStore } from '../adapters/storage/api-token-store.ts';
import { withDatabase } from './with-database.ts';

// `api-token create <name>`: a bearer token for the REST API, printed once;
// only its hash is stored.
export async function runApiTokenCreate(config: Config, args: string[]): Promise<number> {
  const name = args[0]?.trim();
  if (!name || name.length > 100 || args.length > 1) {
    process.stderr.write('api-token create: one name of at most 100 characters is required (quote it if it has spaces)\n');
    return 2;
  }
  return withDatabase(config, async ({ db }) => {
    const { token } = await new ApiTokenStore(db).create(name, new Date());
    process.stdout.write(`API token "${name}" created.\n`);
    process.stdout.write(`Token:    ${token}   (shown once)\n`);
    process.stdout.write(`Use:      Authorization: Bearer ${token}\n`);
    process.stdout.write(`API docs: ${config.publicUrl ?? `http://localhost:${config.port}`}/docs\n`);
    return 0;
  });
}
