import type { Logger } from 'pino';
import type { ConnectionRegistry } from '../ocpp/connection-registry.ts';
import type { StationOwnerStore } from '../storage/station-owner-store.ts';
import type { StationWhereabouts } from './cluster-charger.ts';
import type { ClusterLink } from './cluster-link.ts';

// This node's part in who holds which station (docs/deploy.md): it claims a
// station when the station connects here, drops its socket when another node
// takes the station over, renews its leases while it lives, and keeps a view
// of the stations other nodes hold, for the commands it forwards to them.
export interface StationPresence extends StationWhereabouts {
  // A socket for the station opened here: its claim follows in order with
  // the station's other events; meanwhile the renewal leaves it be.
  expect(stationId: string): void;
  claim(stationId: string): Promise<void>;
  // False when another node holds the station now: its socket here closing
  // does not make it offline.
  release(stationId: string): Promise<boolean>;
  // On drain: every lease of this node given up.
  releaseAll(): Promise<void>;
  stop(): void;
}

export interface PresenceDeps {
  owners: StationOwnerStore;
  link: ClusterLink;
  registry: ConnectionRegistry;
  now: () => Date;
  leaseMs: number;
  logger: Logger;
}

export function startStationPresence(d: PresenceDeps): StationPresence {
  const me = d.link.nodeId;
  let elsewhere = new Map<string, { nodeId: string; leaseUntil: number }>();
  const expected = new Map<string, number>();

  function takenOver(stationId: string, by: string): void {
    const conn = d.registry.get(stationId);
    if (!conn) return;
    d.logger.info({ stationId, by }, 'station taken over by another node; closing its socket here');
    conn.close(1000, 'Connected to another node');
  }

  const off = d.link.on('owner', (payload) => {
    if (payload === '') return void refresh();
    const [action, stationId, nodeId] = payload.split(' ');
    if (!stationId || !nodeId || nodeId === me) return;
    if (action === 'claim') {
      elsewhere.set(stationId, { nodeId, leaseUntil: d.now().getTime() + d.leaseMs });
      takenOver(stationId, nodeId);
    } else if (action === 'release' && elsewhere.get(stationId)?.nodeId === nodeId) {
      elsewhere.delete(stationId);
    }
  });

  // Renews this node's leases; a station whose socket is here but whose
  // lease is gone was either taken over (the socket goes) or lost its lease
  // while this node could not reach the database (claimed again).
  async function refresh(): Promise<void> {
    const now = d.now();
    const mine = await d.owners.renew(now, d.leaseMs);
    elsewhere = await d.owners.heldElsewhere(now);
    for (const conn of d.registry.all()) {
      if (mine.has(conn.stationId) || !conn.isOpen() || expected.has(conn.stationId)) continue;
      const other = elsewhere.get(conn.stationId);
      if (other) takenOver(conn.stationId, other.nodeId);
      else await claim(conn.stationId);
    }
  }

  async function claim(stationId: string): Promise<void> {
    let before: string | undefined;
    try {
      before = await d.owners.claim(stationId, d.now(), d.leaseMs);
    } finally {
      const n = (expected.get(stationId) ?? 1) - 1;
      if (n > 0) expected.set(stationId, n);
      else expected.delete(stationId);
    }
    elsewhere.delete(stationId);
    if (before) d.logger.info({ stationId, from: before }, 'station taken over from another node');
    d.link.publish('owner', `claim ${stationId} ${me}`);
  }

  let renewing = Promise.resolve();
  const timer = setInterval(() => {
    renewing = renewing.then(refresh).catch((err: unknown) => d.logger.warn({ err }, 'renewing station leases failed'));
  }, Math.max(1000, Math.floor(d.leaseMs / 3)));
  timer.unref();
  renewing = refresh().catch((err: unknown) => d.logger.warn({ err }, 'reading station leases failed'));

  return {
    heldElsewhere(stationId) {
      const other = elsewhere.get(stationId);
      return other && other.leaseUntil > d.now().getTime() ? other.nodeId : undefined;
    },
    expect: (stationId) => void expected.set(stationId, (expected.get(stationId) ?? 0) + 1),
    claim,
    async release(stationId) {
      const mine = await d.owners.release(stationId);
      if (mine) d.link.publish('owner', `release ${stationId} ${me}`);
      return mine;
    },
    async releaseAll() {
      for (const stationId of await d.owners.releaseAll()) d.link.publish('owner', `release ${stationId} ${me}`);
    },
    stop() {
      clearInterval(timer);
      off();
    },
  };
}
