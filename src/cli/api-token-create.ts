import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { isRole, ROLES } from '../core/operator-role.ts';
import { ApiTokenStore } from '../adapters/storage/api-token-store.ts';
import { withDatabase } from './with-database.ts';

// `api-token create <name> [--role R]`: a bearer token for the REST API, an
// operator's unless --role says otherwise, printed once; only its hash is stored.
export async function runApiTokenCreate(config: Config, args: string[]): Promise<number> {
  let parsed: { values: { role?: string }; positionals: string[] };
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { role: { type: 'string', default: 'operator' } } });
  } catch (e) {
    process.stderr.write(`api-token create: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const name = parsed.positionals[0]?.trim();
  const role = parsed.values.role;
  if (!name || name.length > 100 || parsed.positionals.length > 1) {
    process.stderr.write('api-token create: one name of at most 100 characters is required (quote it if it has spaces)\n');
    return 2;
  }
  if (!isRole(role)) {
    process.stderr.write(`api-token create: --role must be one of ${ROLES.join(', ')}\n`);
    return 2;
  }
  return withDatabase(config, async ({ db }) => {
    const { token } = await new ApiTokenStore(db).create(name, new Date(), role);
    process.stdout.write(`API token "${name}" created (${role}).\n`);
    process.stdout.write(`Token:    ${token}   (shown once)\n`);
    process.stdout.write(`Use:      Authorization: Bearer ${token}\n`);
    process.stdout.write(`API docs: ${config.publicUrl ?? `http://localhost:${config.port}`}/docs\n`);
    return 0;
  });
}
