import type { CommandOutcome } from '../../core/vocabulary/command-outcome.ts';
import type { TransactionStatus } from '../../usecases/ports/charger.ts';
import type { CallResult, StationConnection } from './station-connection.ts';

// ChargerCommands for one OCPP version, on a connection already looked up.
export interface ProtocolCommands {
  remoteStart(
    conn: StationConnection,
    connectorNo: number,
    idTag: string,
    remoteStartId: number,
  ): Promise<CommandOutcome>;
  remoteStop(conn: StationConnection, transactionId: string): Promise<CommandOutcome>;
  transactionStatus(conn: StationConnection, connectorNo: number, transactionId: string): Promise<TransactionStatus>;
  setMeterInterval(conn: StationConnection, seconds: number): Promise<CommandOutcome>;
  triggerStatus(conn: StationConnection, connectorNo?: number): Promise<CommandOutcome>;
  reset(conn: StationConnection, kind: 'soft' | 'hard'): Promise<CommandOutcome>;
  unlock(conn: StationConnection, connectorNo: number): Promise<CommandOutcome>;
  changeAvailability(conn: StationConnection, connectorNo: number, available: boolean): Promise<CommandOutcome>;
}

// A call's outcome: the station's own answer decides accepted or rejected.
export function commandOutcome<Conf>(result: CallResult<Conf>, accepted: (conf: Conf) => boolean): CommandOutcome {
  if (!result.ok) return result.outcome;
  return accepted(result.result) ? 'accepted' : 'rejected';
}
