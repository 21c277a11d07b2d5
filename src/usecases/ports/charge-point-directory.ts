import type { ConnectorTraits } from '../../core/tariff-assignment.ts';
import type { ScheduledTariff } from '../../core/tariff-schedule.ts';
import type { ConnectorStatusOrUnknown } from '../../core/vocabulary/connector-status.ts';

export interface ConnectorInfo {
  id: string;
  code: string;
  stationId: string;
  connectorNo: number;
  type: string;
  maxPowerW: number;
  status: ConnectorStatusOrUnknown;
  disabled: boolean;
}

export interface StationInfo {
  id: string;
  name: string;
  siteId: string;
  siteName: string;
  siteAddress: string;
  online: boolean;
  disabled: boolean;
  // Its screen shows prices (docs/price-display.md): set to 'auto' and supported.
  priceOnScreen?: boolean;
}

// Sites, stations, connectors and prices as the session logic needs them.
export interface ChargePointDirectory {
  connectorByCode(code: string): Promise<ConnectorInfo | undefined>;
  connectorAt(stationId: string, connectorNo: number): Promise<ConnectorInfo | undefined>;
  connectorById(id: string): Promise<ConnectorInfo | undefined>;
  station(stationId: string): Promise<StationInfo | undefined>;
  // The connectors of a site's stations, by station name and connector number, at most `limit`.
  connectorsAtSite(siteId: string, limit: number): Promise<Array<{ connector: ConnectorInfo; stationName: string; stationOnline: boolean; stationDisabled: boolean }>>;
  // The tariff this connector sells by at `now` (the most specific assignment
  // in force, core/tariff-assignment.ts), with its schedule.
  tariffFor(connector: ConnectorTraits, now: Date): Promise<ScheduledTariff | undefined>;
  nextRemoteStartId(): Promise<number>;
  nextTransactionId(): Promise<number>;
}
