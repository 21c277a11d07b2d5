import { evseIdPrefix } from '../../core/feed/evse-id.ts';
import { feedCompleteness, type FeedConnector } from '../../core/feed/feed-completeness.ts';
import { feedStatusOf } from '../../core/feed/feed-status.ts';
import type { ConnectorFormat, ConnectorStandard, PowerType } from '../../core/feed/feed-vocabulary.ts';
import { latest, type CompleteSiteData, type PublishedEvse, type PublishedOperator, type PublishedSite, type PublishedView } from '../../core/feed/published-site.ts';
import { tariffInForce, type TariffAssignment } from '../../core/tariff-assignment.ts';
import { tariffAt, type ScheduledTariff } from '../../core/tariff-schedule.ts';
import type { Tariff } from '../../core/tariff.ts';
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
     * and their prices); with a scope, only those of its site(s) that are.
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
      return { at: now.toISOString(), operator: read.operator, sites: completeSites(snapshot, partyId).map((parts) => publishedSite(read, parts)) };
    },

    /**
     * The ids of the sites read() would publish now, in id order, without
     * their statuses and tariffs: for a reader that wants a part of the view
     * (a page of a list) and reads that part alone.
     */
    async siteIds(): Promise<string[]> {
      const partyId = d.operator.partyId;
      if (partyId === undefined) return [];
      const { sites, descriptions } = await d.source.outline();
      // Whether complete is all that is asked: the descriptions need no id or code (which name what is missing).
      const bySite = new Map<string, FeedConnector[]>(sites.map((site) => [site.id, []]));
      for (const c of descriptions) bySite.get(c.siteId)?.push({ ...c, id: '', code: '' });
      return sites.filter((site) => feedCompleteness(site, { partyId }, bySite.get(site.id) ?? []).complete).map((site) => site.id);
    },
  };
}

export type PublishedSites = ReturnType<typeof publishedSites>;

// One read's state: many EVSEs share a tariff, so its id, its price now and
// its price's history are worked out once per read; and an EVSE looks for its
// tariff only among those that can fit it (fits(): the operator-wide ones,
// its site's, its own connector's), not the operator's whole book.
interface KnownTariff {
  id: string;
  schedule: ScheduledTariff;
  lastChange: string;
  priceNow: Tariff;
}

type AssignedEntry = TariffEntry & { assignment: TariffAssignment };

interface ReadContext {
  snapshot: FeedSnapshot;
  operator: PublishedOperator;
  now: Date;
  candidates(siteId: string, connectorId: string): AssignedEntry[];
  tariffOf(entry: TariffEntry): KnownTariff;
}

function readContext(snapshot: FeedSnapshot, operator: PublishedOperator, now: Date): ReadContext {
  const known = new Map<string, KnownTariff>();
  const wide: AssignedEntry[] = [];
  const bySite = new Map<string, AssignedEntry[]>();
  const byConnector = new Map<string, AssignedEntry[]>();
  const add = (map: Map<string, AssignedEntry[]>, key: string, entry: AssignedEntry) => {
    const held = map.get(key);
    if (held) held.push(entry);
    else map.set(key, [entry]);
  };
  for (const t of snapshot.tariffs) {
    const entry = { ...t, assignment: { siteId: t.siteId, connectorId: t.connectorId, powerClass: t.powerClass } };
    if (t.connectorId !== null) add(byConnector, t.connectorId, entry);
    else if (t.siteId !== null) add(bySite, t.siteId, entry);
    else wide.push(entry);
  }
  const atSite = new Map<string, AssignedEntry[]>();
  return {
    snapshot,
    operator,
    now,
    candidates(siteId, connectorId) {
      let site = atSite.get(siteId);
      if (!site) atSite.set(siteId, (site = [...wide, ...(bySite.get(siteId) ?? [])]));
      const own = byConnector.get(connectorId);
      return own ? [...site, ...own] : site;
    },
    tariffOf(entry) {
      const held = known.get(entry.id);
      if (held) return held;
      const schedule = { base: entry.tariff, periods: entry.periods };
      // Since when its prices now have held, had it always applied: '' when they never change.
      const made = { id: tariffIdOf(schedule), schedule, lastChange: priceSince(schedule, now, ''), priceNow: tariffAt(schedule, now) };
      known.set(entry.id, made);
      return made;
    },
  };
}

// Each site with its stations and their connectors, grouped in one pass over
// the snapshot (kept in the snapshot's order): a lookup per site would make a
// read grow with sites × connectors.
interface SiteParts {
  site: SourceSite;
  stations: SourceStation[];
  connectors: SourceConnector[];
}

function completeSites(snapshot: FeedSnapshot, partyId: string): SiteParts[] {
  const bySite = new Map<string, SiteParts>(snapshot.sites.map((site) => [site.id, { site, stations: [], connectors: [] }]));
  const stationSite = new Map<string, SiteParts>();
  for (const station of snapshot.stations) {
    const parts = bySite.get(station.siteId);
    if (!parts) continue;
    parts.stations.push(station);
    stationSite.set(station.id, parts);
  }
  for (const c of snapshot.connectors) stationSite.get(c.stationId)?.connectors.push(c);
  return [...bySite.values()].filter(({ site, connectors }) => feedCompleteness(site, { partyId }, connectors).complete);
}

function publishedSite(read: ReadContext, { site, stations, connectors }: SiteParts): PublishedSite {
  const byStation = new Map<string, SourceConnector[]>();
  for (const c of connectors) {
    const held = byStation.get(c.stationId);
    if (held) held.push(c);
    else byStation.set(c.stationId, [c]);
  }
  const published = stations
    .map((station) => ({
      id: station.id,
      name: station.name,
      updatedAt: station.updatedAt,
      evses: (byStation.get(station.id) ?? []).map((c) => publishedEvse(read, site, station, c)),
    }))
    .filter((s) => s.evses.length > 0);
  const { id, name, address, disabled, updatedAt, createdAt: _created, ...data } = site;
  return { id, name, address, disabled, updatedAt, data: data as CompleteSiteData, stations: published };
}

function publishedEvse(read: ReadContext, site: SourceSite, station: SourceStation, c: SourceConnector): PublishedEvse {
  const entry = tariffInForce(read.candidates(site.id, c.id), { id: c.id, siteId: site.id, type: c.type, maxPowerW: c.maxPowerW }, read.now);
  const known = entry && read.tariffOf(entry);
  const tariff = entry && known && { id: known.id, schedule: known.schedule, since: latest(entry.validFrom, entry.createdAt) };
  const describedAt = latest(c.updatedAt, station.updatedAt);
  const wide = station.wideStatus;
  const statusAt = latest(c.statusAt ?? c.createdAt, c.statusSeenAt ?? '', c.updatedAt, station.updatedAt, station.presenceAt, wide?.at ?? '', wide?.seenAt ?? '', site.updatedAt);
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
    priceNow: tariff && known && { tariff: known.priceNow, since: latest(known.lastChange, tariff.since) },
  };
}
