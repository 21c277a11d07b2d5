import type {
  ConfigurationRead,
  DiagnosticsRequest,
  FirmwareRequest,
  ResetKind,
  StationAnswer,
  TransferAnswer,
  TriggerMessage,
} from '../../usecases/ports/charger-operations.ts';
import type { CallResult, StationConnection } from './station-connection.ts';

// The operator's station operations for one OCPP version, on a connection
// already looked up.
export interface ProtocolOperations {
  resetStation(conn: StationConnection, kind: ResetKind): Promise<StationAnswer>;
  unlockConnector(conn: StationConnection, connectorNo: number): Promise<StationAnswer>;
  setAvailability(conn: StationConnection, connectorNo: number, available: boolean): Promise<StationAnswer>;
  readConfiguration(conn: StationConnection, keys: readonly string[]): Promise<ConfigurationRead>;
  changeConfiguration(conn: StationConnection, key: string, value: string): Promise<StationAnswer>;
  triggerMessage(conn: StationConnection, message: TriggerMessage, connectorNo?: number): Promise<StationAnswer>;
  updateFirmware(conn: StationConnection, request: FirmwareRequest, requestId: number): Promise<TransferAnswer>;
  uploadDiagnostics(conn: StationConnection, request: DiagnosticsRequest, requestId: number): Promise<TransferAnswer>;
}

// The station's answer: its own status word, and whether that word means it
// does (or will do) what was asked.
export function stationAnswer<Conf extends { status: string }>(result: CallResult<Conf>, yes: readonly string[]): StationAnswer {
  if (!result.ok) return { outcome: result.outcome };
  const { status } = result.result;
  return { outcome: yes.includes(status) ? 'accepted' : 'rejected', status };
}
