import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { usage, withOcpiSharing } from './ocpi-with-sharing.ts';

// `ocpi register <versions-url> <token-a> [--name N]`: Ladepay registers
// itself with a partner that gave the operator its versions URL and a Token
// A. The Ladepay server must be up at PUBLIC_URL: the partner reads Ladepay's
// versions while it handles the registration.
export async function runOcpiRegister(config: Config, args: string[]): Promise<number> {
  let parsed: { values: { name?: string }; positionals: string[] };
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { name: { type: 'string' } } });
  } catch (e) {
    return usage('register', e instanceof Error ? e.message : String(e));
  }
  const [url, token, ...rest] = parsed.positionals;
  if (!url || !token || rest.length > 0) return usage('register', 'the partner’s versions URL and its Token A are required: ocpi register <versions-url> <token-a>');
  return withOcpiSharing(config, async (ocpi) => {
    const r = await ocpi.admin.registerWith(url, token, parsed.values.name);
    if (!r.ok) {
      process.stderr.write(`ocpi register: ${r.reason}: ${r.problem}\n`);
      return r.reason === 'bad_input' ? 2 : 1;
    }
    const roles = r.partner.roles.map((role) => `${role.role} ${role.countryCode}*${role.partyId}`).join(', ');
    process.stdout.write(`Registered with "${r.partner.name}" (partner ${r.partner.id}), OCPI ${r.partner.version}: ${roles}.\n`);
    return 0;
  });
}
