import type { ConnectorData } from '../../core/feed/connector-data.ts';
import type { SiteData } from '../../core/feed/site-data.ts';
import type { ConnectorStatusOrUnknown } from '../../core/vocabulary/connector-status.ts';
import type { DisplaySupport, PriceDisplayMode } from './charger-display.ts';

// Sites, stations and connectors as the operator lists and edits them: read
// models, not the stored rows (storage keeps flags as 0/1 and snake_case
// columns; that stays in the storage adapter). Times are ISO 8601 UTC text, as
// stored, so pages and the API show them without a round trip through Date.

// With what the charger feeds need of it (docs/feed-data.md).
export interface Site extends SiteData {
  id: string;
  name: string;
  address: string;
  disabled: boolean;
  createdAt: string;
}

export interface Station {
  id: string; // the OCPP identity, also the URL path segment
  siteId: string;
  name: string;
  protocol: string | null; // last negotiated subprotocol
  vendor: string | null;
  model: string | null;
  firmware: string | null;
  serialNumber: string | null; // as the station gave it in its last BootNotification
  lastBootAt: string | null;
  online: boolean;
  lastSeenAt: string | null;
  disabled: boolean;
  createdAt: string;
  // The price on its screen (docs/price-display.md): the operator's choice,
  // and what the station said it can show (null: not asked yet).
  priceDisplay: PriceDisplayMode;
  displaySupport: DisplaySupport | null;
}

// A connector is an EVSE in the charger feeds (docs/feed-data.md): its feed
// data describes both the plug and the EVSE (the card terminal, the EVSE id).
export interface Connector extends ConnectorData {
  id: string;
  code: string; // short public code printed on the sticker
  stationId: string;
  connectorNo: number; // OCPP 1.6 connectorId / 2.0.1 evseId
  type: string;
  maxPowerW: number;
  // 'unknown' until the station reports it.
  status: ConnectorStatusOrUnknown;
  errorCode: string | null; // OCPP 1.6 ChargePointErrorCode as sent ("NoError", "GroundFailure" …); 2.0.1 has none
  errorInfo: string | null; // 1.6 StatusNotification info
  vendorErrorCode: string | null; // 1.6 StatusNotification vendorErrorCode
  statusAt: string | null;
  disabled: boolean;
  createdAt: string;
  evseId: string | null; // its public EVSE id, made the first time a feed needs it
}

// Feed data left out is what the type and power suggest (core/feed/connector-data.ts).
export interface NewConnector extends Partial<ConnectorData> {
  connectorNo: number;
  type: string;
  maxPowerW: number;
  code?: string;
}

// Feed data left out is not known yet, or the default (country, time zone).
export interface NewSite extends Partial<SiteData> {
  id: string;
  name: string;
  address: string;
}

export interface NewStation {
  id: string;
  siteId: string;
  name: string;
  passwordHash: string;
  connectors: NewConnector[];
}

export interface SitePatch extends Partial<SiteData> {
  name?: string;
  address?: string;
  disabled?: boolean;
}

export interface StationPatch {
  name?: string;
  siteId?: string;
  disabled?: boolean;
  priceDisplay?: PriceDisplayMode;
}

export interface ConnectorPatch extends Partial<ConnectorData> {
  type?: string;
  maxPowerW?: number;
  disabled?: boolean;
}

// One write of a bulk import. A connector added to an existing station names
// the number the plan gave it: if someone added that number meanwhile, the
// write fails rather than silently taking the next one.
export type StationWrite =
  | { kind: 'create_station'; station: NewStation }
  | { kind: 'update_station'; id: string; patch: StationPatch }
  | ({ kind: 'add_connector'; stationId: string } & Omit<NewConnector, 'code'>)
  | { kind: 'update_connector'; id: string; patch: ConnectorPatch };

export interface StationRegistry {
  listSites(): Promise<Site[]>;
  site(id: string): Promise<Site | undefined>;
  createSite(site: NewSite, now: Date): Promise<void>;
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
  addConnector(stationId: string, c: Omit<NewConnector, 'connectorNo' | 'code'>, now: Date): Promise<Connector>;
  updateConnector(id: string, patch: ConnectorPatch): Promise<boolean>;
  // Gives each of these connectors that has none its EVSE id: the prefix
  // ("NO*LDP*E") and its code. One that has one keeps it, whatever the prefix.
  assignEvseIds(connectorIds: readonly string[], prefix: string): Promise<void>;
  // Every write in one transaction: all are made, or none (a failing write,
  // or an update of a row that is gone, rejects and leaves nothing written).
  // The new stations' connectors, by station id.
  writeAll(writes: readonly StationWrite[], now: Date): Promise<Map<string, Connector[]>>;
  // What stations report beyond their connectors: a status for the whole
  // station, and connectors Ladepay was not set up with (never sold).
  hardwareReports(): Promise<HardwareReport[]>;
}

export interface HardwareReport {
  stationId: string;
  stationStatus?: { status: ConnectorStatusOrUnknown; errorCode: string | null; info: string | null; at: string };
  undeclared: Array<{ connectorNo: number; status: ConnectorStatusOrUnknown; errorCode: string | null; lastAt: string }>;
}
