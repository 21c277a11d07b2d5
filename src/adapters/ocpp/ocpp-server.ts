import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import ocppRpc from 'ocpp-rpc';
import type { ChargerCommands, ChargerEvents, ProtocolVersion } from '../../usecases/ports/charger.ts';
import { strictValidators } from './call-errors.ts';
import { createConnectionRegistry } from './connection-registry.ts';
import type { Logger } from './logger.ts';
import type { OcppMessageLog } from './ocpp-message-log.ts';
import { SUPPORTED_PROTOCOLS, authenticateStation } from './station-auth.ts';
import { createChargerCommands } from './station-commands.ts';
import type { RpcPeer } from './station-connection.ts';
import type { StationDirectory } from './station-directory.ts';
import { createStationLifecycle } from './station-lifecycle.ts';
import { createTransactionTracker } from './transaction-tracker.ts';

export interface OcppServerDeps {
  stations: StationDirectory;
  log: OcppMessageLog;
  events: ChargerEvents;
  logger: Logger;
  callTimeoutMs?: number;
  heartbeatIntervalSeconds?: number;
  meterIntervalSeconds?: number;
  // Ladepay's clock; the wall clock unless given.
  now?: () => Date;
}

export interface OcppServer {
  // For the HTTP server's 'upgrade' event; answers 404 outside /ocpp/{stationId}.
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  commands: ChargerCommands;
  connectedCount(): number;
  close(): Promise<void>;
}

// OCPP-J frames are small; this bounds what one station can make us buffer.
const MAX_FRAME_BYTES = 1024 * 1024;
// Consecutive unreadable frames tolerated before the socket is closed (1002).
const MAX_BAD_FRAMES = 10;

// The CSMS endpoint: WebSocket upgrades at /ocpp/{stationId}, OCPP 1.6J and
// 2.0.1, every frame validated against the official schemas both ways.
export function createOcppServer(deps: OcppServerDeps): OcppServer {
  const { logger } = deps;
  const registry = createConnectionRegistry();
  const lifecycle = createStationLifecycle({
    registry,
    events: deps.events,
    log: deps.log,
    logger,
    handlers: {
      events: deps.events,
      logger,
      tracker: createTransactionTracker(),
      heartbeatIntervalSeconds: deps.heartbeatIntervalSeconds ?? 300,
      meterIntervalSeconds: deps.meterIntervalSeconds ?? 60,
      now: deps.now ?? (() => new Date()),
    },
  });

  const rpc = new ocppRpc.RPCServer({
    protocols: [...SUPPORTED_PROTOCOLS],
    strictMode: true,
    strictModeValidators: strictValidators(),
    callTimeoutMs: deps.callTimeoutMs ?? 30_000,
    maxBadMessages: MAX_BAD_FRAMES,
    wssOptions: { maxPayload: MAX_FRAME_BYTES },
    // A station that just spoke is alive: no keep-alive ping for it. With the
    // default (a ping every 30 s regardless) pings rival answers at 20k stations.
    pingIntervalMs: 60_000,
    deferPingsOnActivity: true,
  });

  // Stations are authenticated before ocpp-rpc sees the upgrade (so that a
  // refusal can carry WWW-Authenticate); its own hook only passes the verdict on.
  const accepted = new WeakMap<IncomingMessage, ProtocolVersion>();
  rpc.auth((accept, reject, handshake) => {
    const protocol = accepted.get(handshake.request);
    if (protocol) accept({}, protocol);
    else reject(401, 'Unauthorized');
  });

  rpc.on('client', (peer: RpcPeer & { identity: string; protocol: string }) => {
    // accept() above named the protocol, so it is one of ours.
    lifecycle.attach(peer, peer.identity, peer.protocol as ProtocolVersion);
  });
  rpc.on('upgradeAborted', ({ identity, error }: { identity: string; error: unknown }) => {
    logger.debug({ stationId: identity, err: error }, 'OCPP upgrade aborted');
  });
  rpc.on('error', (err: unknown) => logger.error({ err }, 'OCPP WebSocket server error'));

  let closed = false;

  return {
    handleUpgrade(req, socket, head) {
      if (closed) return refuseUpgrade(socket, 503);
      const stationId = stationIdOf(req.url);
      if (stationId === undefined) return refuseUpgrade(socket, 404);
      if (stationId === null) return refuseUpgrade(socket, 400);
      // A reset while the password is checked must not go unheard.
      const onError = (err: Error) => logger.debug({ err, stationId }, 'socket error during OCPP upgrade');
      socket.on('error', onError);
      authenticateStation(stationId, req.headers, deps.stations)
        .then((decision) => {
          socket.off('error', onError);
          if (closed) return refuseUpgrade(socket, 503);
          if (!decision.ok) {
            logger.warn({ stationId, status: decision.status }, 'station refused');
            return refuseUpgrade(socket, decision.status);
          }
          accepted.set(req, decision.protocol);
          // Node hands 'upgrade' listeners a net.Socket; Duplex is http's caution.
          return rpc.handleUpgrade(req, socket as Socket, head);
        })
        .catch((err: unknown) => {
          socket.off('error', onError);
          logger.error({ err, stationId }, 'OCPP upgrade failed');
          refuseUpgrade(socket, 500);
        });
    },
    commands: createChargerCommands(registry, logger),
    connectedCount: () => registry.size(),
    async close() {
      closed = true;
      await rpc.close({ code: 1001, reason: 'CSMS shutting down' });
    },
  };
}

// undefined: not an OCPP path; null: an OCPP path with a malformed id.
function stationIdOf(url: string | undefined): string | null | undefined {
  const path = new URL(url ?? '/', 'http://localhost').pathname;
  const match = /^\/ocpp\/([^/]+)$/.exec(path);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

function refuseUpgrade(socket: Duplex, status: 400 | 401 | 404 | 500 | 503): void {
  const text = STATUS_TEXT[status];
  // RFC 7235 §3.1: a 401 names the scheme the client is to use.
  const challenge = status === 401 ? 'WWW-Authenticate: Basic realm="OCPP", charset="UTF-8"\r\n' : '';
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${text}\r\n${challenge}Connection: close\r\nContent-Length: 0\r\n\r\n`);
  }
  socket.destroy();
}

const STATUS_TEXT = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
} as const;
