// Sites, stations and connectors as the operator lists and edits them. Rows as
// stored: flags are 0/1, times ISO 8601 UTC text; the console shows them and
// the API turns them into its own views.

export interface Site {
  id: string;
  name: string;
  address: string;
  disabled: number;
  created_at: string;
}

export interface Station {
  id: string; // the OCPP identity, also the URL path segment
  site_id: string;
  name: string;
  protocol: string | null; // last negotiated subprotocol
  vendor: string | null;
  model: string | null;
  firmware: string | null;
  online: number;
  last_seen_at: string | null;
  disabled: number;
  created_at: string;
}

export interface Connector {
  id: string;
  station_id: string;
  connector_no: number; // OCPP 1.6 connectorId / 2.0.1 evseId
  code: string; // short public code printed on the sticker
  type: string;
  max_power_w: number;
  status: string;
  error_code: string | null;
  status_at: string | null;
  disabled: number;
  created_at: string;
}

export interface NewConnector {
  connectorNo: number;
  type: string;
  maxPowerW: number;
  code?: string;
}

export interface NewStation {
  id: string;
  siteId: string;
  name: string;
  passwordHash: string;
  connectors: NewConnector[];
}

export interface SitePatch {
  name?: string;
  address?: string;
  disabled?: boolean;
}

export interface StationPatch {
  name?: string;
  siteId?: string;
  disabled?: boolean;
}

export interface ConnectorPatch {
  type?: string;
  maxPowerW?: number;
  disabled?: boolean;
}

export interface StationRegistry {
  listSites(): Promise<Site[]>;
  site(id: string): Promise<Site | undefined>;
  createSite(site: { id: string; name: string; address: string }, now: Date): Promise<void>;
  // False when there is no such site.
  updateSite(id: string, patch: SitePatch): Promise<boolean>;

  listStations(): Promise<Station[]>;
  station(id: string): Promise<Station | undefined>;
  // The station and its connectors together: a station never exists half made.
  createStation(s: NewStation, now: Date): Promise<Connector[]>;
  updateStation(id: string, patch: StationPatch): Promise<boolean>;

  // Every connector, or one station's; by station and number.
  connectors(stationId?: string): Promise<Connector[]>;
  connector(id: string): Promise<Connector | undefined>;
  connectorsByCodes(codes: readonly string[]): Promise<Connector[]>;
  // The next connector number on the station, with a fresh public code.
  addConnector(stationId: string, c: { type: string; maxPowerW: number }, now: Date): Promise<Connector>;
  updateConnector(id: string, patch: ConnectorPatch): Promise<boolean>;
}
