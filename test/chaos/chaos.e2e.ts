import { randomInt } from 'node:crypto';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChaos, type ChaosOptions } from '../../chaos/chaos-run.ts';
import { FAULT_KINDS } from '../../chaos/fault-catalogue.ts';
import { writeReport } from '../../chaos/report.ts';

// A small chaos run in every test run: Ladepay as a child process, the Vipps
// simulator, a fleet of stations on both protocols, every fault on, and the
// auditor's verdict. One fixed seed, and one random seed printed so that a
// failure can be replayed with `npm run chaos -- --seed <seed> …` (see
// docs/chaos.md). On SQLite, and on PostgreSQL when DATABASE_URL says so.

const FIXED_SEED = 20261206;
const RANDOM_SEED = randomInt(1, 2 ** 31 - 1);
const FIXED_SESSIONS = 200;
const RANDOM_SESSIONS = 60;

function options(database: 'sqlite' | 'postgres'): ChaosOptions {
  return {
    sessions: FIXED_SESSIONS + RANDOM_SESSIONS,
    seed: FIXED_SEED,
    alsoSeed: { seed: RANDOM_SEED, sessions: RANDOM_SESSIONS },
    stations: 25,
    database,
    databaseUrl: process.env.DATABASE_URL,
    faults: new Set(FAULT_KINDS),
    timeScale: 30,
    chargeMinutes: [2, 8],
    killEvery: [25, 40],
    reactionRealMs: 15_000,
    outDir: resolve(import.meta.dirname, '../../chaos-output/test'),
    log: (line) => console.log(line),
  };
}

async function auditedRun(o: ChaosOptions): Promise<string[]> {
  const replay = (seed: number, sessions: number) =>
    `npm run chaos -- --seed ${seed} --sessions ${sessions} --stations ${o.stations} --database ${o.database} --charge-minutes 2,8 --kill-every 25,40`;
  console.log(`chaos: replay the fixed part with ${replay(o.seed, FIXED_SESSIONS)}`);
  console.log(`chaos: replay the random part with ${replay(RANDOM_SEED, RANDOM_SESSIONS)}`);
  const run = await runChaos(o);
  const file = writeReport(run);
  expect(run.sessions.filter(Boolean)).toHaveLength(o.sessions);
  // The run did what it says: sessions charged, faults were injected, Ladepay was killed.
  expect(run.outcomes.charged ?? 0).toBeGreaterThan(o.sessions / 2);
  expect(run.kills).toBeGreaterThan(0);
  const found = run.result.violations.map((v) => `${v.check}: session ${v.index}${v.index >= FIXED_SESSIONS ? ' (random seed)' : ''} (${v.faults.join(', ')}): ${v.detail}`);
  found.push(...run.result.outboxProblems.map((p) => `outbox ${p.key} ${p.state}: ${p.lastError ?? ''}`));
  if (found.length > 0) console.log(`chaos: ${found.length} violations; evidence in ${file}`);
  return found;
}

// The database the rest of the suite runs on: SQLite, or PostgreSQL when DATABASE_URL names one.
const databases: Array<'sqlite' | 'postgres'> = process.env.DATABASE_URL?.startsWith('postgres') ? ['postgres'] : ['sqlite'];

describe.each(databases)('chaos run with the ground-truth auditor on %s', (database) => {
  it(`${FIXED_SESSIONS} sessions of fixed seed ${FIXED_SEED} and ${RANDOM_SESSIONS} of random seed ${RANDOM_SEED}, every fault on: no violation`, async () => {
    expect(await auditedRun(options(database))).toEqual([]);
  }, 900_000);
});
