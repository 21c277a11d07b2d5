import { readConnectorSpec, type ConnectorDataError, type ConnectorSpecInput } from '../../core/feed/connector-data.ts';
import type { Connector, ConnectorPatch, NewConnector, NewStation, Station, StationPatch, StationRegistry } from '../ports/operator-stations.ts';
import type { PriceDisplay } from '../price-display.ts';

export interface StationAdminDeps {
  stations: StationRegistry;
  // Switched back on, the station's screen gets the price at once (docs/price-display.md).
  priceDisplay: Pick<PriceDisplay, 'showDefaultPrice'>;
  now(): Date;
}

export type StationRefusal = 'no_active_site' | 'exists';

// A connector as the operator gives it: type and power, and any feed data
// (docs/feed-data.md); what is left out is what the type suggests.
export type ConnectorInput = ConnectorSpecInput & { type: string; maxPowerW: number };
export type NewStationInput = Omit<NewStation, 'connectors'> & { connectors: Array<ConnectorInput & { connectorNo: number; code?: string }> };
export type ConnectorChange = ConnectorSpecInput & { disabled?: boolean };

// Feed data the core refused; `connector` is the index of the new station's connector it is about.
export type InvalidConnector = { ok: false; reason: 'invalid'; errors: Array<ConnectorDataError & { connector?: number }> };

function checked(input: ConnectorInput, index?: number): { ok: true; connector: Omit<NewConnector, 'connectorNo'> } | InvalidConnector {
  const spec = readConnectorSpec(input);
  if (!spec.ok) return { ok: false, reason: 'invalid', errors: spec.error.map((e) => ({ ...e, ...(index !== undefined ? { connector: index } : {}) })) };
  return { ok: true, connector: spec.value };
}

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
    async create(s: NewStationInput): Promise<{ ok: true; connectors: Connector[] } | { ok: false; reason: StationRefusal } | InvalidConnector> {
      const connectors: NewConnector[] = [];
      for (const [i, c] of s.connectors.entries()) {
        const made = checked(c, i);
        if (!made.ok) return made;
        connectors.push({ ...made.connector, connectorNo: c.connectorNo, ...(c.code ? { code: c.code } : {}) });
      }
      const site = await d.stations.site(s.siteId);
      if (!site || site.disabled) return { ok: false, reason: 'no_active_site' };
      if (await d.stations.station(s.id)) return { ok: false, reason: 'exists' };
      return { ok: true, connectors: await d.stations.createStation({ ...s, connectors }, d.now()) };
    },

    // Renamed, moved to another site, disabled or enabled, its screen's price on or off.
    async update(id: string, patch: StationPatch): Promise<{ ok: true } | { ok: false; reason: 'not_found' | 'no_site' }> {
      if (!(await d.stations.station(id))) return { ok: false, reason: 'not_found' };
      if (patch.siteId !== undefined && !(await d.stations.site(patch.siteId))) return { ok: false, reason: 'no_site' };
      await d.stations.updateStation(id, patch);
      if (patch.priceDisplay === 'auto') void d.priceDisplay.showDefaultPrice(id);
      return { ok: true };
    },

    // The next connector of the station, with a fresh public code.
    async addConnector(stationId: string, c: ConnectorInput): Promise<{ ok: true; connector: Connector } | { ok: false; reason: 'not_found' } | InvalidConnector> {
      const made = checked(c);
      if (!made.ok) return made;
      if (!(await d.stations.station(stationId))) return { ok: false, reason: 'not_found' };
      return { ok: true, connector: await d.stations.addConnector(stationId, made.connector, d.now()) };
    },

    // The connector as changed: feed data the change leaves out stays, unless
    // the type changes (then it is the new type's, core/feed/connector-data.ts).
    async updateConnector(id: string, change: ConnectorChange): Promise<{ ok: true; connector: Connector } | { ok: false; reason: 'not_found' } | InvalidConnector> {
      const current = await d.stations.connector(id);
      if (!current) return { ok: false, reason: 'not_found' };
      const { disabled, ...input } = change;
      const spec = readConnectorSpec(input, current);
      if (!spec.ok) return { ok: false, reason: 'invalid', errors: spec.error };
      const patch: ConnectorPatch = { ...spec.value, ...(disabled !== undefined ? { disabled } : {}) };
      if (!(await d.stations.updateConnector(id, patch))) return { ok: false, reason: 'not_found' };
      const connector = await d.stations.connector(id);
      return connector ? { ok: true, connector } : { ok: false, reason: 'not_found' };
    },
  };
}

export type StationAdmin = ReturnType<typeof stationAdmin>;
