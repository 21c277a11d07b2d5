import type { VippsSimulator } from '../simulators/vipps/index.ts';
import { clusterSlots, startClusterNodes, type ClusterNodes } from '../test/support/cluster-nodes.ts';
import { startLoadBalancer, type LoadBalancer } from '../test/support/load-balancer.ts';
import type { BenchDatabase } from './bench-database.ts';
import { readProcessUsage } from './process-usage.ts';

// Ladepay as a cluster for the benchmarks: `count` processes exactly as
// `npm run ladepay -- serve` runs them, on one PostgreSQL, behind a real
// HAProxy (the harness of test/cluster/cluster.e2e.ts).

export interface ClusterUsage {
  nodesCpuSeconds: number; // summed over the node processes alive now
  nodesRssBytes: number;
  haproxyCpuSeconds: number;
}

export interface BenchCluster {
  lb: LoadBalancer;
  nodes: ClusterNodes;
  // Station → the node holding its socket, from station_owners.
  holders(): Promise<Map<string, string>>;
  usage(): ClusterUsage;
  stop(): Promise<void>;
}

export interface ClusterSetup {
  count: number;
  database: BenchDatabase;
  vipps: VippsSimulator;
  // The same for every node on one database: it seals the secrets kept there.
  secretsKey: string;
  env?: Record<string, string>;
  maxConnections?: number; // HAProxy's, for thousands of station sockets
}

const ROTATION_LIMIT_MS = 60_000;

function usageOf(pid: number): { cpuSeconds: number; rssBytes: number } {
  try {
    return readProcessUsage(pid);
  } catch {
    return { cpuSeconds: 0, rssBytes: 0 }; // a node killed a moment ago
  }
}

export async function startBenchCluster(o: ClusterSetup): Promise<BenchCluster> {
  const m = o.vipps.merchants[0];
  if (!m) throw new Error('the Vipps simulator has no merchant');
  const slots = await clusterSlots(o.count);
  const lb = await startLoadBalancer(
    slots.map((s) => ({ name: s.id, port: s.port })),
    { maxConnections: o.maxConnections },
  );
  let nodes: ClusterNodes;
  try {
    nodes = await startClusterNodes({
      slots,
      env: {
        HOST: '127.0.0.1',
        // Links, the returnUrl and the webhook URL: the balancer's address.
        PUBLIC_URL: lb.url,
        DATABASE_URL: o.database.databaseUrl,
        LOG_LEVEL: 'warn',
        VIPPS_BASE_URL: o.vipps.url,
        VIPPS_CLIENT_ID: m.clientId,
        VIPPS_CLIENT_SECRET: m.clientSecret,
        VIPPS_SUBSCRIPTION_KEY: m.subscriptionKey,
        VIPPS_MSN: m.msn,
        SECRETS_KEY: o.secretsKey,
        OPERATOR_ADDRESS: 'Benkeveien 1, 0150 Oslo',
        // HAProxy on 127.0.0.1 names each client in X-Forwarded-For.
        TRUSTED_PROXIES: '127.0.0.1',
        ...o.env,
      },
    });
  } catch (e) {
    await lb.stop();
    throw e;
  }
  // Up is not yet in the rotation: HAProxy found every node down before it
  // listened, and takes each back at its first good check of /health/ready.
  const ids = slots.map((s) => s.id);
  const inRotation = () => ids.every((id) => lb.stateChanges().filter((c) => c.server === id).at(-1)?.state === 'UP');
  for (const end = Date.now() + ROTATION_LIMIT_MS; !inRotation(); ) {
    if (Date.now() > end) {
      await nodes.stopAll();
      await lb.stop();
      throw new Error(`HAProxy did not take every node into its rotation within ${ROTATION_LIMIT_MS / 1000} s:\n${lb.output().slice(-5000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    lb,
    nodes,
    async holders() {
      const rows = await o.database.db.selectFrom('station_owners').select(['station_id', 'node_id']).execute();
      return new Map(rows.map((r) => [r.station_id, r.node_id]));
    },
    usage() {
      let nodesCpuSeconds = 0;
      let nodesRssBytes = 0;
      for (const n of nodes.nodes) {
        const u = usageOf(n.process.pid);
        nodesCpuSeconds += u.cpuSeconds;
        nodesRssBytes += u.rssBytes;
      }
      return { nodesCpuSeconds, nodesRssBytes, haproxyCpuSeconds: usageOf(lb.pid).cpuSeconds };
    },
    async stop() {
      await nodes.stopAll();
      await lb.stop();
    },
  };
}

// Stations per node, most first.
export function spreadOf(holders: Map<string, string>, only?: (stationId: string) => boolean): Array<[node: string, stations: number]> {
  const counts = new Map<string, number>();
  for (const [station, node] of holders) if (!only || only(station)) counts.set(node, (counts.get(node) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
