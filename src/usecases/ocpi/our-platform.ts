import { OCPI_VERSION } from './ocpi-wire.ts';

// Ladepay as its OCPI partners know it: the operator (OCPI_COUNTRY_CODE,
// OCPI_PARTY_ID, OPERATOR_NAME) as a CPO, and where its interface is.
export interface OurPlatform {
  countryCode: string;
  // Unset: no credentials can be exchanged (docs/feed-data.md: without a party id nothing is shared).
  partyId: string | undefined;
  name: string;
  // The public address the interface is under: {publicUrl}/ocpi.
  baseUrl: string;
}

export const versionsUrl = (p: Pick<OurPlatform, 'baseUrl'>): string => `${p.baseUrl}/versions`;
export const detailsUrl = (p: Pick<OurPlatform, 'baseUrl'>): string => `${p.baseUrl}/${OCPI_VERSION}`;
export const moduleUrl = (p: Pick<OurPlatform, 'baseUrl'>, module: 'credentials' | 'locations' | 'tariffs'): string => `${detailsUrl(p)}/${module}`;

// OCPI 2.2.1 Credentials object with one CredentialsRole: CPO.
export function ourCredentials(p: OurPlatform & { partyId: string }, token: string) {
  return {
    token,
    url: versionsUrl(p),
    roles: [{ role: 'CPO', party_id: p.partyId, country_code: p.countryCode, business_details: { name: p.name.slice(0, 100) } }],
  };
}

// OCPI 2.2.1 version details: credentials (the role "is not relevant"; the
// spec advises SENDER for one's own) and the two modules Ladepay sends.
export function ourEndpoints(p: Pick<OurPlatform, 'baseUrl'>) {
  return [
    { identifier: 'credentials', role: 'SENDER', url: moduleUrl(p, 'credentials') },
    { identifier: 'locations', role: 'SENDER', url: moduleUrl(p, 'locations') },
    { identifier: 'tariffs', role: 'SENDER', url: moduleUrl(p, 'tariffs') },
  ];
}
