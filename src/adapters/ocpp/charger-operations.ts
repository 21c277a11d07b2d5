import type { ChargerOperations, ConfigurationRead, StationAnswer } from '../../usecases/ports/charger-operations.ts';
import type { ConnectionRegistry } from './connection-registry.ts';
import type { Logger } from './logger.ts';
import { ocpp16Operations } from './ocpp16-operations.ts';
import { ocpp201Operations } from './ocpp201-operations.ts';
import type { ProtocolOperations } from './protocol-operations.ts';
import type { StationConnection } from './station-connection.ts';

// 2.0.1 request ids (UpdateFirmware, GetLog) tie the station's status
// notifications to the request. Counted from the start time in seconds, so a
// restarted process does not hand out the ids of the one before.
function requestIds(): () => number {
  let next = Math.floor(Date.now() / 1000) % 1_000_000_000;
  return () => (next = (next + 1) % 2_000_000_000);
}

// The operator's station operations over whichever OCPP version each station
// speaks. A station that is not connected gets nothing sent: 'offline'.
export function createChargerOperations(registry: ConnectionRegistry, logger: Logger): ChargerOperations {
  const nextRequestId = requestIds();

  async function send<A extends StationAnswer | ConfigurationRead>(
    stationId: string,
    operation: string,
    run: (impl: ProtocolOperations, conn: StationConnection) => Promise<A>,
    none: A,
  ): Promise<A> {
    const conn = registry.get(stationId);
    if (!conn || !conn.isOpen()) {
      logger.info({ stationId, operation, outcome: 'offline' }, 'operation not sent: station offline');
      return { ...none, outcome: 'offline' };
    }
    const impl = conn.protocol === 'ocpp1.6' ? ocpp16Operations : ocpp201Operations;
    try {
      const answer = await run(impl, conn);
      logger.info({ stationId, operation, outcome: answer.outcome, ...('status' in answer ? { status: answer.status } : {}) }, 'operation sent to station');
      return answer;
    } catch (err) {
      logger.error({ err, stationId, operation }, 'operation to station failed');
      return { ...none, outcome: 'error' };
    }
  }

  const answer: StationAnswer = { outcome: 'offline' };
  return {
    resetStation: (id, kind) => send(id, 'reset', (impl, conn) => impl.resetStation(conn, kind), answer),
    unlockConnector: (id, no) => send(id, 'unlock', (impl, conn) => impl.unlockConnector(conn, no), answer),
    setAvailability: (id, no, available) => send(id, 'availability', (impl, conn) => impl.setAvailability(conn, no, available), answer),
    readConfiguration: (id, keys) => send(id, 'readConfiguration', (impl, conn) => impl.readConfiguration(conn, keys), { outcome: 'offline', entries: [] }),
    changeConfiguration: (id, key, value) => send(id, 'changeConfiguration', (impl, conn) => impl.changeConfiguration(conn, key, value), answer),
    triggerMessage: (id, message, no) => send(id, 'trigger', (impl, conn) => impl.triggerMessage(conn, message, no), answer),
    updateFirmware: (id, request) => send(id, 'updateFirmware', (impl, conn) => impl.updateFirmware(conn, request, nextRequestId()), answer),
    uploadDiagnostics: (id, request) => send(id, 'uploadDiagnostics', (impl, conn) => impl.uploadDiagnostics(conn, request, nextRequestId()), answer),
  };
}
