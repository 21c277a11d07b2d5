import { freePort } from '../../src/adapters/web/free-port.ts';
import { startLadepayProcess, type LadepayProcess } from './ladepay-process.ts';

// Ladepay as a cluster: several `serve` processes on one database, each with
// its NODE_ID, for a load balancer in front (test/support/load-balancer.ts).

export interface ClusterSlot {
  id: string; // node-1, node-2 …
  port: number; // on 127.0.0.1, the same across restarts
}

export interface ClusterNode extends ClusterSlot {
  url: string;
  process: LadepayProcess; // the latest one: restart() replaces it
}

export interface ClusterNodes {
  nodes: ClusterNode[];
  kill9(i: number): Promise<void>;
  stop(i: number): Promise<void>; // SIGTERM, and waits for the exit
  restart(i: number): Promise<void>; // on the same port; stops the node first if it still runs
  stopAll(): Promise<void>;
}

// Ports picked up front, so a load balancer can be started before the nodes
// (their PUBLIC_URL is its address) and a node restarts where it was.
export async function clusterSlots(count: number): Promise<ClusterSlot[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort('127.0.0.1'));
  return [...ports].map((port, i) => ({ id: `node-${i + 1}`, port }));
}

// env is what every node shares: DATABASE_URL, the Vipps keys, SECRETS_KEY,
// PUBLIC_URL (the load balancer) … (see systemEnv in test/support/system.ts).
export async function startClusterNodes(o: { env: Record<string, string> } & ({ count: number } | { slots: ClusterSlot[] })): Promise<ClusterNodes> {
  const slots = 'slots' in o ? o.slots : await clusterSlots(o.count);
  const start = (slot: ClusterSlot) => startLadepayProcess({ ...o.env, NODE_ID: slot.id }, slot.port);
  // All at once, as a rollout starts them: the first start on a database
  // (migrations, the shared secrets) must stand a race between nodes.
  const started = await Promise.allSettled(slots.map(start));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
    throw failed.reason;
  }
  const nodes: ClusterNode[] = slots.map((slot, i) => ({
    ...slot,
    url: `http://127.0.0.1:${slot.port}`,
    process: (started[i] as PromiseFulfilledResult<LadepayProcess>).value,
  }));
  const node = (i: number): ClusterNode => {
    const n = nodes[i];
    if (!n) throw new Error(`no node ${i}: the cluster has ${nodes.length} (0 … ${nodes.length - 1})`);
    return n;
  };
  return {
    nodes,
    kill9: (i) => node(i).process.kill9(),
    stop: (i) => node(i).process.stop(),
    async restart(i) {
      const n = node(i);
      await n.process.stop();
      n.process = await start(n);
    },
    async stopAll() {
      await Promise.all(nodes.map((n) => n.process.stop()));
    },
  };
}
