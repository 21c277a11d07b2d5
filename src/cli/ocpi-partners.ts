import type { Config } from '../config.ts';
import type { OcpiPartner } from '../usecases/ocpi/ocpi-partner.ts';
import { usage, withOcpiSharing } from './ocpi-with-sharing.ts';

function line(p: OcpiPartner): string {
  const roles = p.roles.map((r) => `${r.role} ${r.countryCode}*${r.partyId}`).join(', ') || '-';
  const push = p.push.lastAt ? `last push ${p.push.lastAt}` : 'no push yet';
  return `${p.id}  ${p.name}  ${p.state}  ${p.origin}  ${roles}  OCPI ${p.version ?? '-'}  ${push}, ${p.push.failures} failures`;
}

// `ocpi partners`: every partner, oldest first, one a line.
export async function runOcpiPartners(config: Config, args: string[]): Promise<number> {
  if (args.length > 0) return usage('partners', 'takes no arguments');
  return withOcpiSharing(config, async (ocpi) => {
    const partners = await ocpi.admin.list();
    if (partners.length === 0) process.stdout.write('No OCPI partners yet (ocpi token-a create, ocpi register, ocpi partner add).\n');
    for (const p of partners) process.stdout.write(`${line(p)}\n`);
    return 0;
  });
}

// `ocpi unregister <id>`: the partner is told (a DELETE to its credentials
// endpoint, when it has one) and every token between the two ends.
export async function runOcpiUnregister(config: Config, args: string[]): Promise<number> {
  const [id, ...rest] = args;
  if (!id || rest.length > 0) return usage('unregister', 'one partner id is required (ocpi partners lists them)');
  return withOcpiSharing(config, async (ocpi) => {
    const r = await ocpi.admin.unregister(id);
    if (!r.ok) {
      process.stderr.write(`ocpi unregister: ${r.reason === 'not_found' ? `no partner ${id}` : `partner ${id} is unregistered already`}\n`);
      return 1;
    }
    const told = r.told === 'yes' ? 'told' : r.told === 'no_endpoint' ? 'not told (no credentials endpoint to tell)' : `not told (${r.told})`;
    process.stdout.write(`Partner "${r.partner.name}" unregistered; its tokens no longer work; the partner was ${told}.\n`);
    return 0;
  });
}
