import type { ConnectorSpec } from '../../core/feed/connector-data.ts';
import type { ConnectorStatusOrUnknown } from '../../core/vocabulary/connector-status.ts';
import type { TariffEntry } from '../ports/operator-tariffs.ts';
import type { Connector, Site } from '../ports/operator-stations.ts';

// What the published view reads (the port the feeds own): every site, station
// and connector with when it last changed (migration 0017; ISO 8601 UTC text),
// and the tariffs that have begun. Read together, so one publication is made
// of one state.

export interface SourceSite extends Site {
  updatedAt: string;
}

export interface SourceStation {
  id: string;
  siteId: string;
  name: string;
  online: boolean;
  disabled: boolean;
  updatedAt: string; // its last edit (name, site, disabled)
  presenceAt: string; // when it last came online or went offline
  // What it reported for itself as a whole (OCPP 1.6 connector 0, 2.0.1 EVSE 0).
  // `at` its own time (orders the reports), `seenAt` when Ladepay recorded it (null: before migration 0020).
  wideStatus: { status: ConnectorStatusOrUnknown; at: string; seenAt: string | null } | undefined;
}

export interface SourceConnector extends Connector {
  updatedAt: string;
  // When Ladepay recorded the status (statusAt may be the station's stamp, a
  // little behind: a change must not look older than a reader's last read).
  statusSeenAt: string | null;
}

export interface FeedSnapshot {
  sites: SourceSite[];
  stations: SourceStation[];
  connectors: SourceConnector[]; // by station and connector number
  tariffs: TariffEntry[]; // every tariff whose validity has begun at the snapshot's time
}

// Part of the snapshot: the site of one station (a station's status change
// is published as its site's), or these sites; each with all of its stations
// and connectors (the tariffs are all read: which one an EVSE is sold by is
// the core's rule over all of them).
export type FeedScope = { stationId: string } | { siteIds: readonly string[] };

// What tells which sites are published, without their statuses and tariffs:
// every site, and each different description among the connectors of its
// stations (what feedCompleteness reads of them; a site's chargers are mostly
// alike, so far fewer than its connectors).
export interface FeedOutline {
  sites: SourceSite[];
  descriptions: Array<ConnectorSpec & { siteId: string }>;
}

export interface FeedSource {
  // Everything, or only the scope's site(s) (none when the station has no site).
  snapshot(now: Date, scope?: FeedScope): Promise<FeedSnapshot>;
  outline(): Promise<FeedOutline>;
  // As StationRegistry.assignEvseIds: each of these connectors without an EVSE id gets prefix + code.
  assignEvseIds(connectorIds: readonly string[], prefix: string): Promise<void>;
}
