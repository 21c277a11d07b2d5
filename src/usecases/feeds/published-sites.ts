import type { ConnectorFormat, ConnectorStandard, PowerType } from '../../core/feed/feed-vocabulary.ts';
import { evseIdPrefix } from '../../core/feed/evse-id.ts';
import { feedCompleteness } from '../../core/feed/feed-completeness.ts';
import type { OpeningHours } from '../../core/feed/opening-hours.ts';
import type { Coordinates, SiteData } from '../../core/feed/site-data.ts';
import { tariffInForce } from '../../core/tariff-assignment.ts';
import { tariffAt, type ScheduledTariff } from '../../core/tariff-schedule.ts';
import type { Tariff } from '../../core/tariff.ts';
import { feedStatusOf, type FeedStatus } from './feed-status.ts';
import type { FeedSnapshot, FeedSource, SourceConnector, SourceSite, SourceStation } from './feed-source.ts';
import { priceSince } from './price-since.ts';
import { tariffIdOf } from './tariff-identity.ts';

// What Ladepay publishes to others (OCPI 2.2.1 Locations and Tariffs, the
// AFIR DATEX II feed): every complete site (core/feed/feed-completeness.ts)
// with its operator, stations and EVSEs (a Ladepay connector is an EVSE,
// docs/feed-data.md), each EVSE's status as the feeds say it, the tariff it is
// sold by now, and when each of these last changed. The formats' own mappings
// (src/core/ocpi, src/core/datex2) read only this. Times are ISO 8601 UTC text.

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
  maxVoltage: number;
  maxAmperage: number;
  maxPowerW: number;
  cardTerminal: boolean;
}

export interface PublishedTariff {
  id: string; // from its content (tariff-identity.ts)
  schedule: ScheduledTariff;
  since: string; // when this EVSE began to be sold by it
}

export interface PublishedEvse {
  uid: string; // the connector's public code: unique, never changed
  evseId: string; // "NO*LDP*EDEMO01"
  code: string;
  connectorId: string; // Ladepay's own id of the connector
  landingUrl: string;
  connector: PublishedConnector;
  status: FeedStatus;
  // Its description (the connector, its station) last changed; its status
  // (what feedStatusOf reads) last changed.
  describedAt: string;
  statusAt: string;
  tariff: PublishedTariff | undefined; // none in force: not sold now
  // The prices in force at the view's time, and since when they have held (a period began, or the tariff).
  priceNow: { tariff: Tariff; since: string } | undefined;
}

export interface PublishedStation {
  id: string;
  name: string;
  updatedAt: string;
  evses: PublishedEvse[];
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

export interface PublishedSitesDeps {
  source: FeedSource;
  operator: Omit<PublishedOperator, 'partyId'> & { partyId: string | undefined };
}

/** Every EVSE of the view, site by site. */
export function evsesOf(site: PublishedSite): PublishedEvse[] {
  return site.stations.flatMap((s) => s.evses);
}

/** The latest of ISO times. */
export function latest(...times: readonly string[]): string {
  return times.reduce((a, b) => (b > a ? b : a), '');
}

export function publishedSites(d: PublishedSitesDeps) {
  return {
    async read(now: Date): Promise<PublishedView> {
      let snapshot = await d.source.snapshot(now);
      const partyId = d.operator.partyId;
      if (partyId === undefined) return { at: now.toISOString(), operator: { ...d.operator, partyId: '' }, sites: [] };
      // EVSE ids are made the first time a site is complete (docs/feed-data.md).
      const unnamed = completeSites(snapshot, partyId).flatMap(({ connectors }) => connectors.filter((c) => c.evseId === null).map((c) => c.id));
      if (unnamed.length > 0) {
        await d.source.assignEvseIds(unnamed, evseIdPrefix(d.operator.countryCode, partyId));
        snapshot = await d.source.snapshot(now);
      }
      const operator: PublishedOperator = { ...d.operator, partyId };
      const sites = completeSites(snapshot, partyId).map(({ site, connectors }) => publishedSite(snapshot, operator, site, connectors, now));
      return { at: now.toISOString(), operator, sites };
    },
  };
}

export type PublishedSites = ReturnType<typeof publishedSites>;

function completeSites(snapshot: FeedSnapshot, partyId: string): Array<{ site: SourceSite; connectors: SourceConnector[] }> {
  const stationSite = new Map(snapshot.stations.map((s) => [s.id, s.siteId]));
  return snapshot.sites
    .map((site) => ({ site, connectors: snapshot.connectors.filter((c) => stationSite.get(c.stationId) === site.id) }))
    .filter(({ site, connectors }) => feedCompleteness(site, { partyId }, connectors).complete);
}

function publishedSite(snapshot: FeedSnapshot, operator: PublishedOperator, site: SourceSite, connectors: SourceConnector[], now: Date): PublishedSite {
  const stations = snapshot.stations
    .filter((s) => s.siteId === site.id)
    .map((station) => ({
      id: station.id,
      name: station.name,
      updatedAt: station.updatedAt,
      evses: connectors.filter((c) => c.stationId === station.id).map((c) => publishedEvse(snapshot, operator, site, station, c, now)),
    }))
    .filter((s) => s.evses.length > 0);
  const { id, name, address, disabled, updatedAt, createdAt: _created, ...data } = site;
  return { id, name, address, disabled, updatedAt, data: data as CompleteSiteData, stations };
}

function publishedEvse(snapshot: FeedSnapshot, operator: PublishedOperator, site: SourceSite, station: SourceStation, c: SourceConnector, now: Date): PublishedEvse {
  const entry = tariffInForce(
    snapshot.tariffs.map((t) => ({ ...t, assignment: { siteId: t.siteId, connectorId: t.connectorId, powerClass: t.powerClass } })),
    { id: c.id, siteId: site.id, type: c.type, maxPowerW: c.maxPowerW },
    now,
  );
  const tariff = entry && {
    id: tariffIdOf({ base: entry.tariff, periods: entry.periods }),
    schedule: { base: entry.tariff, periods: entry.periods },
    since: latest(entry.validFrom, entry.createdAt),
  };
  const describedAt = latest(c.updatedAt, station.updatedAt);
  const statusAt = latest(c.statusAt ?? c.createdAt, c.updatedAt, station.updatedAt, station.presenceAt, station.wideStatus?.at ?? '', site.updatedAt);
  return {
    uid: c.code,
    evseId: c.evseId ?? '',
    code: c.code,
    connectorId: c.id,
    landingUrl: `${operator.publicUrl}/c/${c.code}`,
    // Complete: feedCompleteness found none of these null.
    connector: {
      type: c.type,
      standard: c.standard as ConnectorStandard,
      format: c.format as ConnectorFormat,
      powerType: c.powerType as PowerType,
      maxVoltage: c.maxVoltage as number,
      maxAmperage: c.maxAmperage as number,
      maxPowerW: c.maxPowerW,
      cardTerminal: c.cardTerminal,
    },
    status: feedStatusOf({ connector: c, station, siteDisabled: site.disabled }),
    describedAt,
    statusAt,
    tariff,
    priceNow: tariff && { tariff: tariffAt(tariff.schedule, now), since: priceSince(tariff.schedule, now, tariff.since) },
  };
}
