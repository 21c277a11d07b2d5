import type { ConnectorStatus } from '../../core/vocabulary/connector-status.ts';

// Where the statuses stations report are kept: each connector's, the whole
// station's, and those of connectors Ladepay was not set up with.

// What a station reported of a connector (or of itself): the status, and for a
// fault its codes as sent.
export interface StatusReport {
  status: ConnectorStatus;
  errorCode?: string;
  info?: string;
  vendorErrorCode?: string;
  at: Date;
}

// changed: stored; same: the status already known (a station repeating
// itself), not written again; older: a newer one is known; unknown: the
// station has no such connector in Ladepay.
export type StatusWrite = 'changed' | 'same' | 'older' | 'unknown';

export interface StationReports {
  setConnectorStatus(stationId: string, connectorNo: number, report: StatusReport): Promise<StatusWrite>;
  setStationStatus(stationId: string, report: StatusReport): Promise<StatusWrite>;
  // True the first time the connector is heard of.
  noteUndeclaredConnector(stationId: string, connectorNo: number, report: StatusReport): Promise<boolean>;
}
