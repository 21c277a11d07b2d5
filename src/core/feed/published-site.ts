import type { ScheduledTariff } from '../tariff-schedule.ts';
import type { Tariff } from '../tariff.ts';
import type { FeedStatus } from './feed-status.ts';
import type { ConnectorFormat, ConnectorStandard, PowerType } from './feed-vocabulary.ts';
import type { OpeningHours } from './opening-hours.ts';
import type { Coordinates, SiteData } from './site-data.ts';

// What Ladepay publishes to others (OCPI 2.2.1 Locations and Tariffs, the
// AFIR DATEX II feed), as the published view (src/usecases/feeds/published-sites.ts)
// reads it: every complete site with its operator, stations and EVSEs (a
// Ladepay connector is an EVSE, docs/feed-data.md), each EVSE's status as the
// feeds say it, the tariff it is sold by now, and when each of these last
// changed. The formats' mappings (src/core/ocpi, src/core/datex2) read only
// this. Times are ISO 8601 UTC text ("2026-03-02T08:00:00.000Z").

/** The operator as every feed names it; the party id is known, or no site would be complete. */
export interface PublishedOperator {
  name: string;
  orgNumber: string;
  countryCode: string; // ISO 3166-1 alpha-2
  partyId: string;
  helpLine: string | undefined; // "+47 22 12 34 56"
  email: string | undefined;
  website: string | undefined; // the support page, if any
  termsUrl: string; // the operator's terms, or Ladepay's built-in page
  publicUrl: string; // where the driver pages are: {publicUrl}/c/{code} is an EVSE's landing page
}

/** A site's feed data once complete: nothing a feed requires is null. */
export interface CompleteSiteData extends SiteData {
  readonly city: string;
  readonly postalCode: string;
  readonly coordinates: Coordinates;
  readonly openingHours: OpeningHours;
  readonly parkingType: NonNullable<SiteData['parkingType']>;
}

/** A connector's description once complete. */
export interface PublishedConnector {
  type: string; // Ladepay's plug name: 'CCS', 'Type2' …
  standard: ConnectorStandard;
  format: ConnectorFormat;
  powerType: PowerType;
  maxVoltage: number; // V, line to neutral for AC_3_PHASE
  maxAmperage: number; // A
  maxPowerW: number; // the connector's rating
  cardTerminal: boolean; // a payment card terminal at this EVSE
}

export interface PublishedTariff {
  id: string; // from its content: the same prices are the same id, a changed price a new one
  schedule: ScheduledTariff;
  since: string; // when this EVSE began to be sold by it
}

export interface PublishedEvse {
  uid: string; // the connector's public code: unique, never changed
  evseId: string; // "NO*LDP*EDEMO01"
  code: string;
  connectorId: string; // Ladepay's own id of the connector
  landingUrl: string; // the page its QR sticker opens: pay with Vipps there
  connector: PublishedConnector;
  status: FeedStatus;
  describedAt: string; // its description (the connector, its station) last changed
  statusAt: string; // its status as published (what feedStatusOf reads) last changed
  tariff: PublishedTariff | undefined; // none in force: not sold now
  // The prices in force at the view's time, and since when they have held (a period began, or the tariff).
  priceNow: { tariff: Tariff; since: string } | undefined;
}

export interface PublishedStation {
  id: string; // the OCPP identity
  name: string;
  updatedAt: string;
  evses: PublishedEvse[]; // at least one
}

export interface PublishedSite {
  id: string;
  name: string;
  address: string;
  data: CompleteSiteData;
  disabled: boolean;
  updatedAt: string; // the site's own fields
  stations: PublishedStation[]; // each with at least one EVSE
}

export interface PublishedView {
  at: string; // the time it was read for
  operator: PublishedOperator;
  sites: PublishedSite[];
}

/** Every EVSE of a site, station by station. */
export function evsesOf(site: PublishedSite): PublishedEvse[] {
  return site.stations.flatMap((s) => s.evses);
}

/** The latest of ISO 8601 UTC times ('' for none). */
export function latest(...times: readonly string[]): string {
  return times.reduce((a, b) => (b > a ? b : a), '');
}
