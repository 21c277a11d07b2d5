import type { Tariff } from '../../core/tariff.ts';
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
}

// Sites, stations, connectors and prices as the session logic needs them.
export interface ChargePointDirectory {
  connectorByCode(code: string): Promise<ConnectorInfo | undefined>;
  connectorAt(stationId: string, connectorNo: number): Promise<ConnectorInfo | undefined>;
  connectorById(id: string): Promise<ConnectorInfo | undefined>;
  station(stationId: string): Promise<StationInfo | undefined>;
  currentTariff(siteId: string, now: Date): Promise<Tariff | undefined>;
  nextRemoteStartId(): Promise<number>;
  nextTransactionId(): Promise<number>;
}
