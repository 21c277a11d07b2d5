import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { versionsUrl } from '../usecases/ocpi/our-platform.ts';
import { usage, withOcpiSharing } from './ocpi-with-sharing.ts';

const OPTIONS = {
  name: { type: 'string' },
  role: { type: 'string', default: 'NAP' },
  country: { type: 'string' },
  'party-id': { type: 'string' },
  'locations-url': { type: 'string' },
  'tariffs-url': { type: 'string' },
  'push-token': { type: 'string' },
} as const;

// `ocpi partner add --name N --country CC --party-id P [--role R]
// [--locations-url U] [--tariffs-url U --push-token T]`: a partner entered
// by hand (an access point that skips the credentials module). Prints the
// pull token it reads Ladepay's locations and tariffs with, once.
export async function runOcpiPartnerAdd(config: Config, args: string[]): Promise<number> {
  let values: { [K in keyof typeof OPTIONS]?: string };
  try {
    ({ values } = parseArgs({ args, options: OPTIONS }));
  } catch (e) {
    return usage('partner add', e instanceof Error ? e.message : String(e));
  }
  if (!values.name || !values.country || !values['party-id']) return usage('partner add', '--name, --country and --party-id are required');
  return withOcpiSharing(config, async (ocpi) => {
    const made = await ocpi.admin.addHandMade({
      name: values.name ?? '',
      roles: [{ role: values.role ?? 'NAP', countryCode: values.country ?? '', partyId: values['party-id'] ?? '' }],
      pushEndpoints: { ...(values['locations-url'] ? { locations: values['locations-url'] } : {}), ...(values['tariffs-url'] ? { tariffs: values['tariffs-url'] } : {}) },
      ...(values['push-token'] ? { pushToken: values['push-token'] } : {}),
    });
    if (!made.ok) return usage('partner add', made.problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    process.stdout.write(`Partner "${made.partner.name}" added (partner ${made.partner.id}).\n`);
    process.stdout.write(`Token:    ${made.token}   (shown once: the partner reads Ladepay's locations and tariffs with it)\n`);
    process.stdout.write(`Versions: ${versionsUrl(ocpi.us)}\n`);
    if (made.partner.endpoints.length > 0) process.stdout.write(`Push to:  ${made.partner.endpoints.map((e) => `${e.identifier} ${e.url}`).join(', ')}\n`);
    return 0;
  });
}
