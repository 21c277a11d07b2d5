import type { VippsSimulator } from '../simulators/vipps/index.ts';
import { spreadOf, startBenchCluster, type BenchCluster } from './bench-cluster.ts';
import type { BenchDatabase } from './bench-database.ts';
import { failover, untilInRotation } from './cluster-failover.ts';
import type { ClusterSettings, FailoverResult, StationsOnNodes } from './cluster-run.ts';
import { LoadGeneratorClient } from './load-generator-client.ts';
import type { PlannedStation } from './load-messages.ts';
import { ms } from './percentiles.ts';
import { mib } from './process-usage.ts';

const FAILOVER_LIMIT_MS = 120_000;

export interface StationsDeps {
  database: BenchDatabase;
  vipps: VippsSimulator;
  secretsKey: string;
  password: string;
  planned: PlannedStation[];
  settings: ClusterSettings;
  log(line: string): void;
}

// (1) The lean load generator's stations through HAProxy onto `count` nodes:
// the connect wave, then a measured steady window. With `failovers`, (4)
// follows on the same stations: the node holding most is killed, comes back,
// and the one holding most then is stopped drained.
export async function stationsOnNodes(count: number, d: StationsDeps, failovers: boolean): Promise<{ result: StationsOnNodes; failover: FailoverResult[] }> {
  const s = d.settings;
  d.log(`stations on ${count} node(s): starting HAProxy and the nodes`);
  const cluster = await startBenchCluster({
    count,
    database: d.database,
    vipps: d.vipps,
    secretsKey: d.secretsKey,
    maxConnections: s.stations + 1000,
    env: {
      OCPP_HEARTBEAT_SECONDS: String(s.heartbeatSeconds),
      OCPP_METER_INTERVAL_SECONDS: String(s.meterSeconds),
      DRAIN_SECONDS: String(s.drainSeconds),
    },
  });
  const generator = LoadGeneratorClient.start();
  try {
    await generator.plan({
      url: `${cluster.lb.wsUrl}/ocpp`,
      password: d.password,
      heartbeatSeconds: s.heartbeatSeconds,
      meterSeconds: s.meterSeconds,
      callTimeoutMs: 30_000,
      connectConcurrency: s.connectConcurrency,
      reconnectSpreadMs: s.reconnectSpreadMs,
      stations: d.planned,
    });
    d.log(`stations on ${count} node(s): connecting ${s.stations} stations through HAProxy`);
    const connect = await generator.connect(s.stations, Math.max(180_000, s.stations * 200));
    const spread = spreadOf(await cluster.holders());
    d.log(
      `stations on ${count} node(s): ${connect.connected} open in ${connect.seconds.toFixed(1)} s, ${connect.failed} failed${connect.failed ? ` ${JSON.stringify(connect.failures)}` : ''}; ` +
        `booted p50 ${ms(connect.bootedMs.p50)} p99 ${ms(connect.bootedMs.p99)}; spread ${spread.map(([n, k]) => `${n} ${k}`).join(', ')}`,
    );
    await new Promise((r) => setTimeout(r, s.settleSeconds * 1000));
    const u0 = cluster.usage();
    const steady = await generator.measure(s.windowSeconds);
    const u1 = cluster.usage();
    const result: StationsOnNodes = {
      nodes: count,
      connect,
      spread,
      steady,
      nodesCpuPercent: ((u1.nodesCpuSeconds - u0.nodesCpuSeconds) / steady.seconds) * 100,
      nodesRssBytes: u1.nodesRssBytes,
      haproxyCpuPercent: ((u1.haproxyCpuSeconds - u0.haproxyCpuSeconds) / steady.seconds) * 100,
    };
    d.log(
      `stations on ${count} node(s): ${(steady.sent / steady.seconds).toFixed(0)} → ${(steady.answered / steady.seconds).toFixed(0)} msg/s, p50 ${ms(steady.latencyMs.p50)} p99 ${ms(steady.latencyMs.p99)}, ` +
        `errors ${steady.callErrors + steady.timeouts}, drops ${steady.dropped}; nodes CPU ${result.nodesCpuPercent.toFixed(0)} %, RSS ${mib(result.nodesRssBytes)}; HAProxy CPU ${result.haproxyCpuPercent.toFixed(0)} %`,
    );
    return { result, failover: failovers ? await killThenDrain(cluster, generator, d) : [] };
  } finally {
    await generator.close();
    await cluster.stop();
  }
}

async function killThenDrain(cluster: BenchCluster, generator: LoadGeneratorClient, d: StationsDeps): Promise<FailoverResult[]> {
  const killed = await failover('kill', cluster, generator, FAILOVER_LIMIT_MS);
  logFailover(killed, d);
  const index = cluster.nodes.nodes.findIndex((n) => n.id === killed.node);
  const since = Date.now();
  await cluster.nodes.restart(index);
  if (!(await untilInRotation(cluster, killed.node, since, 60_000))) d.log(`${killed.node} restarted, but HAProxy did not take it back within 60 s`);
  d.log(`${killed.node} restarted in ${((Date.now() - since) / 1000).toFixed(1)} s; spread ${spreadOf(await cluster.holders()).map(([n, k]) => `${n} ${k}`).join(', ')}`);
  await new Promise((r) => setTimeout(r, d.settings.settleSeconds * 1000));
  const drained = await failover('drain', cluster, generator, FAILOVER_LIMIT_MS);
  logFailover(drained, d);
  return [killed, drained];
}

function logFailover(f: FailoverResult, d: StationsDeps): void {
  const t = (v: number | undefined) => (v === undefined ? 'not seen' : ms(v));
  d.log(
    `${f.kind === 'kill' ? 'SIGKILL' : 'SIGTERM (drained)'} ${f.node} holding ${f.stations}: out of HAProxy's rotation ${t(f.haproxyDownMs)}, all held elsewhere ${t(f.heldElsewhereMs)}, ` +
      `sockets closed by ${ms(f.recovery.droppedMs.max)}, ${f.recovery.back}/${f.recovery.dropped} booted again, p50 ${ms(f.recovery.backMs.p50)} p99 ${ms(f.recovery.backMs.p99)} max ${ms(f.recovery.backMs.max)} (connect → booted p50 ${ms(f.recovery.bootMs.p50)} p99 ${ms(f.recovery.bootMs.p99)})` +
      `${f.exitMs !== undefined ? `; process ended after ${ms(f.exitMs)}` : ''}${Object.keys(f.recovery.failures).length ? `; failed attempts ${JSON.stringify(f.recovery.failures)}` : ''}`,
  );
}
