import { feedCompleteness, type Completeness } from '../../core/feed/feed-completeness.ts';
import { evseIdPrefix } from '../../core/feed/evse-id.ts';
import { helpLineOf, type FeedOperator } from '../../core/feed/feed-operator.ts';
import type { Connector, Site, Station, StationRegistry } from '../ports/operator-stations.ts';

export interface FeedDataDeps {
  stations: StationRegistry;
  // From the configuration: the OCPI party and the support phone.
  party: { countryCode: string; partyId: string | undefined };
  supportPhone: string | undefined;
}

// A site as the charger feeds will show it: its connectors (the feeds'
// EVSEs), the operator, and whether anything a feed requires is missing.
export interface SiteFeed {
  site: Site;
  operator: FeedOperator;
  connectors: Connector[];
  completeness: Completeness;
}

// What the feeds will read (docs/feed-data.md). A site's EVSE ids are made
// the first time it is complete, which is when a feed first needs them; until
// then the party id may still be set or corrected without leaving a wrong one
// behind.
export function feedData(d: FeedDataDeps) {
  const operator: FeedOperator = Object.freeze({ ...d.party, helpLine: helpLineOf(d.supportPhone) });
  const connectorsAt = (siteId: string, stations: readonly Station[], connectors: readonly Connector[]) => {
    const here = new Set(stations.filter((s) => s.siteId === siteId).map((s) => s.id));
    return connectors.filter((c) => here.has(c.stationId));
  };

  return {
    operator: (): FeedOperator => operator,

    async site(siteId: string): Promise<SiteFeed | undefined> {
      const site = await d.stations.site(siteId);
      if (!site) return undefined;
      const [stations, all] = await Promise.all([d.stations.listStations(), d.stations.connectors()]);
      let connectors = connectorsAt(siteId, stations, all);
      const completeness = feedCompleteness(site, operator, connectors);
      const unnamed = connectors.filter((c) => c.evseId === null).map((c) => c.id);
      if (completeness.complete && d.party.partyId && unnamed.length > 0) {
        await d.stations.assignEvseIds(unnamed, evseIdPrefix(d.party.countryCode, d.party.partyId));
        connectors = connectorsAt(siteId, stations, await d.stations.connectors());
      }
      return { site, operator, connectors, completeness };
    },

    // Every site's completeness, for the list of sites.
    async overview(): Promise<Map<string, Completeness>> {
      const [sites, stations, all] = await Promise.all([d.stations.listSites(), d.stations.listStations(), d.stations.connectors()]);
      return new Map(sites.map((s) => [s.id, feedCompleteness(s, operator, connectorsAt(s.id, stations, all))]));
    },
  };
}

export type FeedData = ReturnType<typeof feedData>;
