import type { CommandOutcome } from '../../core/vocabulary/command-outcome.ts';

// The remote operations an operator runs on a station (OCPP 1.6 Core,
// Firmware Management and Remote Trigger profiles; 2.0.1 blocks B, F, G, L, N),
// as the charger port offers them. OCPP payload types stay in the adapter:
// what crosses here is the outcome and the station's own answer word.

export interface StationAnswer {
  outcome: CommandOutcome;
  // The station's status word as sent ("Accepted", "Scheduled", "UnlockFailed",
  // "RebootRequired", "OngoingAuthorizedTransaction" …); absent when it did not answer.
  status?: string;
}

export type ResetKind = 'soft' | 'hard';

// What a station can be asked to send now. The adapter names the 2.0.1
// counterpart of a 1.6 message (DiagnosticsStatusNotification → LogStatusNotification).
export const TRIGGER_MESSAGES = [
  'BootNotification',
  'StatusNotification',
  'MeterValues',
  'Heartbeat',
  'FirmwareStatusNotification',
  'DiagnosticsStatusNotification',
] as const;
export type TriggerMessage = (typeof TRIGGER_MESSAGES)[number];

// One configuration key: 1.6 its key, 2.0.1 "Component.Variable".
export interface ConfigurationEntry {
  key: string;
  value?: string;
  // 1.6 says; a 2.0.1 GetVariables answer does not.
  readonly?: boolean;
  // 2.0.1 answers per key ("Accepted", "UnknownVariable" …); 1.6 lists unknown keys apart.
  status: string;
}

export interface ConfigurationRead {
  outcome: CommandOutcome;
  entries: ConfigurationEntry[];
}

export interface FirmwareRequest {
  location: string;
  retrieveAt: Date;
}

export interface DiagnosticsRequest {
  location: string;
}

export interface TransferAnswer extends StationAnswer {
  // 2.0.1: the id the station's status notifications carry.
  requestId?: number;
  // The file the station says it will upload.
  fileName?: string;
}

// Implemented by the OCPP adapter; called by the operator's use case. A
// connector number of 0 means the whole station.
export interface ChargerOperations {
  resetStation(stationId: string, kind: ResetKind): Promise<StationAnswer>;
  unlockConnector(stationId: string, connectorNo: number): Promise<StationAnswer>;
  setAvailability(stationId: string, connectorNo: number, available: boolean): Promise<StationAnswer>;
  // No keys: every key the station reports (1.6), or the well-known set (2.0.1, see docs/station-operations.md).
  readConfiguration(stationId: string, keys: readonly string[]): Promise<ConfigurationRead>;
  changeConfiguration(stationId: string, key: string, value: string): Promise<StationAnswer>;
  triggerMessage(stationId: string, message: TriggerMessage, connectorNo?: number): Promise<StationAnswer>;
  updateFirmware(stationId: string, request: FirmwareRequest): Promise<TransferAnswer>;
  uploadDiagnostics(stationId: string, request: DiagnosticsRequest): Promise<TransferAnswer>;
}

// What a station reports of a firmware update or a diagnostics (2.0.1: log)
// upload as it goes. Called by the OCPP adapter.
export interface StationTransferReport {
  stationId: string;
  kind: 'firmware' | 'diagnostics';
  status: string; // as sent: Downloading, Downloaded, Installing, Installed, Uploading, Uploaded, …
  requestId?: number;
  at: Date;
}

export interface StationReports {
  transferStatus(e: StationTransferReport): Promise<void>;
}
