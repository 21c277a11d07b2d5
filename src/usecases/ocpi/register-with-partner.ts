import { discoverPartner } from './discover-partner.ts';
import type { PartnerBook } from './ocpi-partner-book.ts';
import { endpointOf, type OcpiPartner } from './ocpi-partner.ts';
import type { OcpiPeer } from './ocpi-peer.ts';
import { isCredentialsToken, isOcpiUrl, readCredentials } from './ocpi-wire.ts';
import { ourCredentials, type OurPlatform } from './our-platform.ts';

export type Registration =
  | { ok: true; partner: OcpiPartner }
  // bad_input: the URL or token given; unreadable / no_common_version: as
  // OCPI 3001 / 3002; no_credentials_endpoint: the partner offers none;
  // refused: the partner did not take Ladepay's credentials.
  | { ok: false; reason: 'bad_input' | 'unreadable' | 'no_common_version' | 'no_credentials_endpoint' | 'refused'; problem: string };

interface Deps {
  partners: PartnerBook;
  peer: OcpiPeer;
  us: OurPlatform & { partyId: string };
  now(): Date;
}

// OCPI 2.2.1 credentials, registration with Ladepay as the Sender: read the
// partner's versions and details with its Token A, POST Ladepay's credentials
// with a new token of Ladepay's (Token B) to its credentials endpoint, and
// keep the token it answers with (Token C) for every later call. Token B is
// stored before the POST: the partner reads Ladepay's versions with it while
// it handles the POST. A registration that fails leaves nothing behind.
export async function registerWithPartner(d: Deps, versionsUrl: string, tokenA: string, name?: string): Promise<Registration> {
  if (!isOcpiUrl(versionsUrl)) return { ok: false, reason: 'bad_input', problem: 'the versions URL must be an http(s) URL of at most 255 characters' };
  if (!isCredentialsToken(tokenA)) return { ok: false, reason: 'bad_input', problem: 'the Token A must be 1 to 64 printable ASCII characters, no spaces' };
  const found = await discoverPartner(d.peer, versionsUrl, tokenA);
  if (!found.ok) return found;
  const credentialsUrl = endpointOf(found, 'credentials');
  if (!credentialsUrl) return { ok: false, reason: 'no_credentials_endpoint', problem: `${versionsUrl} lists no credentials endpoint for ${found.version}` };

  const { partner, token: tokenB } = await d.partners.create(
    { name: name?.trim() || new URL(versionsUrl).host, origin: 'we_registered', state: 'awaiting_handshake', versionsUrl, version: found.version, endpoints: found.endpoints },
    'access',
    d.now(),
  );
  const answer = await d.peer.call('POST', credentialsUrl, tokenA, ourCredentials(d.us, tokenB));
  const theirs = answer.ok ? readCredentials(answer.data) : answer;
  if (!theirs.ok) {
    await d.partners.remove(partner.id);
    return { ok: false, reason: 'refused', problem: `POST ${credentialsUrl}: ${theirs.problem}` };
  }
  const { token, url, roles } = theirs.value;
  const accepted = await d.partners.acceptRegistration(
    partner.id,
    { version: found.version, versionsUrl: url, roles, endpoints: found.endpoints, theirToken: token, ...(name?.trim() ? {} : roles[0]?.name ? { name: roles[0].name } : {}) },
    d.now(),
  );
  const kept = await d.partners.byId(partner.id);
  if (!accepted || !kept) return { ok: false, reason: 'refused', problem: 'the partner was unregistered while its answer was on the way' };
  return { ok: true, partner: kept };
}
