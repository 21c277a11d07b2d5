import { spreadOf, type BenchCluster } from './bench-cluster.ts';
import type { FailoverResult } from './cluster-run.ts';
import type { LoadGeneratorClient } from './load-generator-client.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The node holding most stations goes away, SIGKILL (a crash) or SIGTERM (a
// drained stop), while the load generator's stations stay connected through
// HAProxy. Three clocks run from the signal: HAProxy's (the node out of the
// rotation), the database's (every station of the node held by another), and
// the stations' own (every one booted and answered again).
export async function failover(kind: FailoverResult['kind'], cluster: BenchCluster, generator: LoadGeneratorClient, timeoutMs: number): Promise<FailoverResult> {
  const holders = await cluster.holders();
  const [top] = spreadOf(holders);
  if (!top) throw new Error('no station is held by any node');
  const [node, stations] = top;
  const theirs = [...holders].filter(([, n]) => n === node).map(([s]) => s);
  const victim = cluster.nodes.nodes.find((n) => n.id === node);
  if (!victim) throw new Error(`${node} holds stations but is not in the cluster`);
  const proc = victim.process;
  const t0 = Date.now();
  if (kind === 'kill') void proc.kill9();
  else proc.terminate();
  const exited = proc.exited.then(() => Date.now() - t0);
  const [recovery, heldElsewhereMs, haproxyDownMs] = await Promise.all([
    generator.recovery(t0, stations, timeoutMs),
    untilHeldElsewhere(cluster, theirs, node, t0, timeoutMs),
    untilOutOfRotation(cluster, node, t0, timeoutMs),
  ]);
  return { kind, node, stations, recovery, heldElsewhereMs, haproxyDownMs, exitMs: kind === 'drain' ? await exited : undefined };
}

// Polled every 100 ms: the figure is that much coarser.
async function untilHeldElsewhere(cluster: BenchCluster, stations: string[], node: string, t0: number, timeoutMs: number): Promise<number | undefined> {
  while (Date.now() - t0 < timeoutMs) {
    const holders = await cluster.holders();
    if (stations.every((s) => { const h = holders.get(s); return h !== undefined && h !== node; })) return Date.now() - t0;
    await sleep(100);
  }
  return undefined;
}

async function untilOutOfRotation(cluster: BenchCluster, node: string, t0: number, timeoutMs: number): Promise<number | undefined> {
  while (Date.now() - t0 < timeoutMs) {
    const down = cluster.lb.stateChanges().find((c) => c.server === node && c.state === 'DOWN' && c.at >= t0);
    if (down) return down.at - t0;
    await sleep(10);
  }
  return undefined;
}

// After a restart: until HAProxy has the node back in the rotation.
export async function untilInRotation(cluster: BenchCluster, node: string, since: number, timeoutMs: number): Promise<boolean> {
  while (Date.now() - since < timeoutMs) {
    const changes = cluster.lb.stateChanges().filter((c) => c.server === node);
    if (changes[changes.length - 1]?.state === 'UP') return true;
    await sleep(50);
  }
  return false;
}
