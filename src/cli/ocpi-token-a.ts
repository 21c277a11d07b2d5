import type { Config } from '../config.ts';
import { versionsUrl } from '../usecases/ocpi/our-platform.ts';
import { usage, withOcpiSharing } from './ocpi-with-sharing.ts';

// `ocpi token-a create <name>`: a Token A for a partner that will register
// with Ladepay (OCPI 2.2.1 credentials), printed once; only its hash is kept.
// It opens the versions and credentials modules until the partner registers.
export async function runOcpiTokenA(config: Config, args: string[]): Promise<number> {
  const [sub, name, ...rest] = args;
  if (sub !== 'create') return usage('token-a', 'the command is "ocpi token-a create <name>"');
  if (!name?.trim() || name.length > 100 || rest.length > 0) return usage('token-a create', 'one name of at most 100 characters is required (quote it if it has spaces)');
  return withOcpiSharing(config, async (ocpi) => {
    const made = await ocpi.admin.createTokenA(name);
    if (!made.ok) {
      process.stderr.write(`ocpi token-a create: ${made.problem}\n`);
      return 1;
    }
    process.stdout.write(`Token A for "${made.partner.name}" created (partner ${made.partner.id}).\n`);
    process.stdout.write(`Token:    ${made.token}   (shown once; works until the partner has registered)\n`);
    process.stdout.write(`Versions: ${versionsUrl(ocpi.us)}\n`);
    process.stdout.write('Give both to the partner; it POSTs its credentials to Ladepay with this token.\n');
    return 0;
  });
}
