import { fleetProtocol } from '../simulators/charge-point/index.ts';
import { startVippsSimulator } from '../simulators/vipps/index.ts';
import { spreadOf, startBenchCluster, type BenchCluster } from './bench-cluster.ts';
import type { BenchDatabase, BenchStation } from './bench-database.ts';
import { approvalProbes } from './cluster-approval.ts';
import { driveThroughBalancer, settledWrong, type FlowStation } from './cluster-drivers.ts';
import { between, type ApprovalProbe, type FlowOnNodes } from './cluster-run.ts';
import { ms } from './percentiles.ts';
import { startTimedChargePoint } from './timed-charge-point.ts';

export interface FlowDeps {
  database: BenchDatabase;
  secretsKey: string;
  password: string;
  stations: BenchStation[]; // one per driver
  chargeSeconds: number;
  log(line: string): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Into `out` as they come, so that whatever was started is stopped, come what may.
async function connectStations(cluster: BenchCluster, d: FlowDeps, meterStartWh: number, out: FlowStation[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < d.stations.length) {
      const i = next++;
      const station = d.stations[i]!;
      const cp = await startTimedChargePoint({
        csmsUrl: `${cluster.lb.wsUrl}/ocpp`,
        stationId: station.id,
        password: d.password,
        protocol: fleetProtocol(i, 0.5),
        // The nodes check station stamps against the real clock: the station's runs with it.
        timeScale: 1,
        meterStartWh,
      });
      out.push({ station, cp });
      await cp.cp.plugIn(1, { batteryWh: 80_000, socPercent: 20, maxPowerW: 50_000 });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  const ids = new Set(d.stations.map((s) => s.id));
  for (let k = 0; k < 300; k++) {
    if ([...(await cluster.holders()).keys()].filter((id) => ids.has(id)).length === ids.size) return;
    await sleep(100);
  }
  throw new Error('not every flow station is held by a node after 30 s');
}

// (2) N drivers at once through HAProxy onto `count` nodes, the whole flow
// each; with `approval`, (3) follows on the same cluster.
export async function flowOnNodes(count: number, d: FlowDeps, approval: boolean): Promise<{ result: FlowOnNodes; probes?: ApprovalProbe[]; probesWrong?: string[] }> {
  const vipps = await startVippsSimulator({ port: 0 });
  let cluster: BenchCluster | undefined;
  const stations: FlowStation[] = [];
  try {
    d.log(`flow on ${count} node(s): starting HAProxy and the nodes`);
    cluster = await startBenchCluster({ count, database: d.database, vipps, secretsKey: d.secretsKey, env: { DRAIN_SECONDS: '0' } });
    // Each run's stations start their registers above the last run's.
    await connectStations(cluster, d, 1_000_000 * (count + 1), stations);
    const ids = new Set(d.stations.map((s) => s.id));
    d.log(`flow on ${count} node(s): ${stations.length} stations, spread ${spreadOf(await cluster.holders(), (id) => ids.has(id)).map(([n, k]) => `${n} ${k}`).join(', ')}`);
    const u0 = cluster.usage();
    const t0 = Date.now();
    const base = cluster.lb.url;
    const runs = await Promise.all(stations.map((fs, index) => driveThroughBalancer({ base, index, fs, vipps, chargeMs: d.chargeSeconds * 1000 })));
    const u1 = cluster.usage();
    const wall = Math.max(0.001, (Date.now() - t0) / 1000);
    const drivers = runs.map((r) => r.t);
    const first = Math.min(...drivers.map((t) => t.startedAt));
    const last = Math.max(...drivers.map((t) => t.releasedAt ?? t.startedAt));
    const seconds = Math.max(0.001, (last - first) / 1000);
    const wrong: string[] = [];
    for (const r of runs) {
      const problem = r.check && !r.t.failure ? await settledWrong(d.database, vipps, r.check) : undefined;
      if (problem) wrong.push(problem);
    }
    for (const t of drivers) if (t.failure) wrong.push(`failed: ${t.failure}`);
    const result: FlowOnNodes = {
      nodes: count,
      drivers,
      seconds,
      wrong,
      nodesCpuPercent: ((u1.nodesCpuSeconds - u0.nodesCpuSeconds) / wall) * 100,
      haproxyCpuPercent: ((u1.haproxyCpuSeconds - u0.haproxyCpuSeconds) / wall) * 100,
    };
    const flow = between(drivers.filter((t) => !t.failure), 'startedAt', 'releasedAt');
    d.log(
      `flow on ${count} node(s): ${drivers.filter((t) => !t.failure).length}/${drivers.length} done, ${wrong.length} wrong; flow p50 ${ms(flow.p50)} p99 ${ms(flow.p99)}; ` +
        `approve→RemoteStart p99 ${ms(between(drivers, 'approvedAt', 'remoteStartAt').p99)}; nodes CPU ${result.nodesCpuPercent.toFixed(0)} %`,
    );
    for (const w of wrong.slice(0, 5)) d.log(`  ${w}`);
    if (!approval) return { result };
    const probed = await approvalProbes({ cluster, stations, vipps, database: d.database, firstDriver: stations.length, log: d.log });
    return { result, probes: probed.probes, probesWrong: probed.wrong };
  } finally {
    await Promise.all(stations.map((s) => s.cp.cp.stop().catch(() => undefined)));
    await cluster?.stop();
    await vipps.stop();
  }
}
