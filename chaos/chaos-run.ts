import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { freePort } from '../src/adapters/web/free-port.ts';
import { ACTIVE_STATES } from '../src/core/vocabulary/session-states.ts';
import { machineInfo, type MachineInfo } from '../bench/machine-info.ts';
import type { SimBooks, SimOrder } from '../simulators/vipps/index.ts';
import { audit, type AuditResult } from './audit/audit.ts';
import { createChaosDatabase } from './chaos-database.ts';
import { startChaosFleet } from './chaos-fleet.ts';
import { fleetSpec, seedChaosWorld } from './chaos-fleet-spec.ts';
import type { FaultKind } from './fault-catalogue.ts';
import { LadepayControl } from './ladepay-control.ts';
import { LoadGate } from './load-gate.ts';
import { readLadepay, type LadepayRecords } from './ladepay-records.ts';
import { OperatorClient } from './operator-client.ts';
import { prng } from './prng.ts';
import { Progress } from './progress.ts';
import { runSession } from './session-runner.ts';
import { planSession } from './session-plan.ts';
import type { SessionTruth } from './session-truth.ts';
import { startVippsWorld } from './vipps-world.ts';
import { worldClock } from './world-clock.ts';
import type { Slot, WorldContext } from './world-context.ts';
import { describeSettings, ladepayEnv, worldSettings, type WorldSettings } from './world-settings.ts';

export interface ChaosOptions {
  sessions: number;
  seed: number;
  // The last `sessions` of the run planned from another seed instead (the test
  // suite adds a random seed to its fixed one without starting a second world).
  alsoSeed?: { seed: number; sessions: number };
  stations: number;
  database: 'sqlite' | 'postgres';
  databaseUrl?: string;
  faults: ReadonlySet<FaultKind>;
  timeScale: number;
  chargeMinutes: [number, number];
  killEvery: [number, number];
  outDir: string;
  reactionRealMs: number;
  log(line: string): void;
}

export interface ChaosRun {
  options: ChaosOptions;
  settings: WorldSettings;
  machine: MachineInfo;
  runDir: string;
  seconds: number;
  outcomes: Record<string, number>;
  kills: number;
  downtime: Array<[number, number]>;
  vippsFaultsFired: Record<string, number>;
  sessions: SessionTruth[];
  ladepay: LadepayRecords;
  result: AuditResult;
  orphans: number;
  // The Vipps books of the sessions with a violation, for their timelines.
  evidence: Map<number, { books?: SimBooks; order?: SimOrder }>;
}

export async function runChaos(o: ChaosOptions): Promise<ChaosRun> {
  const machine = machineInfo();
  const startedAt = Date.now();
  const runDir = resolve(o.outDir, `run-${o.seed}-${o.database}-${new Date(startedAt).toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(runDir, { recursive: true });
  const clock = worldClock(startedAt, o.timeScale);
  const settings = worldSettings(o.timeScale);
  const seeds = o.alsoSeed ? `seed ${o.seed} (sessions 0–${o.sessions - o.alsoSeed.sessions - 1}) and seed ${o.alsoSeed.seed} (the last ${o.alsoSeed.sessions})` : `seed ${o.seed}`;
  o.log(`chaos: ${seeds}, ${o.sessions} sessions, ${o.stations} stations, ${o.database}, ${o.faults.size} fault kinds; output in ${runDir}`);
  for (const line of describeSettings(settings)) o.log(`chaos: ${line}`);

  const database = await createChaosDatabase({ kind: o.database, runDir, postgresUrl: o.databaseUrl, label: String(o.seed) });
  const specs = fleetSpec(o.stations);
  const { apiToken } = await seedChaosWorld(database, specs, clock.now());
  const vipps = await startVippsWorld(clock, settings, o.faults, o.seed);
  const merchant = vipps.merchants[0] as (typeof vipps.merchants)[number];
  const port = await freePort('127.0.0.1');
  const ladepay = new LadepayControl({
    env: {
      ...ladepayEnv(settings),
      DATABASE_URL: database.databaseUrl,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      VIPPS_BASE_URL: vipps.url,
      VIPPS_CLIENT_ID: merchant.clientId,
      VIPPS_CLIENT_SECRET: merchant.clientSecret,
      VIPPS_SUBSCRIPTION_KEY: merchant.subscriptionKey,
      VIPPS_MSN: merchant.msn,
      // One key for the run: the secrets sealed before a kill open after the restart.
      SECRETS_KEY: randomBytes(32).toString('base64'),
      // The whole fleet connects from 127.0.0.1.
      OCPP_MAX_CONNECTIONS_PER_ADDRESS: String(specs.length + 100),
      CHAOS_WORLD_EPOCH_MS: String(clock.epochMs),
      CHAOS_TIME_SCALE: String(clock.scale),
    },
    port,
    logFile: join(runDir, 'ladepay.log'),
    clock,
    rng: prng(o.seed, 'kills'),
    // The first kill comes once the first wave of drivers is under way.
    firstKillAfter: fleetSlotCount(o.stations),
    killEvery: o.faults.has('ladepay-kill') ? o.killEvery : null,
    log: o.log,
  });
  await ladepay.start();
  o.log(`chaos: Ladepay up at ${ladepay.url} on ${database.describe}`);
  const fleet = await startChaosFleet(specs, clock, settings, `ws://127.0.0.1:${port}/ocpp`);
  o.log(`chaos: ${specs.length} stations online (${fleet.slots.length} connectors and 2 hostile stations) after ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);

  const operator = new OperatorClient(() => ladepay.url, apiToken);
  const ctx: WorldContext = { clock, settings, vipps, ladepayUrl: () => ladepay.url, operator, hostile: fleet.hostile, ladepayUp: () => ladepay.up(), log: o.log };
  const sessions: SessionTruth[] = [];
  const progress = new Progress(o.sessions, o.log);
  let next = 0;
  const gate = new LoadGate({ url: () => ladepay.url, up: () => ladepay.up(), db: database.db, clock, startsPerSecond: 6 });
  gate.start();
  const ticker = setInterval(() => progress.print(`${next - progress.done} running, Ladepay killed ${ladepay.kills} times${gate.open() ? '' : `, new drivers held (${gate.describe()})`}`), 10_000);
  const planOptions = { seed: o.seed, faults: o.faults, silenceS: settings.silenceS, charge: { minS: o.chargeMinutes[0] * 60, maxS: o.chargeMinutes[1] * 60 } };
  const fromSeed = o.sessions - (o.alsoSeed?.sessions ?? 0);
  const plan = (index: number) =>
    o.alsoSeed && index >= fromSeed ? { ...planSession(index - fromSeed, { ...planOptions, seed: o.alsoSeed.seed }), index } : planSession(index, planOptions);
  const loop = async (slot: Slot, first: number): Promise<void> => {
    await clock.sleep(first);
    while (next < o.sessions) {
      await gate.pass();
      if (next >= o.sessions) break;
      const index = next++;
      ladepay.sessionStarted(index + 1);
      const truth = runSession(ctx, slot, plan(index));
      const done = await truth;
      sessions[index] = done;
      progress.finished(done.outcome);
    }
  };
  const stagger = prng(o.seed, 'stagger');
  await Promise.all(fleet.slots.map((slot) => loop(slot, stagger.int(0, 300_000))));
  clearInterval(ticker);
  gate.stop();
  progress.print(`all sessions done; waiting for Ladepay to finish`);

  const sessionsDoneAt = Date.now();
  await ladepay.settle();
  await quiesce(database.db, 180_000);
  await Promise.race([vipps.idle(), new Promise((r) => setTimeout(r, 5_000))]);
  o.log(`chaos: Ladepay done ${((Date.now() - sessionsDoneAt) / 1000).toFixed(0)} s after the last session; auditing`);
  const records = await readLadepay(database.db);
  const downtime = ladepay.downtime.map(([a, b]) => [a, b ?? clock.nowMs()] as [number, number]);
  const result = audit({
    sessions,
    ladepay: records,
    books: (reference) => vipps.books(reference),
    receipts: (reference) => vipps.receipts(reference),
    settings,
    bounds: { reactionRealMs: o.reactionRealMs },
    downtime,
  });
  const run: ChaosRun = {
    options: o,
    settings,
    machine,
    runDir,
    seconds: (Date.now() - startedAt) / 1000,
    outcomes: progress.counts(),
    kills: ladepay.kills,
    downtime,
    vippsFaultsFired: vipps.faults.fired(),
    sessions,
    ladepay: records,
    result,
    orphans: fleet.observers.reduce((n, ob) => n + ob.orphans.length, 0),
    evidence: new Map(),
  };
  for (const v of result.violations) {
    if (v.reference && !run.evidence.has(v.index)) run.evidence.set(v.index, { books: vipps.books(v.reference), order: vipps.receipts(v.reference) });
  }
  await fleet.stop();
  await ladepay.stop();
  await vipps.stop();
  await database.close();
  return run;
}

function fleetSlotCount(stations: number): number {
  return stations * 2;
}

// Waits until no session is active or settling and no side effect is pending.
async function quiesce(db: Parameters<typeof readLadepay>[0], withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const busy = await sql<{ n: number }>`select (select count(*) from sessions where state in (${sql.join([...ACTIVE_STATES, 'settling'])})) + (select count(*) from outbox where state in ('pending','running')) as n`.execute(db);
    if (Number(busy.rows[0]?.n ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
