import { endpointOf, type OcpiPartner } from './ocpi-partner.ts';

// Where a partner takes pushes: a registered partner Ladepay holds a token
// for, with a Receiver endpoint of Locations or Tariffs (learnt from its
// version details in the credentials handshake, or entered by hand), and a
// party to address them to (the OCPI-to-* routing headers: its first role;
// a hub's own party, so the hub broadcasts them).
export interface PushTarget {
  partnerId: string;
  locations: string | undefined;
  tariffs: string | undefined;
  to: { countryCode: string; partyId: string };
  // Since when it takes them: a change older than this reaches it as news now.
  since: string;
}

export function pushTargetOf(p: OcpiPartner): PushTarget | undefined {
  const role = p.roles[0];
  if (p.state !== 'registered' || !p.hasTheirToken || !role) return undefined;
  const locations = endpointOf(p, 'locations', 'RECEIVER');
  const tariffs = endpointOf(p, 'tariffs', 'RECEIVER');
  if (!locations && !tariffs) return undefined;
  return { partnerId: p.id, locations, tariffs, to: { countryCode: role.countryCode, partyId: role.partyId }, since: p.updatedAt };
}

export function pushTargets(partners: readonly OcpiPartner[]): PushTarget[] {
  return partners.map(pushTargetOf).filter((t): t is PushTarget => t !== undefined);
}
