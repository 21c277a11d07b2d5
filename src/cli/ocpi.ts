import type { Config } from '../config.ts';
import { runOcpiPartnerAdd } from './ocpi-partner-add.ts';
import { runOcpiPartners, runOcpiUnregister } from './ocpi-partners.ts';
import { runOcpiRegister } from './ocpi-register.ts';
import { runOcpiTokenA } from './ocpi-token-a.ts';
import { usage } from './ocpi-with-sharing.ts';

export const OCPI_HELP = `  ocpi token-a create <name>    Make a Token A for a partner that registers with Ladepay
                                (OCPI 2.2.1 credentials, docs/ocpi.md); printed once
  ocpi register <url> <token>   Register Ladepay with a partner: its versions URL and Token A
      --name N                  the partner's name (default: the name it gives)
  ocpi partner add              Add a partner by hand (an access point without credentials);
                                prints its pull token once
      --name N --country CC --party-id P   who it is (required)
      --role R                  NAP (default), EMSP, NSP, HUB, OTHER …
      --locations-url U --tariffs-url U --push-token T   where and how to push to it
  ocpi partners                 List the OCPI partners
  ocpi unregister <id>          End a partnership (the partner is told when it can be)
`;

export async function runOcpi(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'token-a':
      return runOcpiTokenA(config, rest);
    case 'register':
      return runOcpiRegister(config, rest);
    case 'partner':
      if (rest[0] === 'add') return runOcpiPartnerAdd(config, rest.slice(1));
      return usage('partner', 'the command is "ocpi partner add …"');
    case 'partners':
      return runOcpiPartners(config, rest);
    case 'unregister':
      return runOcpiUnregister(config, rest);
    default:
      return usage(sub ?? '', `unknown command\n\n${OCPI_HELP}`);
  }
}
