import { evseIdPrefix } from '../../core/feed/evse-id.ts';
import { feedCompleteness } from '../../core/feed/feed-completeness.ts';
import { feedStatusOf } from '../../core/feed/feed-status.ts';
import type { ConnectorFormat, ConnectorStandard, PowerType } from '../../core/feed/feed-vocabulary.ts';
import { latest, type CompleteSiteData, type PublishedEvse, type PublishedOperator, type PublishedSite, type PublishedView } from '../../core/feed/published-site.ts';
import { tariffInForce } from '../../core/tariff-assignment.ts';
import { tariffAt } from '../../core/tariff-schedule.ts';
import type { FeedSnapshot, FeedSource, SourceConnector, SourceSite, SourceStation } from './feed-source.ts';
import { priceSince } from './price-since.ts';
import { tariffIdOf } from './tariff-identity.ts';

// The published view (docs/feed-mapping.md): what Ladepay shares, read from
// storage through the feeds' port and made into src/core/feed/published-site.ts,
// for the formats' mappings to read.

export interface PublishedSitesDeps {
  source: FeedSource;
  operator: Omit<PublishedOperator, 'partyId'> & { partyId: string | undefined };
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
