import type { Config } from '../config.ts';
import { OcpiPartnerStore, sealedWith } from '../adapters/storage/ocpi-partner-store.ts';
import type { OpenDatabase } from '../adapters/storage/open-database.ts';
import type { SealedSettings } from '../adapters/storage/sealed-settings.ts';
import { ocpiHttpPeer } from '../adapters/web/ocpi/ocpi-http-peer.ts';
import { credentialsExchange } from '../usecases/ocpi/credentials-exchange.ts';
import { ocpiSenders } from '../usecases/ocpi/ocpi-senders.ts';
import { partnerAdmin } from '../usecases/ocpi/partner-admin.ts';
import type { OurPlatform } from '../usecases/ocpi/our-platform.ts';
import type { PublishedSites } from '../usecases/feeds/published-sites.ts';

// OCPI partners (docs/ocpi.md): their store, Ladepay as they know it, the
// credentials handshake both ways, the operator's commands, and the Locations
// and Tariffs senders over the published view. The same for
// the server and the command line.
export function buildOcpiSharing(o: { config: Config; database: OpenDatabase; secrets: SealedSettings; published: PublishedSites; publicUrl: string; now: () => Date }) {
  const partners = new OcpiPartnerStore(o.database.db, sealedWith(o.secrets));
  const us: OurPlatform = { countryCode: o.config.operator.party.countryCode, partyId: o.config.operator.party.partyId, name: o.config.operator.name, baseUrl: `${o.publicUrl}/ocpi` };
  const peer = ocpiHttpPeer();
  return {
    partners,
    us,
    credentials: credentialsExchange({ partners, peer, us, now: o.now }),
    admin: partnerAdmin({ partners, peer, us, now: o.now }),
    senders: ocpiSenders({ view: o.published, now: o.now }),
  };
}

export type OcpiSharing = ReturnType<typeof buildOcpiSharing>;
