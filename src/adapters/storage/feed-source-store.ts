import type { Kysely } from 'kysely';
import { connectorStatusOf } from '../../core/vocabulary/connector-status.ts';
import type { FeedOutline, FeedScope, FeedSnapshot, FeedSource } from '../../usecases/feeds/feed-source.ts';
import { readStoredConnectorData } from './feed-data-rows.ts';
import type { Database } from './schema.ts';
import { connectorOf, siteOf } from './station-rows.ts';
import { StationStore } from './station-store.ts';
import { TariffStore } from './tariff-store.ts';

// The charger feeds' reading of sites, stations, connectors and tariffs: a few
// whole-table reads in one transaction, so a publication never mixes two
// states (a station moved to another site between two reads, say).
export class FeedSourceStore implements FeedSource {
  constructor(
    private readonly db: Kysely<Database>,
    // Stamps the connectors given an EVSE id (their updated_at), as StationStore does.
    private readonly clock: () => Date = () => new Date(),
  ) {}

  snapshot(now: Date, scope?: FeedScope): Promise<FeedSnapshot> {
    const at = now.toISOString();
    // SQL has no empty IN list; no site, nothing of theirs.
    if (scope && 'siteIds' in scope && scope.siteIds.length === 0) return Promise.resolve({ sites: [], stations: [], connectors: [], tariffs: [] });
    return this.db.transaction().execute(async (trx) => {
      // A scope: the station's site, or the sites named; every station and connector there.
      const siteIds = scope && ('stationId' in scope ? trx.selectFrom('stations').select('site_id').where('id', '=', scope.stationId) : [...scope.siteIds]);
      const stationIds = siteIds && trx.selectFrom('stations').select('id').where('site_id', 'in', siteIds);
      const [sites, stations, wide, connectors, tariffs] = await Promise.all([
        trx.selectFrom('sites').selectAll().$if(siteIds !== undefined, (q) => q.where('id', 'in', siteIds!)).orderBy('id').execute(),
        trx
          .selectFrom('stations')
          .select(['id', 'site_id', 'name', 'online', 'disabled', 'updated_at', 'presence_at', 'created_at'])
          .$if(siteIds !== undefined, (q) => q.where('site_id', 'in', siteIds!))
          .orderBy('id')
          .execute(),
        trx.selectFrom('station_statuses').selectAll().$if(stationIds !== undefined, (q) => q.where('station_id', 'in', stationIds!)).execute(),
        trx.selectFrom('connectors').selectAll().$if(stationIds !== undefined, (q) => q.where('station_id', 'in', stationIds!)).orderBy('station_id').orderBy('connector_no').execute(),
        new TariffStore(trx).list(),
      ]);
      const wideOf = new Map(wide.map((w) => [w.station_id, { status: connectorStatusOf(w.status), at: w.status_at, seenAt: w.seen_at }]));
      return {
        sites: sites.map((row) => ({ ...siteOf(row), updatedAt: row.updated_at || row.created_at })),
        stations: stations.map((row) => ({
          id: row.id,
          siteId: row.site_id,
          name: row.name,
          online: row.online === 1,
          disabled: row.disabled === 1,
          updatedAt: row.updated_at || row.created_at,
          presenceAt: row.presence_at || row.created_at,
          wideStatus: wideOf.get(row.id),
        })),
        connectors: connectors.map((row) => ({ ...connectorOf(row), updatedAt: row.updated_at || row.created_at, statusSeenAt: row.status_seen_at })),
        tariffs: tariffs.filter((t) => t.validFrom <= at),
      };
    });
  }

  outline(): Promise<FeedOutline> {
    return this.db.transaction().execute(async (trx) => {
      const [sites, descriptions] = await Promise.all([
        trx.selectFrom('sites').selectAll().orderBy('id').execute(),
        trx
          .selectFrom('connectors')
          .innerJoin('stations', 'stations.id', 'connectors.station_id')
          .select([
            'stations.site_id',
            'connectors.type',
            'connectors.max_power_w',
            'connectors.standard',
            'connectors.format',
            'connectors.power_type',
            'connectors.max_voltage',
            'connectors.max_amperage',
            'connectors.card_terminal',
          ])
          .distinct()
          .execute(),
      ]);
      return {
        sites: sites.map((row) => ({ ...siteOf(row), updatedAt: row.updated_at || row.created_at })),
        descriptions: descriptions.map((row) => ({ siteId: row.site_id, type: row.type, maxPowerW: row.max_power_w, ...readStoredConnectorData(row) })),
      };
    });
  }

  assignEvseIds(connectorIds: readonly string[], prefix: string): Promise<void> {
    return new StationStore(this.db, this.clock).assignEvseIds(connectorIds, prefix);
  }
}
