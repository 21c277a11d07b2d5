import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../src/adapters/security/password-hash.ts';
import { generateStationSecret, hashStationSecret } from '../src/adapters/security/station-secret.ts';
import { fleetProtocol } from '../simulators/charge-point/index.ts';
import { startVippsSimulator, type VippsSimulator } from '../simulators/vipps/index.ts';
import { benchStations, createBenchDatabase, seedStations, type BenchDatabase } from './bench-database.ts';
import { monotonicUs, newestProfile, summarizeCpuProfile, type ProfileWindow } from './cpu-profile-summary.ts';
import { startLadepayChild } from './ladepay-child.ts';
import { LoadGeneratorClient } from './load-generator-client.ts';
import type { PlannedStation } from './load-messages.ts';
import { machineInfo } from './machine-info.ts';
import { startNodeChild, type NodeChild } from './node-child.ts';
import { ms } from './percentiles.ts';
import { mib, readProcessUsage } from './process-usage.ts';
import { Flags } from './read-flags.ts';
import { writeResultsSection } from './results-doc.ts';
import { holds, type LevelResult, type ServerKind, type ServerRun, type StationsSettings } from './stations-run.ts';
import { stationsMarkdown } from './stations-report.ts';
import { waitForQuietMachine } from './wait-for-quiet-machine.ts';

// Stations at scale: how many OCPP stations one Ladepay process carries, and
// at what cost, side by side with a bare ocpp-rpc server doing nothing but
// answer. Ladepay, the bare server and the load generator are three separate
// processes; this one steers them and reads their CPU and memory from /proc.

// As Ladepay makes them for a new station (long, random, kept as a salted
// HMAC), or with --short-passwords a hand-picked one, which Ladepay keeps
// with scrypt.
const GENERATED = generateStationSecret();
const SHORT = 'bench-pw-12';

const flags = new Flags(process.argv.slice(2));
const levelsWanted = flags.numbers('levels', [1000, 5000, 10_000, 20_000]);
const extendStep = flags.num('extend-step', 5000);
const maxStations = flags.num('max-stations', 40_000);
const settings0 = {
  mix: flags.num('mix', 0.3),
  chargingShare: flags.num('charging', 0.2),
  heartbeatSeconds: flags.num('heartbeat', 60),
  meterSeconds: flags.num('meter', 10),
  windowSeconds: flags.num('window', 60),
  settleSeconds: flags.num('settle', 10),
  burstSeconds: flags.num('burst-seconds', 10),
  burstStations: flags.num('burst-stations', 1000),
  connectConcurrency: flags.num('connect-concurrency', 64),
};
const servers = flags.str('servers', 'ladepay,ceiling').split(',') as ServerKind[];
const maxMinutes = flags.num('max-minutes', 60);
const cpuProf = flags.bool('cpu-prof');
const write = !flags.bool('no-write');
const skipWait = flags.bool('no-wait');
const shortPasswords = flags.bool('short-passwords');
flags.rejectUnknown();
const PASSWORD = shortPasswords ? SHORT : GENERATED;

const log = (line: string) => console.log(`[stations ${new Date().toISOString().slice(11, 19)}] ${line}`);
const startedAt = Date.now();
const deadline = startedAt + maxMinutes * 60_000;

// A station is one socket, and a socket is one open file in each process, so
// the hard open-files limit caps the number of stations one process can hold;
// one source address gives at most the ephemeral port range.
function stationCap(): { cap: number; reason: string } {
  const hard = Number(readFileSync('/proc/self/limits', 'utf8').match(/Max open files\s+\d+\s+(\d+|unlimited)/)?.[1] ?? 'NaN');
  const [lo, hi] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number) as [number, number];
  const byFiles = Number.isFinite(hard) ? hard - 300 : Infinity;
  const byPorts = hi - lo - 1000;
  if (byFiles <= byPorts) return { cap: byFiles, reason: `a process may have at most ${hard} open files here (hard limit, and raising it needs CAP_SYS_RESOURCE), so one process holds at most about ${byFiles} station sockets` };
  return { cap: byPorts, reason: `one source address has ${hi - lo} ephemeral ports (${lo}–${hi}), so one load generator opens at most about ${byPorts} sockets to one server port` };
}

// Spread evenly, like the simulator's protocol mix.
function plannedStations(count: number): PlannedStation[] {
  return benchStations('LP', count).map((s, i) => ({
    id: s.id,
    protocol: fleetProtocol(i, settings0.mix),
    charging: fleetProtocol(i + 3, settings0.chargingShare) === 'ocpp2.0.1',
  }));
}

async function startCeiling(): Promise<{ url: string; node: NodeChild }> {
  const node = startNodeChild({ script: 'bench/bare-ocpp-server.ts', args: ['0'] });
  const until = Date.now() + 60_000;
  for (;;) {
    const port = /listening (\d+)/.exec(node.output())?.[1];
    if (port) return { url: `ws://127.0.0.1:${port}/ocpp`, node };
    if (node.exited() || Date.now() > until) throw new Error(`bare server did not start:\n${node.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function summarizeLog(output: string): string[] {
  const counts = new Map<string, number>();
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string };
      if ((entry.level ?? 0) < 40) continue;
      const key = `${entry.level === 40 ? 'warn' : 'error'}: ${entry.msg ?? '?'}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    } catch {
      // not a log line
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, n]) => `${k} (${n}×, in the last 50 kB of output)`);
}

async function runServer(kind: ServerKind, levels: number[], cap: number, planned: PlannedStation[], vipps: VippsSimulator | undefined): Promise<ServerRun> {
  const notes: string[] = [];
  let database: BenchDatabase | undefined;
  let server: { url: string; pid: number; output: () => string; stop: () => Promise<void> };
  const profileDir = cpuProf && kind === 'ladepay' ? mkdtempSync(join(tmpdir(), 'ladepay-prof-')) : undefined;
  if (kind === 'ladepay') {
    if (!vipps) throw new Error('Ladepay needs the Vipps simulator');
    log(`creating ${planned.length} stations in a fresh SQLite database`);
    const t = Date.now();
    database = await createBenchDatabase('sqlite');
    await seedStations(database, benchStations('LP', planned.length), shortPasswords ? await hashPassword(PASSWORD) : await hashStationSecret(PASSWORD));
    await database.close();
    log(`stations created in ${((Date.now() - t) / 1000).toFixed(1)} s; starting Ladepay`);
    const child = await startLadepayChild({
      vipps,
      databaseUrl: database.databaseUrl,
      cpuProfileDir: profileDir,
      env: { OCPP_HEARTBEAT_SECONDS: String(settings0.heartbeatSeconds), OCPP_METER_INTERVAL_SECONDS: String(settings0.meterSeconds) },
    });
    server = { url: `${child.url.replace(/^http/, 'ws')}/ocpp`, pid: child.pid, output: () => child.node.output(), stop: () => child.stop() };
  } else {
    const ceiling = await startCeiling();
    server = { url: ceiling.url, pid: ceiling.node.pid, output: () => ceiling.node.output(), stop: () => ceiling.node.stop() };
  }
  log(`${kind} runs as pid ${server.pid}`);

  const generator = LoadGeneratorClient.start();
  const results: LevelResult[] = [];
  try {
    await generator.plan({
      url: server.url,
      password: PASSWORD,
      heartbeatSeconds: settings0.heartbeatSeconds,
      meterSeconds: settings0.meterSeconds,
      callTimeoutMs: 30_000,
      connectConcurrency: settings0.connectConcurrency,
      stations: planned,
    });
    const queue = [...levels];
    while (queue.length > 0) {
      const target = queue.shift()!;
      if (Date.now() > deadline) {
        notes.push(`stopped before ${target} stations: the run reached its ${maxMinutes} min limit`);
        break;
      }
      const already = results[results.length - 1]?.connect.connected ?? 0;
      log(`${kind}: connecting up to ${target} stations`);
      const cpuBefore = readProcessUsage(server.pid).cpuSeconds;
      const connect = await generator.connect(target, Math.max(180_000, (target - already) * 200));
      const connectCpu = readProcessUsage(server.pid).cpuSeconds - cpuBefore;
      log(`${kind}: ${connect.connected} open (${connect.added} added in ${connect.seconds.toFixed(1)} s, ${connect.failed} failed${connect.failed ? `: ${JSON.stringify(connect.failures)}` : ''})`);
      await new Promise((r) => setTimeout(r, settings0.settleSeconds * 1000));

      const u0 = readProcessUsage(server.pid);
      const steadyFrom = monotonicUs();
      let rssMax = u0.rssBytes;
      const sampler = setInterval(() => {
        rssMax = Math.max(rssMax, readProcessUsage(server.pid).rssBytes);
      }, 1000);
      const steady = await generator.measure(settings0.windowSeconds);
      clearInterval(sampler);
      const u1 = readProcessUsage(server.pid);
      const steadyWindow: ProfileWindow = { fromUs: steadyFrom, toUs: monotonicUs() };
      const steadyCpuPercent = ((u1.cpuSeconds - u0.cpuSeconds) / steady.seconds) * 100;
      log(
        `${kind}: steady ${(steady.answered / steady.seconds).toFixed(0)} msg/s, p50 ${ms(steady.latencyMs.p50)}, p99 ${ms(steady.latencyMs.p99)}, ` +
          `CPU ${steadyCpuPercent.toFixed(0)} %, RSS ${mib(u1.rssBytes)}, errors ${steady.callErrors + steady.timeouts}, drops ${steady.dropped}, generator CPU ${steady.generatorCpuPercent.toFixed(0)} %`,
      );

      let burst;
      let burstCpuPercent;
      let burstWindow: ProfileWindow | undefined;
      if (settings0.burstSeconds > 0) {
        const b0 = readProcessUsage(server.pid).cpuSeconds;
        const burstFrom = monotonicUs();
        burst = await generator.burst(settings0.burstSeconds, settings0.burstStations);
        burstWindow = { fromUs: burstFrom, toUs: monotonicUs() };
        burstCpuPercent = ((readProcessUsage(server.pid).cpuSeconds - b0) / burst.seconds) * 100;
        log(`${kind}: burst ${(burst.answered / burst.seconds).toFixed(0)} msg/s with ${burst.stations} stations, p99 ${ms(burst.latencyMs.p99)}, CPU ${burstCpuPercent.toFixed(0)} %, generator CPU ${burst.generatorCpuPercent.toFixed(0)} %`);
        // Let what the burst left queued (Ladepay's message log) drain before more stations come.
        await new Promise((r) => setTimeout(r, 5000));
      }
      const level: LevelResult = {
        stations: target,
        connect,
        connectCpuMsPerStation: connect.added > 0 ? (connectCpu * 1000) / connect.added : 0,
        steady,
        steadyCpuPercent,
        rssBytes: u1.rssBytes,
        peakRssBytes: u1.peakRssBytes,
        burst,
        burstCpuPercent,
        steadyWindow,
        burstWindow,
      };
      results.push(level);
      if (steady.generatorLoopDelayP99Ms > 20) notes.push(`at ${target} stations the load generator's event loop was late by up to ${steady.generatorLoopDelayP99Ms.toFixed(0)} ms (p99): that much of the latency may be its own`);
      if (steady.generatorCpuPercent > 85) notes.push(`at ${target} stations the load generator itself was busy (${steady.generatorCpuPercent.toFixed(0)} % of a core): latencies include its own delay`);
      if (queue.length === 0 && kind === 'ladepay' && holds(level) && target < Math.min(cap, maxStations)) {
        queue.push(Math.min(target + extendStep, cap, maxStations));
        log(`${kind}: ${target} held; going on to ${queue[0]}`);
      }
    }
  } finally {
    await generator.close();
    await server.stop();
    await database?.drop();
  }
  const run: ServerRun = { kind, levels: results, notes, logSummary: kind === 'ladepay' ? summarizeLog(server.output()) : [] };
  if (profileDir) {
    const file = newestProfile(profileDir);
    const top = results[results.length - 1];
    if (file && top) {
      run.profile = {
        stations: top.stations,
        steady: summarizeCpuProfile(file, 15, top.steadyWindow),
        burst: top.burstWindow ? summarizeCpuProfile(file, 15, top.burstWindow) : undefined,
        whole: summarizeCpuProfile(file, 15),
      };
      notes.push(`CPU profile: ${file}`);
    } else notes.push('no CPU profile was written');
  }
  return run;
}

async function main(): Promise<void> {
  const machine = machineInfo();
  const { cap, reason } = stationCap();
  const clamped = [...new Set(levelsWanted.map((n) => Math.min(n, cap, maxStations)))].sort((a, b) => a - b);
  if (clamped.some((n, i) => n !== levelsWanted[i])) log(`levels ${levelsWanted.join(', ')} → ${clamped.join(', ')}: ${reason}`);
  const ladepayCeiling = Math.min(cap, maxStations);
  const planned = plannedStations(Math.max(...clamped, servers.includes('ladepay') ? ladepayCeiling : 0));

  const quiet = skipWait ? { quiet: true, waitedSeconds: 0, load1: machine.loadAtStart[0] ?? 0 } : await waitForQuietMachine({ log });
  log(`1-minute load ${quiet.load1.toFixed(2)}; levels ${clamped.join(', ')}; servers ${servers.join(', ')}`);

  const vipps = servers.includes('ladepay') ? await startVippsSimulator({ port: 0 }) : undefined;
  const runs: ServerRun[] = [];
  try {
    for (const kind of servers) {
      const levels = kind === 'ceiling' && runs[0] ? runs[0].levels.map((l) => l.stations) : clamped;
      runs.push(await runServer(kind, levels, cap, planned, vipps));
    }
  } finally {
    await vipps?.stop();
  }

  const settings: StationsSettings = {
    ...settings0,
    passwords: shortPasswords ? 'short' : 'generated',
    levels: clamped,
    cap,
    capReason: reason,
    command: `npm run bench:stations${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
  };
  const markdown = stationsMarkdown({ machine, quiet, settings, runs, seconds: (Date.now() - startedAt) / 1000 });
  console.log(`\n${markdown}`);
  if (write) {
    writeResultsSection('stations', markdown);
    log('written to docs/benchmarks.md');
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
