import { performance } from 'node:perf_hooks';
import { generateStationSecret, hashStationSecret } from '../src/adapters/security/station-secret.ts';
import { fleetProtocol } from '../simulators/charge-point/index.ts';
import { startVippsSimulator, type VippsSimulator } from '../simulators/vipps/index.ts';
import { benchStations, createBenchDatabase, postgresBaseUrl, seedStations, type BenchDialect, type BenchStation } from './bench-database.ts';
import { approveOnPhone, openLanding, pay, pressStop, sessionJson, stopCheck, type DriverIdentity } from './bench-driver.ts';
import { monotonicUs, newestProfile, summarizeCpuProfile, type ProfileWindow } from './cpu-profile-summary.ts';
import { flowMarkdown } from './flow-report.ts';
import { flowFigures, loadLabel, type FlowLoad, type FlowRun, type SessionTimeline } from './flow-run.ts';
import { startLadepayChild, type LadepayChild } from './ladepay-child.ts';
import { machineInfo } from './machine-info.ts';
import { ms } from './percentiles.ts';
import { mib, readProcessUsage } from './process-usage.ts';
import { Flags } from './read-flags.ts';
import { writeResultsSection } from './results-doc.ts';
import { startTimedChargePoint, type TimedChargePoint } from './timed-charge-point.ts';
import { waitForQuietMachine } from './wait-for-quiet-machine.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Drop-in flow: many drivers at once through the whole flow, against Ladepay
// as a child process, the Vipps simulator and simulated stations, on SQLite
// and on PostgreSQL, with and without lost webhooks.

// As Ladepay makes them for a new station: long and random, kept as a salted HMAC.
const PASSWORD = generateStationSecret();
const AMOUNT_ORE = 35_000;

const flags = new Flags(process.argv.slice(2));
// --rates 0: no paced runs.
const rates = flags.numbers('rates', [2, 10]).filter((r) => r > 0);
const pacedSeconds = flags.num('paced-seconds', 60);
const sessionCount = flags.num('sessions', 300);
const saturating = flags.num('concurrency', 50);
const meterMinutes = flags.num('meter-minutes', 5);
const dropShare = flags.num('drop', 0.2);
const dialectsWanted = flags.optional('dialects')?.split(',') as BenchDialect[] | undefined;
const cpuProf = flags.bool('cpu-prof');
const write = !flags.bool('no-write');
const skipWait = flags.bool('no-wait');
const maxMinutes = flags.num('max-minutes', 30);
flags.rejectUnknown();

const log = (line: string) => console.log(`[flow ${new Date().toISOString().slice(11, 19)}] ${line}`);
const deadline = Date.now() + maxMinutes * 60_000;

async function inBatches<T>(items: T[], width: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

// Open loop: session i starts at i / rate seconds, whether or not the earlier
// ones are done (drivers do not wait for each other), at most maxInFlight at once.
async function paced<T>(items: T[], perSecond: number, maxInFlight: number, fn: (item: T, index: number) => Promise<void>): Promise<number> {
  const started = Date.now();
  const running = new Set<Promise<void>>();
  let late = 0;
  for (let i = 0; i < items.length; i++) {
    const due = started + (i * 1000) / perSecond;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    while (running.size >= maxInFlight) await Promise.race(running);
    if (Date.now() - due > 100) late++;
    const p: Promise<void> = fn(items[i]!, i).finally(() => running.delete(p));
    running.add(p);
  }
  await Promise.all(running);
  return late;
}

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs: number, everyMs = 20): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function driveSession(i: number, base: string, station: BenchStation, cp: TimedChargePoint, vipps: VippsSimulator): Promise<SessionTimeline> {
  const t: SessionTimeline = { index: i, protocol: cp.cp.protocol, startedAt: Date.now() };
  const driver: DriverIdentity = { address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` };
  try {
    await openLanding(base, station.code, driver);
    const p0 = performance.now();
    const phoneUrl = await pay(base, station.code, driver, AMOUNT_ORE);
    t.payMs = performance.now() - p0;
    const statusUrl = await approveOnPhone(phoneUrl);
    t.token = new URL(statusUrl).pathname.split('/')[2];
    t.remoteStartAt = await cp.waitFor('remoteStart', 60_000);
    // The driver is back on the status page once it shows the charge. The
    // station tells when Ladepay has answered its start; asking the page over
    // and over would load Ladepay with requests no phone makes (its page
    // listens to an event stream).
    await cp.waitFor('startAnswered', 60_000);
    const view = await until(async () => {
      const v = await sessionJson(statusUrl, driver);
      return v.phase === 'charging' ? v : undefined;
    }, 'charging', 60_000, 250);
    t.reference = view.reference;
    const check = await stopCheck(statusUrl, driver);
    await cp.cp.tick(meterMinutes * 60_000);
    t.stopPressedAt = Date.now();
    await pressStop(statusUrl, check, driver);
    t.remoteStopAt = await cp.waitFor('remoteStop', 60_000);
    t.stopSentAt = await cp.waitFor('stopSent', 60_000);
    const reference = view.reference;
    await until(() => (vipps.receipts(reference)?.receipt ? true : undefined), 'receipt', 60_000);
    t.receiptAt = Date.now();
    t.endedAt = t.receiptAt;
  } catch (err) {
    t.failure = err instanceof Error ? err.message : String(err);
  }
  return t;
}

async function runFlow(dialect: BenchDialect, load: FlowLoad, drop: number): Promise<FlowRun> {
  const notes: string[] = [];
  const count = load.kind === 'rate' ? Math.max(1, Math.round(load.perSecond * pacedSeconds)) : sessionCount;
  const stations = benchStations('DF', count);
  const database = await createBenchDatabase(dialect);
  const vipps = await startVippsSimulator({ port: 0 });
  let ladepay: LadepayChild | undefined;
  const chargePoints: TimedChargePoint[] = [];
  const profileDir = cpuProf ? mkdtempSync(join(tmpdir(), 'ladepay-flow-prof-')) : undefined;
  let sessionsWindow: ProfileWindow | undefined;
  let run: FlowRun;
  try {
    await seedStations(database, stations, await hashStationSecret(PASSWORD));
    ladepay = await startLadepayChild({ vipps, databaseUrl: database.databaseUrl, cpuProfileDir: profileDir });
    const csmsUrl = `${ladepay.url.replace(/^http/, 'ws')}/ocpp`;
    log(`${dialect}${drop ? ` drop ${drop}` : ''}: Ladepay pid ${ladepay.pid}; connecting ${stations.length} stations`);
    await inBatches(stations, 16, async (s, i) => {
      const cp = await startTimedChargePoint({ csmsUrl, stationId: s.id, password: PASSWORD, protocol: fleetProtocol(i, 0.5) });
      await cp.cp.plugIn(1, { batteryWh: 80_000, socPercent: 20, maxPowerW: 50_000 });
      chargePoints[i] = cp;
    });
    // Let the connect wave (and its log writes) settle before the clock starts.
    await new Promise((r) => setTimeout(r, 3000));
    if (drop > 0) vipps.faults.set({ webhookDrop: { share: drop } });

    log(`${dialect}${drop ? ` drop ${drop}` : ''}: ${count} sessions, ${loadLabel(load)}`);
    const u0 = readProcessUsage(ladepay.pid);
    const started = Date.now();
    const fromUs = monotonicUs();
    const sessions: SessionTimeline[] = [];
    const base = ladepay.url;
    const one = async (s: BenchStation, i: number) => {
      if (Date.now() > deadline) {
        sessions[i] = { index: i, protocol: '', startedAt: Date.now(), failure: 'not run: the benchmark reached its time limit' };
        return;
      }
      sessions[i] = await driveSession(i, base, s, chargePoints[i]!, vipps);
    };
    if (load.kind === 'rate') {
      const late = await paced(stations, load.perSecond, 200, one);
      if (late > 0) notes.push(`${late} session(s) started over 100 ms late: the drivers could not keep the pace`);
    } else {
      await inBatches(stations, load.n, one);
    }
    const seconds = (Date.now() - started) / 1000;
    const u1 = readProcessUsage(ladepay.pid);
    sessionsWindow = { fromUs, toUs: monotonicUs() };

    // The marks kept elsewhere: the simulator's event log and Ladepay's session events.
    const deliveries = vipps.webhookDeliveries().filter((d) => d.event.includes('authorized'));
    const dropped = new Set(deliveries.filter((d) => d.state === 'dropped').map((d) => d.reference));
    const sent = new Map<string, number>();
    for (const d of deliveries) {
      const last = d.attempts[d.attempts.length - 1];
      if (d.state === 'delivered' && last && !sent.has(d.reference)) sent.set(d.reference, Date.parse(last.at));
    }
    const events = await database.db
      .selectFrom('session_events')
      .innerJoin('sessions', 'sessions.id', 'session_events.session_id')
      .select(['sessions.token as token', 'session_events.type as type', 'session_events.at as at'])
      .where('session_events.type', 'in', ['payment_authorized', 'captured', 'released'])
      .execute();
    const byToken = new Map<string, Partial<Record<string, number>>>();
    for (const e of events) {
      const entry = byToken.get(e.token) ?? {};
      entry[e.type] ??= Date.parse(e.at);
      byToken.set(e.token, entry);
    }
    const webhooks = new Map<string, number>();
    for (const w of await database.db.selectFrom('payment_events').select(['reference', 'name', 'received_at']).execute()) {
      if (w.name === 'AUTHORIZED' && !webhooks.has(w.reference)) webhooks.set(w.reference, Date.parse(w.received_at));
    }
    for (const s of sessions) {
      if (!s.reference || !s.token) continue;
      const authorized = vipps.books(s.reference)?.events.find((e) => e.name === 'AUTHORIZED' && e.success);
      if (authorized) s.approvedAt = Date.parse(authorized.timestamp);
      s.webhookDropped = dropped.has(s.reference);
      s.webhookSentAt = sent.get(s.reference);
      s.webhookAt = webhooks.get(s.reference);
      s.authorizedAt = byToken.get(s.token)?.['payment_authorized'];
      s.capturedAt = byToken.get(s.token)?.['captured'];
      s.releasedAt = byToken.get(s.token)?.['released'];
    }
    const failures = new Map<string, number>();
    for (const s of sessions) if (s.failure) failures.set(s.failure.replace(/DF\d+/g, 'DF…'), (failures.get(s.failure.replace(/DF\d+/g, 'DF…')) ?? 0) + 1);
    for (const [f, n] of failures) notes.push(`${n} session(s) failed: ${f}`);
    if (drop > 0) notes.push(`${dropped.size} of ${sessions.length} authorized webhooks were dropped`);
    run = {
      dialect,
      load,
      dropShare: drop,
      sessions,
      seconds,
      ladepayCpuPercent: ((u1.cpuSeconds - u0.cpuSeconds) / seconds) * 100,
      ladepayPeakRssBytes: u1.peakRssBytes,
      notes,
    };
  } finally {
    await Promise.all(chargePoints.map((c) => c?.cp.stop().catch(() => undefined)));
    await ladepay?.stop();
    await vipps.stop();
    await database.drop();
  }
  // The profile is written when Ladepay exits.
  const file = profileDir ? newestProfile(profileDir) : undefined;
  if (file) {
    run.profile = summarizeCpuProfile(file, 15, sessionsWindow);
    log(`CPU profile of Ladepay (${dialect}, drop ${drop}): ${file}`);
  }
  return run;
}

async function main(): Promise<void> {
  const machine = machineInfo();
  const postgres = postgresBaseUrl() !== undefined;
  const dialects = dialectsWanted ?? (postgres ? ['sqlite', 'postgres'] : ['sqlite']);
  if (!postgres && dialects.includes('postgres')) throw new Error('PostgreSQL asked for, but DATABASE_URL is not a postgres:// URL');
  if (!postgres) log('DATABASE_URL is unset: SQLite only');
  const quiet = skipWait ? { quiet: true, waitedSeconds: 0, load1: machine.loadAtStart[0] ?? 0 } : await waitForQuietMachine({ log });
  const started = Date.now();
  const runs: FlowRun[] = [];
  // Paced drivers at each rate, one saturating run, then lost webhooks at the lowest rate.
  const plan: Array<{ load: FlowLoad; drop: number }> = [
    ...rates.map((r) => ({ load: { kind: 'rate' as const, perSecond: r }, drop: 0 })),
    ...(saturating > 0 ? [{ load: { kind: 'concurrency' as const, n: saturating }, drop: 0 }] : []),
    ...(dropShare > 0 && rates.length > 0 ? [{ load: { kind: 'rate' as const, perSecond: Math.min(...rates) }, drop: dropShare }] : []),
  ];
  for (const dialect of dialects) {
    for (const { load, drop } of plan) {
      const run = await runFlow(dialect, load, drop);
      const f = flowFigures(run);
      log(
        `${dialect} ${loadLabel(load)}${drop ? ` drop ${drop}` : ''}: ${f.ok} ok, ${f.failed} failed, ${f.sessionsPerSecond.toFixed(2)} sessions/s; approve→RemoteStart p50 ${ms(f.approveToRemoteStart.p50)} p99 ${ms(f.approveToRemoteStart.p99)}` +
          `${drop ? ` (dropped: p50 ${ms(f.approveToRemoteStartDropped.p50)} p99 ${ms(f.approveToRemoteStartDropped.p99)})` : ''}; stop→captured p99 ${ms(f.stationStopToCaptured.p99)}; ` +
          `captured→released p99 ${ms(f.capturedToReleased.p99)}; CPU ${run.ladepayCpuPercent.toFixed(0)} %, peak RSS ${mib(run.ladepayPeakRssBytes)}`,
      );
      runs.push(run);
    }
  }
  const markdown = flowMarkdown({
    machine,
    quiet,
    runs,
    seconds: (Date.now() - started) / 1000,
    settings: {
      sessions: sessionCount,
      rates,
      pacedSeconds,
      concurrency: saturating,
      meterMinutes,
      postgresSkipped: !postgres,
      command: `${postgres ? `DATABASE_URL=${redacted(postgresBaseUrl() as string)} ` : ''}npm run bench:flow${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    },
  });
  console.log(`\n${markdown}`);
  if (write) {
    writeResultsSection('flow', markdown);
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
