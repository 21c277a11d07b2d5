import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { clusterCharger } from '../adapters/cluster/cluster-charger.ts';
import { localLink, postgresLink, type ClusterLink } from '../adapters/cluster/cluster-link.ts';
import { FORWARDED_KIND, forwardedCommandHandler, forwarder, type LocalStation } from '../adapters/cluster/forwarded-commands.ts';
import { startStationPresence, type StationPresence } from '../adapters/cluster/station-presence.ts';
import type { StationLinks } from '../adapters/ocpp/ocpp-server.ts';
import { NodeRegistry } from '../adapters/storage/node-registry.ts';
import { databaseTarget } from '../adapters/storage/open-database.ts';
import { StationOwnerStore } from '../adapters/storage/station-owner-store.ts';
import type { CommandOutcome } from '../core/vocabulary/command-outcome.ts';
import type { ChargerCommands } from '../usecases/ports/charger.ts';
import type { EffectHandler } from '../usecases/ports/effect-result.ts';
import { openStorage, type Storage } from './storage.ts';

// The link to the other nodes: PostgreSQL's LISTEN/NOTIFY and advisory locks,
// or, on SQLite, a process of its own.
export async function openClusterLink(config: Config, logger: Logger): Promise<ClusterLink> {
  const target = databaseTarget(config.databaseUrl, config.sqlitePath);
  const nodeId = config.cluster.nodeId;
  return target.kind === 'postgres' ? postgresLink(target.url, nodeId, logger.child({ component: 'cluster' })) : localLink(nodeId);
}

// The link first (its channel is the outbox's wake-up), then the storage; a
// failure on the way closes what was opened.
export async function openNodeStorage(config: Config, logger: Logger, now: () => Date): Promise<{ link: ClusterLink; storage: Storage }> {
  const link = await openClusterLink(config, logger);
  try {
    return { link, storage: await openStorage(config, logger, now, link.channel('outbox')) };
  } catch (e) {
    await link.close();
    throw e;
  }
}

export interface ClusterNode {
  link: ClusterLink;
  presence: StationPresence;
  owners: StationOwnerStore;
  // The charger port for everyone but the OCPP endpoint: commands reach a
  // station whichever node holds its socket.
  charger: ChargerCommands;
  // A station's new password, sent wherever its socket is.
  changePassword(stationId: string, secret: string, local: (stationId: string, secret: string) => Promise<CommandOutcome>): Promise<CommandOutcome>;
  draining(): boolean;
  startDraining(): void;
  stop(): Promise<void>;
}

// This node among the others (docs/deploy.md): it joins (on SQLite, only if
// no other node runs on the file), beats its heartbeat, keeps its stations'
// leases, and forwards commands for stations other nodes hold.
export async function joinCluster(w: { config: Config; storage: Storage; link: ClusterLink; links: StationLinks; logger: Logger; now: () => Date }): Promise<ClusterNode> {
  const { config, storage, link, now } = w;
  const leaseMs = config.cluster.leaseSeconds * 1000;
  const logger = w.logger.child({ component: 'cluster' });
  const nodes = new NodeRegistry(storage.database.db, storage.database.dialect, { nodeId: link.nodeId, host: hostname(), pid: process.pid });
  try {
    await nodes.join(now(), leaseMs);
  } catch (e) {
    await link.close();
    await storage.database.close();
    throw e;
  }
  const owners = new StationOwnerStore(storage.database.db, link.nodeId);
  const presence = startStationPresence({ owners, link, registry: w.links.registry, now, leaseMs, logger });
  const forward = forwarder({ outbox: storage.outbox, link, seal: storage.secrets, now, waitMs: config.ocpp.callTimeoutMs + 5000 });
  let draining = false;
  const heartbeat = setInterval(() => void nodes.heartbeat(now(), draining ? 'draining' : 'serving').catch(() => undefined), Math.max(1000, Math.floor(leaseMs / 3)));
  heartbeat.unref();
  logger.info({ nodeId: link.nodeId }, 'node joined');
  return {
    link,
    presence,
    owners,
    charger: clusterCharger(w.links.commands, presence, forward),
    async changePassword(stationId, secret, local) {
      if (w.links.commands.isOnline(stationId) || !presence.heldElsewhere(stationId)) return local(stationId, secret);
      return (await forward(stationId, 'changePassword', [secret])) as CommandOutcome;
    },
    draining: () => draining,
    startDraining() {
      draining = true;
      void nodes.heartbeat(now(), 'draining').catch(() => undefined);
    },
    async stop() {
      clearInterval(heartbeat);
      presence.stop();
      await presence.releaseAll().catch((err: unknown) => logger.warn({ err }, 'releasing station leases failed'));
      await nodes.leave(now()).catch(() => undefined);
    },
  };
}

// The outbox handler that runs, on the node holding a station, a command
// another node forwarded.
export function forwardedCommandHandlers(local: LocalStation, storage: Storage): Record<string, EffectHandler> {
  return { [FORWARDED_KIND]: forwardedCommandHandler(local, storage.secrets) };
}
