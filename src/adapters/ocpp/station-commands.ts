import type { CommandOutcome } from '../../core/vocabulary/command-outcome.ts';
import type { ChargerCommands } from '../../usecases/ports/charger.ts';
import { createChargerOperations } from './charger-operations.ts';
import type { ConnectionRegistry } from './connection-registry.ts';
import type { Logger } from './logger.ts';
import { ocpp16Commands } from './ocpp16-commands.ts';
import { createChargerDisplay } from './price-display-commands.ts';
import { ocpp201Commands } from './ocpp201-commands.ts';
import type { ProtocolCommands } from './protocol-commands.ts';
import type { StationConnection } from './station-connection.ts';

// ChargerCommands over whichever OCPP version each station speaks. A station
// that is not connected gets nothing sent: the outcome is 'offline'.
export function createChargerCommands(registry: ConnectionRegistry, logger: Logger): ChargerCommands {
  async function send(
    stationId: string,
    command: string,
    run: (impl: ProtocolCommands, conn: StationConnection) => Promise<CommandOutcome>,
  ): Promise<CommandOutcome> {
    const conn = registry.get(stationId);
    if (!conn || !conn.isOpen()) {
      logger.info({ stationId, command, outcome: 'offline' }, 'command not sent: station offline');
      return 'offline';
    }
    const impl = conn.protocol === 'ocpp1.6' ? ocpp16Commands : ocpp201Commands;
    let outcome: CommandOutcome;
    try {
      outcome = await run(impl, conn);
    } catch (err) {
      logger.error({ err, stationId, command }, 'command to station failed');
      outcome = 'error';
    }
    logger.info({ stationId, command, outcome }, 'command to station');
    return outcome;
  }

  return {
    // The operator's remote operations (reset, configuration, firmware …).
    ...createChargerOperations(registry, logger),
    // The price on the station's own screen (docs/price-display.md).
    ...createChargerDisplay(registry, logger),
    isOnline: (stationId) => registry.get(stationId)?.isOpen() ?? false,
    connectedSince: (stationId) => registry.get(stationId)?.openedAt,
    remoteStart: (stationId, connectorNo, idTag, remoteStartId) =>
      send(stationId, 'remoteStart', (impl, conn) => impl.remoteStart(conn, connectorNo, idTag, remoteStartId)),
    remoteStop: (stationId, transactionId) =>
      send(stationId, 'remoteStop', (impl, conn) => impl.remoteStop(conn, transactionId)),
    async transactionStatus(stationId, connectorNo, transactionId) {
      const conn = registry.get(stationId);
      if (!conn || !conn.isOpen()) return 'unknown';
      const impl = conn.protocol === 'ocpp1.6' ? ocpp16Commands : ocpp201Commands;
      try {
        const status = await impl.transactionStatus(conn, connectorNo, transactionId);
        logger.info({ stationId, command: 'transactionStatus', status }, 'command to station');
        return status;
      } catch (err) {
        logger.error({ err, stationId, command: 'transactionStatus' }, 'command to station failed');
        return 'unknown';
      }
    },
    setMeterInterval: (stationId, seconds) =>
      send(stationId, 'setMeterInterval', (impl, conn) => impl.setMeterInterval(conn, seconds)),
    triggerStatus: (stationId, connectorNo) =>
      send(stationId, 'triggerStatus', (impl, conn) => impl.triggerStatus(conn, connectorNo)),
    reset: (stationId, kind) => send(stationId, 'reset', (impl, conn) => impl.reset(conn, kind)),
    unlock: (stationId, connectorNo) => send(stationId, 'unlock', (impl, conn) => impl.unlock(conn, connectorNo)),
    changeAvailability: (stationId, connectorNo, available) =>
      send(stationId, 'changeAvailability', (impl, conn) => impl.changeAvailability(conn, connectorNo, available)),
  };
}
