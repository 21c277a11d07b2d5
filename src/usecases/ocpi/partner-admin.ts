import { checkHandMade, type FieldProblems, type HandMadeInput } from './hand-made-partner.ts';
import type { PartnerBook } from './ocpi-partner-book.ts';
import { endpointOf, type OcpiPartner } from './ocpi-partner.ts';
import type { OcpiPeer } from './ocpi-peer.ts';
import { registerWithPartner, type Registration } from './register-with-partner.ts';
import type { OurPlatform } from './our-platform.ts';

export interface PartnerAdminDeps {
  partners: PartnerBook;
  peer: OcpiPeer;
  us: OurPlatform;
  now(): Date;
}

const NO_PARTY = 'OCPI_PARTY_ID is not set: a partner would have no party to know the sites by (docs/feed-data.md).';

export type Issued = { ok: true; partner: OcpiPartner; token: string };

// What the operator does with OCPI partners, from the CLI, the API and the
// console alike (docs/ocpi.md).
export function partnerAdmin(d: PartnerAdminDeps) {
  return {
    list: (): Promise<OcpiPartner[]> => d.partners.list(),
    byId: (id: string): Promise<OcpiPartner | undefined> => d.partners.byId(id),

    // A Token A for a partner that will register with Ladepay; shown once.
    async createTokenA(name: string): Promise<Issued | { ok: false; problem: string }> {
      if (!d.us.partyId) return { ok: false, problem: NO_PARTY };
      const trimmed = name.trim();
      if (trimmed.length < 1 || trimmed.length > 100) return { ok: false, problem: 'a name of 1 to 100 characters is required' };
      const made = await d.partners.create({ name: trimmed, origin: 'they_registered', state: 'awaiting_handshake' }, 'token_a', d.now());
      return { ok: true, ...made };
    },

    // A partner entered by hand: its pull token (shown once) and, when given,
    // its push endpoints and token.
    async addHandMade(input: HandMadeInput): Promise<Issued | { ok: false; problems: FieldProblems }> {
      if (!d.us.partyId) return { ok: false, problems: [{ field: 'partyId', message: NO_PARTY }] };
      const checked = checkHandMade(input);
      if (!checked.ok) return checked;
      const { name, roles, endpoints, pushToken } = checked.value;
      const made = await d.partners.create({ name, origin: 'hand_made', state: 'registered', roles, endpoints, theirToken: pushToken }, 'access', d.now());
      return { ok: true, ...made };
    },

    // Ladepay registers itself with a partner that gave the operator its
    // versions URL and a Token A.
    async registerWith(versionsUrl: string, tokenA: string, name?: string): Promise<Registration> {
      if (!d.us.partyId) return { ok: false, reason: 'bad_input', problem: NO_PARTY };
      return registerWithPartner({ ...d, us: { ...d.us, partyId: d.us.partyId } }, versionsUrl, tokenA, name);
    },

    // Ends the partnership: the partner told first when Ladepay can tell it
    // (a DELETE to its credentials endpoint with its token), then every token
    // of Ladepay's revoked and its own forgotten, whatever it answered.
    async unregister(id: string): Promise<{ ok: true; partner: OcpiPartner; told: 'yes' | 'no_endpoint' | string } | { ok: false; reason: 'not_found' | 'unregistered_already' }> {
      const partner = await d.partners.byId(id);
      if (!partner) return { ok: false, reason: 'not_found' };
      if (partner.state === 'unregistered') return { ok: false, reason: 'unregistered_already' };
      const told = await tell(d, partner);
      await d.partners.unregister(id, d.now());
      return { ok: true, partner: (await d.partners.byId(id)) ?? partner, told };
    },
  };
}

async function tell(d: PartnerAdminDeps, partner: OcpiPartner): Promise<'yes' | 'no_endpoint' | string> {
  const url = partner.state === 'registered' && partner.origin !== 'hand_made' ? endpointOf(partner, 'credentials') : undefined;
  const token = url ? await d.partners.theirToken(partner.id) : undefined;
  if (!url || !token) return 'no_endpoint';
  const answer = await d.peer.call('DELETE', url, token);
  return answer.ok ? 'yes' : answer.problem;
}

export type PartnerAdmin = ReturnType<typeof partnerAdmin>;
