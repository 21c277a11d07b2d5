import { evseIdPrefix } from '../../core/feed/evse-id.ts';
import { feedCompleteness } from '../../core/feed/feed-completeness.ts';
import { feedStatusOf } from '../../core/feed/feed-status.ts';
import type { ConnectorFormat, ConnectorStandard, PowerType } from '../../core/feed/feed-vocabulary.ts';
import { latest, type CompleteSiteData, type PublishedEvse, type PublishedOperator, type PublishedSite, type PublishedView } from '../../core/feed/published-site.ts';
import { tariffInForce, type TariffAssignment } from '../../core/tariff-assignment.ts';
import { tariffAt, type ScheduledTariff } from '../../core/tariff-schedule.ts';
import type { TariffEntry } from '../ports/operator-tariffs.ts';
import type { FeedScope, FeedSnapshot, FeedSource, SourceConnector, SourceSite, SourceStation } from './feed-source.ts';
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
    /**
     * Everything published, as it stands at `now` (the tariffs in force then,
     * and their prices); with a scope, only the station's site, if published.
     */
    async read(now: Date, scope?: FeedScope): Promise<PublishedView> {
      let snapshot = await d.source.snapshot(now, scope);
      const partyId = d.operator.partyId;
      if (partyId === undefined) return { at: now.toISOString(), operator: { ...d.operator, partyId: '' }, sites: [] };
      // EVSE ids are made the first time a site is complete (docs/feed-data.md).
      const unnamed = completeSites(snapshot, partyId).flatMap(({ connectors }) => connectors.filter((c) => c.evseId === null).map((c) => c.id));
      if (unnamed.length > 0) {
        await d.source.assignEvseIds(unnamed, evseIdPrefix(d.operator.countryCode, partyId));
        snapshot = await d.source.snapshot(now, scope);
      }
      const read = readContext(snapshot, { ...d.operator, partyId }, now);
      return { at: now.toISOString(), operator: read.operator, sites: completeSites(snapshot, partyId).map(({ site, connectors }) => publishedSite(read, site, connectors)) };
    },
  };
}

export type PublishedSites = ReturnType<typeof publishedSites>;

// One read's state: many EVSEs share a tariff, so its id and its price's
// history are worked out once per read.
interface ReadContext {
  snapshot: FeedSnapshot;
  operator: PublishedOperator;
  now: Date;
  assigned: Array<TariffEntry & { assignment: TariffAssignment }>;
  tariffOf(entry: TariffEntry): { id: string; schedule: ScheduledTariff; lastChange: string };
}

function readContext(snapshot: FeedSnapshot, operator: PublishedOperator, now: Date): ReadContext {
  const known = new Map<string, { id: string; schedule: ScheduledTariff; lastChange: string }>();
  return {
    snapshot,
    operator,
    now,
    assigned: snapshot.tariffs.map((t) => ({ ...t, assignment: { siteId: t.siteId, connectorId: t.connectorId, powerClass: t.powerClass } })),
    tariffOf(entry) {
      const held = known.get(entry.id);
      if (held) return held;
      const schedule = { base: entry.tariff, periods: entry.periods };
      // Since when its prices now have held, had it always applied: '' when they never change.
      const made = { id: tariffIdOf(schedule), schedule, lastChange: priceSince(schedule, now, '') };
      known.set(entry.id, made);
      return made;
    },
  };
}

function completeSites(snapshot: FeedSnapshot, partyId: string): Array<{ site: SourceSite; connectors: SourceConnector[] }> {
  const stationSite = new Map(snapshot.stations.map((s) => [s.id, s.siteId]));
  return snapshot.sites
    .map((site) => ({ site, connectors: snapshot.connectors.filter((c) => stationSite.get(c.stationId) === site.id) }))
    .filter(({ site, connectors }) => feedCompleteness(site, { partyId }, connectors).complete);
}

function publishedSite(read: ReadContext, site: SourceSite, connectors: SourceConnector[]): PublishedSite {
  const stations = read.snapshot.stations
    .filter((s) => s.siteId === site.id)
    .map((station) => ({
      id: station.id,
      name: station.name,
      updatedAt: station.updatedAt,
      evses: connectors.filter((c) => c.stationId === station.id).map((c) => publishedEvse(read, site, station, c)),
    }))
    .filter((s) => s.evses.length > 0);
  const { id, name, address, disabled, updatedAt, createdAt: _created, ...data } = site;
  return { id, name, address, disabled, updatedAt, data: data as CompleteSiteData, stations };
}

function publishedEvse(read: ReadContext, site: SourceSite, station: SourceStation, c: SourceConnector): PublishedEvse {
  const entry = tariffInForce(read.assigned, { id: c.id, siteId: site.id, type: c.type, maxPowerW: c.maxPowerW }, read.now);
  const known = entry && read.tariffOf(entry);
  const tariff = entry && known && { id: known.id, schedule: known.schedule, since: latest(entry.validFrom, entry.createdAt) };
  const describedAt = latest(c.updatedAt, station.updatedAt);
  const statusAt = latest(c.statusAt ?? c.createdAt, c.updatedAt, station.updatedAt, station.presenceAt, station.wideStatus?.at ?? '', site.updatedAt);
  return {
    uid: c.code,
    evseId: c.evseId ?? '',
    code: c.code,
    connectorId: c.id,
    landingUrl: `${read.operator.publicUrl}/c/${c.code}`,
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
    priceNow: tariff && known && { tariff: tariffAt(tariff.schedule, read.now), since: latest(known.lastChange, tariff.since) },
  };
}
