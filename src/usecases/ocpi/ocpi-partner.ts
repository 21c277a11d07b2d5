// An OCPI partner of Ladepay's (docs/ocpi.md): another platform that reads
// Ladepay's sites (an eMSP, a navigation service, a national access point …)
// and, when it offers a Receiver endpoint, has changes pushed to it.
//
// How it came to be:
// - `they_registered`: the operator gave it a Token A; it POSTed its
//   credentials to Ladepay (OCPI 2.2.1 credentials module, registration).
// - `we_registered`: Ladepay POSTed its own credentials to the partner's
//   credentials endpoint, with the Token A the partner gave the operator.
// - `hand_made`: entered by the operator, for access points that skip the
//   credentials module (the Dutch NAP): a pull token Ladepay issues, and
//   optionally the partner's push endpoints and their token.
export const PARTNER_ORIGINS = ['they_registered', 'we_registered', 'hand_made'] as const;
export type PartnerOrigin = (typeof PARTNER_ORIGINS)[number];

// awaiting_handshake: a Token A is out, or Ladepay's own POST is under way.
export const PARTNER_STATES = ['awaiting_handshake', 'registered', 'unregistered'] as const;
export type PartnerState = (typeof PARTNER_STATES)[number];

// OCPI 2.2.1 CredentialsRole, kept as the partner gave it (the role is not
// checked against the Role enum: a newer partner may name one 2.2.1 lacks).
export interface PartnerRole {
  role: string;
  countryCode: string;
  partyId: string;
  name?: string; // business_details.name
}

// OCPI 2.2.1 Endpoint (version details).
export interface PartnerEndpoint {
  identifier: string;
  role: string; // SENDER or RECEIVER
  url: string;
}

// The pushes to the partner (docs/ocpi.md, "Pushing changes"): the last that
// went through and how long it took from the change, the failures since and
// the last failure's words, and what waits in its queue now.
export interface PushRecord {
  lastAt: string | null;
  failures: number;
  lastError: string | null;
  lastDelayMs: number | null;
  queued: number;
  waitingSince: string | null; // when the oldest push still waiting was queued
}

export interface OcpiPartner {
  id: string;
  name: string;
  origin: PartnerOrigin;
  state: PartnerState;
  version: string | null; // the OCPI version in use: 2.2.1 once registered
  versionsUrl: string | null; // the partner's versions endpoint
  roles: PartnerRole[];
  endpoints: PartnerEndpoint[];
  // Whether Ladepay holds a token to call the partner (kept sealed).
  hasTheirToken: boolean;
  push: PushRecord;
  createdAt: string;
  updatedAt: string;
}

// The tokens Ladepay issues to a partner (only their hashes are kept):
// token_a opens only versions and credentials, for the handshake; access is
// the partner's everyday token (OCPI's Token C, or Token B when Ladepay
// registers itself, or a hand-made partner's pull token).
export type IssuedTokenKind = 'token_a' | 'access';

// The endpoint of a module the partner offers, in the role given.
export function endpointOf(partner: Pick<OcpiPartner, 'endpoints'>, identifier: string, role?: string): string | undefined {
  return partner.endpoints.find((e) => e.identifier === identifier && (role === undefined || e.role === role))?.url;
}
