import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { generateStationSecret, hashStationSecret } from '../src/adapters/security/station-secret.ts';
import { fleetProtocol } from '../simulators/charge-point/index.ts';
import { startVippsSimulator } from '../simulators/vipps/index.ts';
import { systemDependency } from '../test/support/system-deps.ts';
import { benchStations, createBenchDatabase, postgresBaseUrl, seedStations } from './bench-database.ts';
import { flowOnNodes } from './cluster-flow.ts';
import { clusterMarkdown } from './cluster-report.ts';
import type { ClusterResults, ClusterSettings } from './cluster-run.ts';
import { stationsOnNodes } from './cluster-stations.ts';
import type { PlannedStation } from './load-messages.ts';
import { machineInfo } from './machine-info.ts';
import { Flags } from './read-flags.ts';
import { writeResultsSection } from './results-doc.ts';
import { waitForQuietMachine } from './wait-for-quiet-machine.ts';

// Ladepay as several nodes on one PostgreSQL behind HAProxy, on this one
// machine: stations on 1, 2 and 3 nodes, a node killed and a node drained
// under them, the drop-in flow on 1, 2 and 3 nodes, and approval → RemoteStart
// when the payment and the station are on different nodes.

// As Ladepay makes them for a new station: long and random, kept as a salted HMAC.
const PASSWORD = generateStationSecret();
const PARTS = ['stations', 'failover', 'flow', 'approval'] as const;

const flags = new Flags(process.argv.slice(2));
const parts = flags.str('parts', PARTS.join(',')).split(',');
const unknownPart = parts.find((p) => !(PARTS as readonly string[]).includes(p));
if (unknownPart) throw new Error(`--parts: unknown part "${unknownPart}" (known: ${PARTS.join(', ')})`);
const settings: Omit<ClusterSettings, 'command'> = {
  stations: flags.num('stations', 3000),
  nodeCounts: flags.numbers('nodes', [1, 2, 3]),
  mix: flags.num('mix', 0.3),
  chargingShare: flags.num('charging', 0.2),
  heartbeatSeconds: flags.num('heartbeat', 60),
  meterSeconds: flags.num('meter', 10),
  windowSeconds: flags.num('window', 60),
  settleSeconds: flags.num('settle', 10),
  connectConcurrency: flags.num('connect-concurrency', 64),
  reconnectSpreadMs: flags.num('reconnect-spread-ms', 1000),
  drainSeconds: flags.num('drain-seconds', 2),
  drivers: flags.num('drivers', 30),
  chargeSeconds: flags.num('charge-seconds', 10),
  parts,
};
const write = !flags.bool('no-write');
const skipWait = flags.bool('no-wait');
flags.rejectUnknown();

const log = (line: string) => console.log(`[cluster ${new Date().toISOString().slice(11, 19)}] ${line}`);
const has = (part: (typeof PARTS)[number]) => parts.includes(part);

function plannedStations(): PlannedStation[] {
  return benchStations('LP', settings.stations).map((s, i) => ({
    id: s.id,
    protocol: fleetProtocol(i, settings.mix),
    charging: fleetProtocol(i + 3, settings.chargingShare) === 'ocpp2.0.1',
  }));
}

// Every socket is an open file. HAProxy holds two per station (the station's
// and the one to its node) and raises its own limit up to the hard one; a node
// runs with this process's soft limit and may hold every station.
function checkOpenFiles(stations: number): void {
  const m = /Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/.exec(readFileSync('/proc/self/limits', 'utf8'));
  const [soft, hard] = [Number(m?.[1] ?? NaN), Number(m?.[2] ?? NaN)];
  if (stations * 2 + 1000 > hard) throw new Error(`--stations ${stations}: HAProxy would need ${stations * 2 + 1000} open files, the hard limit is ${hard}`);
  if (stations + 1000 > soft) throw new Error(`--stations ${stations}: one node would need ${stations + 1000} open files, the soft limit is ${soft} (ulimit -n)`);
}

async function main(): Promise<void> {
  if (!postgresBaseUrl()) throw new Error('the cluster benchmark needs PostgreSQL: set DATABASE_URL=postgres://…');
  const haproxy = systemDependency('haproxy');
  if (!haproxy.present) throw new Error(`the cluster benchmark needs HAProxy (${haproxy.why}); install it with: ${haproxy.install}`);
  if (has('stations') || has('failover')) checkOpenFiles(settings.stations);
  const most = Math.max(...settings.nodeCounts);
  // Failover and the cross-node probes need the largest cluster, and at least two nodes.
  const stationCounts = has('stations') ? settings.nodeCounts : has('failover') ? [most] : [];
  const flowCounts = has('flow') ? settings.nodeCounts : has('approval') ? [most] : [];
  const notes: string[] = [];
  if (most < 2 && (has('failover') || has('approval'))) notes.push('failover and approval across nodes need at least 2 nodes: not run');

  const machine = machineInfo();
  const quiet = skipWait ? { quiet: true, waitedSeconds: 0, load1: machine.loadAtStart[0] ?? 0 } : await waitForQuietMachine({ log });
  const started = Date.now();
  const database = await createBenchDatabase('postgres');
  const vipps = await startVippsSimulator({ port: 0 });
  const results: Omit<ClusterResults, 'machine' | 'quiet' | 'settings' | 'seconds'> = { stations: [], failover: [], flows: [], approval: [], approvalWrong: [], notes };
  try {
    const flowStations = benchStations('DF', settings.drivers);
    const t = Date.now();
    await seedStations(database, [...(stationCounts.length > 0 ? benchStations('LP', settings.stations) : []), ...(flowCounts.length > 0 ? flowStations : [])], await hashStationSecret(PASSWORD));
    log(`stations created in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const secretsKey = randomBytes(32).toString('base64');
    const planned = plannedStations();
    for (const n of stationCounts) {
      const r = await stationsOnNodes(n, { database, vipps, secretsKey, password: PASSWORD, planned, settings: { ...settings, command: '' }, log }, has('failover') && n === most && n >= 2);
      results.stations.push(r.result);
      results.failover.push(...r.failover);
    }
    for (const n of flowCounts) {
      const approval = has('approval') && n === most && n >= 2;
      const r = await flowOnNodes(n, { database, secretsKey, password: PASSWORD, stations: flowStations, chargeSeconds: settings.chargeSeconds, log }, approval);
      results.flows.push(r.result);
      if (r.probes) {
        results.approval = r.probes;
        results.approvalWrong = r.probesWrong ?? [];
        results.approvalNodes = n;
      }
    }
  } finally {
    await vipps.stop();
    await database.drop();
  }
  const markdown = clusterMarkdown({
    machine,
    quiet,
    settings: { ...settings, command: `DATABASE_URL=${redacted(postgresBaseUrl() as string)} npm run bench:cluster${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}` },
    seconds: (Date.now() - started) / 1000,
    ...results,
  });
  console.log(`\n${markdown}`);
  if (write) {
    writeResultsSection('cluster', markdown);
    log('written to docs/benchmarks.md');
  }
}

// The URL as typed, less any password in it.
function redacted(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '…';
  return u.toString();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
