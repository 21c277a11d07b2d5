import type { PartnerEndpoint } from './ocpi-partner.ts';
import type { OcpiPeer } from './ocpi-peer.ts';
import { OCPI_VERSION, readVersionDetails, readVersions } from './ocpi-wire.ts';

export type Discovery =
  | { ok: true; version: string; endpoints: PartnerEndpoint[] }
  // unreadable: OCPI 3001 ("Unable to use the client's API"); no_common_version: 3002.
  | { ok: false; reason: 'unreadable' | 'no_common_version'; problem: string };

// Reads a partner's versions and the details of the one both speak: 2.2.1,
// the only version Ladepay has (OCPI 2.2.1, version information endpoint).
export async function discoverPartner(peer: OcpiPeer, versionsUrl: string, token: string): Promise<Discovery> {
  const listed = await peer.call('GET', versionsUrl, token);
  if (!listed.ok) return { ok: false, reason: 'unreadable', problem: `versions ${versionsUrl}: ${listed.problem}` };
  const versions = readVersions(listed.data);
  if (!versions.ok) return { ok: false, reason: 'unreadable', problem: `versions ${versionsUrl}: ${versions.problem}` };
  const common = versions.value.find((v) => v.version === OCPI_VERSION);
  if (!common) {
    return { ok: false, reason: 'no_common_version', problem: `the partner offers ${versions.value.map((v) => v.version).join(', ')}; Ladepay speaks OCPI ${OCPI_VERSION} only` };
  }
  const detailed = await peer.call('GET', common.url, token);
  if (!detailed.ok) return { ok: false, reason: 'unreadable', problem: `version details ${common.url}: ${detailed.problem}` };
  const details = readVersionDetails(detailed.data);
  if (!details.ok) return { ok: false, reason: 'unreadable', problem: `version details ${common.url}: ${details.problem}` };
  if (details.value.version !== OCPI_VERSION) return { ok: false, reason: 'unreadable', problem: `version details ${common.url} are for ${details.value.version}, not ${OCPI_VERSION}` };
  return { ok: true, version: OCPI_VERSION, endpoints: details.value.endpoints };
}
