import type { IssuedTokenKind, OcpiPartner, PartnerEndpoint, PartnerOrigin, PartnerRole, PartnerState } from './ocpi-partner.ts';

export interface NewPartner {
  name: string;
  origin: PartnerOrigin;
  state: PartnerState;
  versionsUrl?: string | null;
  version?: string | null;
  roles?: PartnerRole[];
  endpoints?: PartnerEndpoint[];
  theirToken?: string | null;
}

// What a handshake learns of the partner.
export interface PartnerDetails {
  version: string;
  versionsUrl: string;
  roles: PartnerRole[];
  endpoints: PartnerEndpoint[];
  theirToken: string;
  name?: string;
}

export interface TokenHolder {
  partner: OcpiPartner;
  kind: IssuedTokenKind;
}

// Ladepay's OCPI partners and the tokens between them (storage: migration
// 0018). Tokens Ladepay issues are kept as hashes; a partner's own token is
// kept sealed with SECRETS_KEY.
export interface PartnerBook {
  // With a first token of Ladepay's for it, in one transaction; the token
  // itself is in this answer only.
  create(p: NewPartner, issue: IssuedTokenKind, now: Date): Promise<{ partner: OcpiPartner; token: string }>;
  byId(id: string): Promise<OcpiPartner | undefined>;
  // Oldest first.
  list(): Promise<OcpiPartner[]>;
  // Who holds this token, when it is one of Ladepay's and not revoked.
  holderOf(token: string): Promise<TokenHolder | undefined>;
  // The handshake's end (POST, or PUT to rotate): only from the state given,
  // in one transaction: the details kept, every earlier token of Ladepay's
  // for the partner revoked (Token A, an older Token C), a new access token
  // issued and returned. Undefined when the partner was not in that state
  // (a second POST that lost the race).
  completeHandshake(partnerId: string, from: PartnerState, details: PartnerDetails, now: Date): Promise<string | undefined>;
  // Ladepay's own registration answered: the partner's details kept, the
  // access token already issued stays. False when it was not awaiting it.
  acceptRegistration(partnerId: string, details: PartnerDetails, now: Date): Promise<boolean>;
  // Every token of Ladepay's revoked, the partner's own forgotten, and the
  // partner marked unregistered. False when it was unregistered already.
  unregister(partnerId: string, now: Date): Promise<boolean>;
  // A registration of Ladepay's own that failed leaves nothing behind.
  remove(partnerId: string): Promise<void>;
  // The partner's own token, opened.
  theirToken(partnerId: string): Promise<string | undefined>;
  // A push went through: when, and how long after its change. The failures
  // it ends (0 when none were counted), once: two pushes ending one streak
  // side by side do not both report it.
  pushAccepted(partnerId: string, at: Date, delayMs: number): Promise<number>;
  // A push failed: counted, its words kept; the failures now.
  pushFailed(partnerId: string, problem: string): Promise<number>;
}
