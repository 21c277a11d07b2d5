import type { ConnectorDataError } from '../../../../core/feed/connector-data.ts';
import type { ConnectorField, SiteField } from '../../../../core/feed/feed-completeness.ts';
import type { ConnectorFormat, Facility, ParkingRestriction, ParkingType, PowerType } from '../../../../core/feed/feed-vocabulary.ts';
import type { SiteDataError } from '../../../../core/feed/site-data.ts';

// The console's words for what the charger feeds need (docs/feed-data.md):
// the fields of a site and a connector, the OCPI values, whether a site is
// shared, and why a value is refused. Part of Messages, kept apart for size.
export interface FeedMessages {
  title: string;
  complete: string;
  notShared: (missing: string) => string;
  notSharedShort: string;
  // Lower case, as they stand in "missing …".
  missing: Record<SiteField | 'connectors' | 'partyId' | ConnectorField, string>;
  connectorMissing: (code: string, fields: string) => string;
  column: string; // the sites list's column
  city: string;
  postalCode: string;
  country: string;
  countryHint: string;
  latitude: string;
  longitude: string;
  coordinatesHint: string;
  timeZone: string;
  timeZoneHint: string;
  openingHours: string;
  twentyFourSeven: string;
  hoursHint: string;
  weekdays: readonly [string, string, string, string, string, string, string];
  badDayText: string;
  parkingType: string;
  notKnown: string;
  parkingRestrictions: string;
  facilities: string;
  ownerName: string;
  ownerHint: string;
  parkingTypes: Record<ParkingType, string>;
  restrictions: Record<ParkingRestriction, string>;
  facilityNames: Record<Facility, string>;
  standard: string;
  format: string;
  formats: Record<ConnectorFormat, string>;
  powerType: string;
  powerTypes: Record<PowerType, string>;
  maxVoltage: string;
  maxAmperage: string;
  cardTerminal: string;
  evseId: string;
  evseIdLater: string;
  operator: string;
  partyId: string;
  noPartyId: string;
  helpLine: string;
  noHelpLine: string;
  evses: string;
  siteError: (e: SiteDataError) => string;
  connectorError: (e: ConnectorDataError) => string;
}
