import { discoverPartner } from './discover-partner.ts';
import type { PartnerBook, TokenHolder } from './ocpi-partner-book.ts';
import type { OcpiPeer } from './ocpi-peer.ts';
import { readCredentials } from './ocpi-wire.ts';
import { ourCredentials, type OurPlatform } from './our-platform.ts';

export interface CredentialsExchangeDeps {
  partners: PartnerBook;
  peer: OcpiPeer;
  us: OurPlatform;
  now(): Date;
}

// Why a credentials request is refused, each answered in one place (the OCPI
// routes): not_allowed 405 (POST when registered, PUT or DELETE before),
// bad_credentials 2001, unreadable 3001 (the partner's versions could not be
// read), no_common_version 3002, no_party 3000 (OCPI_PARTY_ID unset).
export type CredentialsRefusal = 'not_allowed' | 'bad_credentials' | 'unreadable' | 'no_common_version' | 'no_party';

export type CredentialsOutcome = { ok: true; credentials: ReturnType<typeof ourCredentials> } | { ok: false; refusal: CredentialsRefusal; message: string };

// The receiving side of the OCPI 2.2.1 credentials module: a partner holding
// a Token A registers (POST), a registered partner updates its credentials
// and gets a new token (PUT), or unregisters (DELETE).
export function credentialsExchange(d: CredentialsExchangeDeps) {
  const party = (): (OurPlatform & { partyId: string }) | undefined => (d.us.partyId ? { ...d.us, partyId: d.us.partyId } : undefined);

  // POST and PUT alike: read the partner's credentials, read its versions
  // with its token, keep what it offers and answer with a new token.
  const exchange = async (holder: TokenHolder, body: unknown, from: 'awaiting_handshake' | 'registered'): Promise<CredentialsOutcome> => {
    const us = party();
    if (!us) return { ok: false, refusal: 'no_party', message: 'This platform has no OCPI party id yet (OCPI_PARTY_ID).' };
    const given = readCredentials(body);
    if (!given.ok) return { ok: false, refusal: 'bad_credentials', message: given.problem };
    const found = await discoverPartner(d.peer, given.value.url, given.value.token);
    if (!found.ok) return { ok: false, refusal: found.reason, message: found.problem };
    const details = { version: found.version, versionsUrl: given.value.url, roles: given.value.roles, endpoints: found.endpoints, theirToken: given.value.token };
    const token = await d.partners.completeHandshake(holder.partner.id, from, details, d.now());
    if (!token) return { ok: false, refusal: 'not_allowed', message: from === 'registered' ? 'Not registered.' : 'Registered already: use PUT to update the credentials.' };
    return { ok: true, credentials: ourCredentials(us, token) };
  };

  return {
    // GET: the credentials the partner uses with Ladepay (the token it sent).
    current(token: string): CredentialsOutcome {
      const us = party();
      if (!us) return { ok: false, refusal: 'no_party', message: 'This platform has no OCPI party id yet (OCPI_PARTY_ID).' };
      return { ok: true, credentials: ourCredentials(us, token) };
    },

    // OCPI 2.2.1: POST "MUST return a HTTP status code 405: method not
    // allowed if the client has already been registered before".
    async register(holder: TokenHolder, body: unknown): Promise<CredentialsOutcome> {
      if (holder.kind !== 'token_a' || holder.partner.state !== 'awaiting_handshake') {
        return { ok: false, refusal: 'not_allowed', message: 'Registered already: use PUT to update the credentials.' };
      }
      return exchange(holder, body, 'awaiting_handshake');
    },

    // PUT: the partner's new token or endpoints (the version re-read even when
    // unchanged), and a new token of Ladepay's; 405 before registration.
    async update(holder: TokenHolder, body: unknown): Promise<CredentialsOutcome> {
      if (holder.kind !== 'access' || holder.partner.state !== 'registered') return { ok: false, refusal: 'not_allowed', message: 'Not registered: POST the credentials first.' };
      return exchange(holder, body, 'registered');
    },

    // DELETE: both sides end all automated communication; 405 before registration.
    async unregister(holder: TokenHolder): Promise<{ ok: true } | { ok: false; refusal: 'not_allowed'; message: string }> {
      if (holder.kind !== 'access' || holder.partner.state !== 'registered') return { ok: false, refusal: 'not_allowed', message: 'Not registered.' };
      await d.partners.unregister(holder.partner.id, d.now());
      return { ok: true };
    },
  };
}

export type CredentialsExchange = ReturnType<typeof credentialsExchange>;
