import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import ocppRpc from 'ocpp-rpc';
import type { CommandOutcome } from '../../core/vocabulary/command-outcome.ts';
import type { ChargerCommands, ChargerEvents, ProtocolVersion } from '../../usecases/ports/charger.ts';
import type { StationReports } from '../../usecases/ports/charger-operations.ts';
import { strictValidators } from './call-errors.ts';
import { createConnectionRegistry, type ConnectionRegistry } from './connection-registry.ts';
import { guardedWebSocket, type FrameRefusal } from './frame-guard.ts';
import type { Logger } from './logger.ts';
import type { OcppMessageLog } from './ocpp-message-log.ts';
import { redactingMessageLog } from './secret-redaction.ts';
import { SUPPORTED_PROTOCOLS, basicAuthPassword, checkStationPassword, chooseProtocol } from './station-auth.ts';
import type { StationLockouts } from './station-lockouts.ts';
import { createChargerCommands } from './station-commands.ts';
import type { RpcPeer } from './station-connection.ts';
import type { StationDirectory } from './station-directory.ts';
import { createStationLifecycle, type StationHolding } from './station-lifecycle.ts';
import { sendNewPassword } from './station-password-change.ts';
import { createTransactionTracker } from './transaction-tracker.ts';

export interface OcppLimits {
  maxFrameBytes: number;
  maxCallsInFlight: number;
  // Open sockets and upgrades in progress from one client address.
  maxConnectionsPerAddress: number;
}

export type UpgradeOutcome = 'accepted' | 'refused' | 'disabled' | 'locked' | 'busy' | 'address-cap' | 'no-subprotocol' | 'error';

// What the endpoint counts, for /metrics.
export interface OcppDoorMetrics {
  upgrade(outcome: UpgradeOutcome): void;
  frameRefused(reason: FrameRefusal): void;
  connectionReplaced(): void;
}

// The stations' connections and the commands sent over them: made before the
// server when whatever handles the stations' messages also sends commands.
export interface StationLinks {
  registry: ConnectionRegistry;
  commands: ChargerCommands;
}

export function createStationLinks(logger: Logger): StationLinks {
  const registry = createConnectionRegistry();
  return { registry, commands: createChargerCommands(registry, logger) };
}

export interface OcppServerDeps {
  links?: StationLinks;
  stations: StationDirectory;
  log: OcppMessageLog;
  events: ChargerEvents;
  // Firmware and diagnostics progress the stations report.
  reports: StationReports;
  logger: Logger;
  limits: OcppLimits;
  lockouts: StationLockouts;
  metrics: OcppDoorMetrics;
  // The client's address as every limit keys on it (behind a trusted proxy,
  // the address the proxy names).
  clientAddress(req: IncomingMessage): string;
  now(): Date;
  // Where several nodes share the database: which one holds each station.
  holding?: StationHolding;
  callTimeoutMs?: number;
  heartbeatIntervalSeconds?: number;
  meterIntervalSeconds?: number;
}

export interface OcppServer {
  // For the HTTP server's 'upgrade' event; answers 404 outside /ocpp/{stationId}.
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  commands: ChargerCommands;
  connectedCount(): number;
  upgradesInProgress(): number;
  // Sends a connected station its new Basic-auth password.
  changePassword(stationId: string, secret: string): Promise<CommandOutcome>;
  // The node is going away: no new station is let in, and every station is
  // asked to connect again (close code 1012), which sends it to another node.
  drain(): Promise<void>;
  close(): Promise<void>;
}

// WebSocket close code 1012, service restart (RFC 6455 §7.4.1, IANA registry).
const RECONNECT_ELSEWHERE = 1012;

// Consecutive unreadable frames tolerated before the socket is closed (1002).
const MAX_BAD_FRAMES = 10;

// The CSMS endpoint: WebSocket upgrades at /ocpp/{stationId}, OCPP 1.6J and
// 2.0.1, every frame validated against the official schemas both ways.
export function createOcppServer(deps: OcppServerDeps): OcppServer {
  const { logger, limits, lockouts, metrics } = deps;
  const links = deps.links ?? createStationLinks(logger);
  const { registry } = links;
  const lifecycle = createStationLifecycle({
    registry,
    events: deps.events,
    log: redactingMessageLog(deps.log),
    logger,
    holding: deps.holding,
    handlers: {
      events: deps.events,
      reports: deps.reports,
      logger,
      tracker: createTransactionTracker(),
      heartbeatIntervalSeconds: deps.heartbeatIntervalSeconds ?? 300,
      meterIntervalSeconds: deps.meterIntervalSeconds ?? 60,
      now: deps.now ?? (() => new Date()),
    },
  });

  // What the upgrade learnt, for the frame guard and the replaced-socket log.
  const contexts = new WeakMap<Duplex, { stationId: string; address: string }>();
  const rpc = new ocppRpc.RPCServer({
    protocols: [...SUPPORTED_PROTOCOLS],
    strictMode: true,
    strictModeValidators: strictValidators(),
    callTimeoutMs: deps.callTimeoutMs ?? 30_000,
    maxBadMessages: MAX_BAD_FRAMES,
    wssOptions: {
      // ws closes the socket with 1009 on a bigger frame.
      maxPayload: limits.maxFrameBytes,
      // ocpp-rpc's typing of ws's ServerOptions wants the ws module's own export.
      WebSocket: guardedWebSocket({
        maxCallsInFlight: limits.maxCallsInFlight,
        contextOf: (socket) => contexts.get(socket),
        refused(reason, stationId, detail) {
          metrics.frameRefused(reason);
          const what = reason === 'too-many-calls-in-flight' ? 'station floods calls without waiting for answers; disconnecting' : `OCPP frame refused: ${reason}`;
          logger.warn({ stationId, ...detail }, what);
        },
      }) as never,
    },
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

  const addressOf = new Map<string, string>(); // station id → address of its live socket
  const upgraded = new WeakSet<IncomingMessage>(); // upgrades that became a station's connection
  rpc.on('client', (peer: RpcPeer & { identity: string; protocol: string; handshake: { request: IncomingMessage } }) => {
    const stationId = peer.identity;
    upgraded.add(peer.handshake.request);
    const address = contexts.get(peer.handshake.request.socket)?.address ?? 'unknown';
    if (registry.get(stationId)?.isOpen()) {
      // OCPP-J allows one connection per station: the new one wins. With the
      // right password only, but it is worth an operator's look.
      metrics.connectionReplaced();
      logger.warn({ stationId, address, previousAddress: addressOf.get(stationId) }, 'a new connection replaces the live one of this station');
    }
    addressOf.set(stationId, address);
    // accept() above named the protocol, so it is one of ours.
    lifecycle.attach(peer, stationId, peer.protocol as ProtocolVersion);
  });
  // ocpp-rpc leaves the 'error' listener of its handshake on the socket for the
  // socket's whole life: a connected station whose socket fails (ECONNRESET,
  // EPIPE) is reported here too. Only ocpp-rpc's own refusal of the handshake
  // is an aborted upgrade; a socket error is a dropped socket.
  rpc.on('upgradeAborted', ({ identity, error, request }: { identity: string; error: unknown; request: IncomingMessage }) => {
    if (error instanceof ocppRpc.WebsocketUpgradeError) {
      logger.debug({ stationId: identity, err: error }, 'OCPP upgrade aborted');
    } else if (upgraded.has(request)) {
      logger.debug({ stationId: identity, err: error }, 'station socket dropped');
    } else {
      logger.debug({ stationId: identity, err: error }, 'station socket dropped during the OCPP upgrade');
    }
  });
  rpc.on('error', (err: unknown) => logger.error({ err }, 'OCPP WebSocket server error'));

  let closed = false;
  const perAddress = new Map<string, number>();
  let inProgress = 0;
  const delayed = new Set<{ timer: NodeJS.Timeout; socket: Duplex }>();

  function refuseLater(socket: Duplex, delayMs: number): void {
    if (delayMs <= 0) return refuseUpgrade(socket, 401);
    const entry = {
      socket,
      timer: setTimeout(() => {
        delayed.delete(entry);
        refuseUpgrade(socket, 401);
      }, delayMs),
    };
    delayed.add(entry);
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, stationId: string, address: string): Promise<void> {
    const protocol = chooseProtocol(req.headers);
    if (!protocol) {
      metrics.upgrade('no-subprotocol');
      return refuseUpgrade(socket, 400);
    }
    const now = deps.now();
    const reservation = lockouts.limiter.reserve(stationId, address, now.getTime());
    if (!reservation.ok) {
      metrics.upgrade(reservation.reason);
      logger.debug({ stationId, address, reason: reservation.reason }, 'station upgrade refused before its password was checked');
      return refuseUpgrade(socket, 429, reservation.retryAfterSeconds);
    }
    const { ticket } = reservation;
    let check;
    try {
      check = await checkStationPassword(stationId, basicAuthPassword(req.headers.authorization, stationId), deps.stations, now);
    } catch (err) {
      ticket.release();
      throw err;
    }
    if (closed) {
      ticket.release();
      return refuseUpgrade(socket, 503);
    }
    if (!check.ok && check.disabled) {
      ticket.release();
      metrics.upgrade('disabled');
      logger.warn({ stationId, address }, 'disabled station refused');
      return refuseUpgrade(socket, 401);
    }
    if (!check.ok) {
      const { delayMs, locks } = ticket.fail(deps.now().getTime());
      lockouts.locked(locks);
      metrics.upgrade('refused');
      logger.warn({ stationId, address, delayMs }, 'station refused: wrong or missing password, or unknown station');
      return refuseLater(socket, delayMs);
    }
    ticket.succeed();
    if (check.settle) await deps.stations.settleSecondPassword(stationId, check.usedHash);
    // Node hands 'upgrade' listeners a net.Socket; Duplex is http's caution.
    if ((socket as Socket).readyState !== 'open') {
      // The station hung up while its password was checked: nothing to upgrade.
      logger.debug({ stationId, address }, 'station socket closed during the OCPP upgrade');
      socket.destroy();
      return;
    }
    metrics.upgrade('accepted');
    accepted.set(req, protocol);
    contexts.set(socket, { stationId, address });
    return rpc.handleUpgrade(req, socket as Socket, head);
  }

  return {
    handleUpgrade(req, socket, head) {
      if (closed) return refuseUpgrade(socket, 503);
      const stationId = stationIdOf(req.url);
      if (stationId === undefined) return refuseUpgrade(socket, 404);
      if (stationId === null) return refuseUpgrade(socket, 400);
      const address = deps.clientAddress(req);
      const open = perAddress.get(address) ?? 0;
      if (open >= limits.maxConnectionsPerAddress) {
        metrics.upgrade('address-cap');
        logger.warn({ address, open }, 'OCPP connection refused: too many from one address');
        return refuseUpgrade(socket, 429, 10);
      }
      // Counted until the socket closes, whether it becomes a station's
      // connection or not.
      perAddress.set(address, open + 1);
      inProgress += 1;
      let counted = true;
      socket.once('close', () => {
        const n = (perAddress.get(address) ?? 1) - 1;
        if (n <= 0) perAddress.delete(address);
        else perAddress.set(address, n);
        if (counted) inProgress -= 1;
        counted = false;
      });
      // A reset while the password is checked must not go unheard.
      const onError = (err: Error) => logger.debug({ err, stationId }, 'socket error during OCPP upgrade');
      socket.on('error', onError);
      upgrade(req, socket, head, stationId, address)
        .catch((err: unknown) => {
          metrics.upgrade('error');
          logger.error({ err, stationId }, 'OCPP upgrade failed');
          refuseUpgrade(socket, 500);
        })
        .finally(() => {
          socket.off('error', onError);
          if (counted) inProgress -= 1;
          counted = false;
        });
    },
    commands: links.commands,
    connectedCount: () => registry.size(),
    upgradesInProgress: () => inProgress,
    async changePassword(stationId, secret) {
      const conn = registry.get(stationId);
      if (!conn || !conn.isOpen()) return 'offline';
      const outcome = await sendNewPassword(conn, secret);
      logger.info({ stationId, outcome }, 'new password sent to station');
      return outcome;
    },
    async drain() {
      closed = true;
      const open = registry.all();
      logger.info({ stations: open.length }, 'draining: asking every station to connect again');
      for (const conn of open) conn.close(RECONNECT_ELSEWHERE, 'Service restart: connect again');
      // Each closed socket lets its station go (release, offline) in order.
      const until = Date.now() + 5000;
      while (registry.size() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      await lifecycle.settled();
    },
    async close() {
      closed = true;
      for (const d of delayed) {
        clearTimeout(d.timer);
        d.socket.destroy();
      }
      delayed.clear();
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

function refuseUpgrade(socket: Duplex, status: keyof typeof STATUS_TEXT, retryAfterSeconds?: number): void {
  const text = STATUS_TEXT[status];
  // RFC 7235 §3.1: a 401 names the scheme the client is to use.
  const challenge = status === 401 ? 'WWW-Authenticate: Basic realm="OCPP", charset="UTF-8"\r\n' : '';
  const retry = retryAfterSeconds !== undefined ? `Retry-After: ${retryAfterSeconds}\r\n` : '';
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${text}\r\n${challenge}${retry}Connection: close\r\nContent-Length: 0\r\n\r\n`);
  }
  socket.destroy();
}

const STATUS_TEXT = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
} as const;
