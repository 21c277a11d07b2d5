import type { ConnectorSpec } from './connector-data.ts';
import type { SiteData } from './site-data.ts';

// Whether a site has everything the charger feeds require (OCPI 2.2.1
// Location, EVSE and Connector; the AFIR DATEX II feed asks for no more), and
// if not, what is missing: a site is shared only when nothing is.

export const REQUIRED_SITE_FIELDS = ['coordinates', 'city', 'postalCode', 'country', 'timeZone', 'openingHours', 'parkingType'] as const;
export const REQUIRED_CONNECTOR_FIELDS = ['standard', 'format', 'powerType', 'maxVoltage', 'maxAmperage', 'maxPowerW'] as const;

export type SiteField = (typeof REQUIRED_SITE_FIELDS)[number];
export type ConnectorField = (typeof REQUIRED_CONNECTOR_FIELDS)[number];

export type MissingField =
  | { readonly scope: 'site'; readonly field: SiteField | 'connectors' }
  | { readonly scope: 'operator'; readonly field: 'partyId' }
  | { readonly scope: 'connector'; readonly connectorId: string; readonly code: string; readonly field: ConnectorField };

export interface Completeness {
  readonly complete: boolean;
  readonly missing: readonly MissingField[];
}

export interface FeedConnector extends ConnectorSpec {
  readonly id: string;
  readonly code: string;
}

/**
 * Every connector of the site's stations counts, disabled ones too: a feed
 * lists them (as out of order), so they need the same description. A site
 * without a connector has nothing to share.
 */
export function feedCompleteness(site: SiteData, operator: { partyId: string | undefined }, connectors: readonly FeedConnector[]): Completeness {
  const missing: MissingField[] = [];
  for (const field of REQUIRED_SITE_FIELDS) {
    const value = site[field];
    if (value === null || value === '') missing.push({ scope: 'site', field });
  }
  if (connectors.length === 0) missing.push({ scope: 'site', field: 'connectors' });
  if (!operator.partyId) missing.push({ scope: 'operator', field: 'partyId' });
  for (const c of connectors) {
    for (const field of REQUIRED_CONNECTOR_FIELDS) {
      const value = c[field];
      if (value === null || (field === 'maxPowerW' && !(c.maxPowerW > 0))) missing.push({ scope: 'connector', connectorId: c.id, code: c.code, field });
    }
  }
  return { complete: missing.length === 0, missing };
}
