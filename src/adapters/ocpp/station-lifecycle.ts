import type { ChargerEvents, ProtocolVersion } from '../../usecases/ports/charger.ts';
import type { ConnectionRegistry } from './connection-registry.ts';
import type { HandlerContext } from './handler-context.ts';
import type { Logger } from './logger.ts';
import type { OcppMessageLog } from './ocpp-message-log.ts';
import { registerOcpp16Handlers } from './ocpp16-handlers.ts';
import { registerOcpp201Handlers } from './ocpp201-handlers.ts';
import { createStationConnection, type RpcPeer } from './station-connection.ts';

// lastSeenAt follows a station's traffic, written at most this often.
const SEEN_EVERY_MS = 30_000;

export interface StationLifecycle {
  attach(peer: RpcPeer, stationId: string, protocol: ProtocolVersion): void;
  // Once every connected/disconnected event begun so far has been handled.
  settled(): Promise<void>;
}

// Which node holds a station's socket, where several share the database
// (adapters/cluster/station-presence.ts).
export interface StationHolding {
  expect(stationId: string): void;
  claim(stationId: string): Promise<void>;
  // False when another node holds the station now.
  release(stationId: string): Promise<boolean>;
}

// Connects an accepted socket to Ladepay: handlers, the registry, and the
// connected/disconnected events.
export function createStationLifecycle(deps: {
  registry: ConnectionRegistry;
  events: ChargerEvents;
  log: OcppMessageLog;
  logger: Logger;
  handlers: HandlerContext;
  holding?: StationHolding;
}): StationLifecycle {
  const { registry, events, logger } = deps;
  const { now } = deps.handlers;
  // Connected and disconnected events of one station are delivered in the
  // order they happened, so a quick reconnect never ends with the station
  // marked offline.
  const chains = new Map<string, Promise<void>>();

  function inOrder(stationId: string, what: string, task: () => Promise<void>): Promise<void> {
    const next = (chains.get(stationId) ?? Promise.resolve())
      .then(task)
      .catch((err: unknown) => logger.error({ err, stationId }, `${what} failed`));
    chains.set(stationId, next);
    void next.then(() => {
      if (chains.get(stationId) === next) chains.delete(stationId);
    });
    return next;
  }

  return {
    attach(peer, stationId, protocol) {
      const conn = createStationConnection(peer, { stationId, protocol, log: deps.log, logger, now });
      if (protocol === 'ocpp1.6') registerOcpp16Handlers(conn, deps.handlers);
      else registerOcpp201Handlers(conn, deps.handlers);

      const replaced = registry.put(conn);
      if (replaced) {
        // The station opened a new socket: the old one is dead or abandoned
        // (OCPP-J does not allow two). The new one owns the station from now on.
        logger.info({ stationId }, 'station reconnected; closing its previous socket');
        replaced.close(1000, 'Replaced by a new connection');
      }
      const connectedAt = now();
      logger.info({ stationId, protocol }, 'station connected');
      deps.holding?.expect(stationId);
      const connected = inOrder(stationId, 'stationConnected', async () => {
        await deps.holding?.claim(stationId);
        await events.stationConnected({ stationId, protocol, at: connectedAt });
      });
      // The station's first call is handled once Ladepay knows it is connected.
      conn.enqueue(() => connected);

      // Any frame from the station shows it alive; connecting counted as one.
      let seenAt = connectedAt.getTime();
      peer.on('message', ({ outbound }) => {
        if (outbound) return;
        const at = now();
        if (at.getTime() - seenAt < SEEN_EVERY_MS) return;
        seenAt = at.getTime();
        void inOrder(stationId, 'stationSeen', () => events.stationSeen(stationId, at));
      });

      conn.onClose(() => {
        // A replaced socket closing says nothing about the station.
        if (!registry.removeIfCurrent(conn)) {
          logger.debug({ stationId }, 'replaced socket closed');
          return;
        }
        const at = now();
        logger.info({ stationId }, 'station disconnected');
        void inOrder(stationId, 'stationDisconnected', async () => {
          // Taken over by another node: the station is not offline.
          if (deps.holding && !(await deps.holding.release(stationId))) return;
          await events.stationDisconnected(stationId, at);
        });
      });
    },
    async settled() {
      while (chains.size > 0) await Promise.all([...chains.values()]);
    },
  };
}
