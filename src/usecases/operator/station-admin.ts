import type { Connector, ConnectorPatch, NewStation, Station, StationPatch, StationRegistry } from '../ports/operator-stations.ts';
import type { PriceDisplay } from '../price-display.ts';

export interface StationAdminDeps {
  stations: StationRegistry;
  // Switched back on, the station's screen gets the price at once (docs/price-display.md).
  priceDisplay: Pick<PriceDisplay, 'showDefaultPrice'>;
  now(): Date;
}

export type StationRefusal = 'no_active_site' | 'exists';

// Stations and their connectors as the operator sets them up. The OCPP
// password is made by the caller (the station door); only its hash comes here.
export function stationAdmin(d: StationAdminDeps) {
  return {
    list: (): Promise<Station[]> => d.stations.listStations(),
    get: (id: string): Promise<Station | undefined> => d.stations.station(id),
    // Every connector, or one station's.
    connectors: (stationId?: string): Promise<Connector[]> => d.stations.connectors(stationId),
    connector: (id: string): Promise<Connector | undefined> => d.stations.connector(id),
    connectorsByCodes: (codes: readonly string[]): Promise<Connector[]> => d.stations.connectorsByCodes(codes),

    // Only on an active site, and only under an identity not yet taken.
    async create(s: NewStation): Promise<{ ok: true; connectors: Connector[] } | { ok: false; reason: StationRefusal }> {
      const site = await d.stations.site(s.siteId);
      if (!site || site.disabled) return { ok: false, reason: 'no_active_site' };
      if (await d.stations.station(s.id)) return { ok: false, reason: 'exists' };
      return { ok: true, connectors: await d.stations.createStation(s, d.now()) };
    },

    // Renamed, moved to another site, disabled or enabled, its screen's price on or off.
    async update(id: string, patch: StationPatch): Promise<{ ok: true } | { ok: false; reason: 'not_found' | 'no_site' }> {
      if (!(await d.stations.station(id))) return { ok: false, reason: 'not_found' };
      if (patch.siteId !== undefined && !(await d.stations.site(patch.siteId))) return { ok: false, reason: 'no_site' };
      await d.stations.updateStation(id, patch);
      if (patch.priceDisplay === 'auto') void d.priceDisplay.showDefaultPrice(id);
      return { ok: true };
    },

    // The next connector of the station, with a fresh public code; undefined when there is no such station.
    async addConnector(stationId: string, c: { type: string; maxPowerW: number }): Promise<Connector | undefined> {
      if (!(await d.stations.station(stationId))) return undefined;
      return d.stations.addConnector(stationId, c, d.now());
    },

    // The connector as changed; undefined when there is no such connector.
    async updateConnector(id: string, patch: ConnectorPatch): Promise<Connector | undefined> {
      return (await d.stations.updateConnector(id, patch)) ? d.stations.connector(id) : undefined;
    },
  };
}

export type StationAdmin = ReturnType<typeof stationAdmin>;
