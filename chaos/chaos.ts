import { randomInt } from 'node:crypto';
import { resolve } from 'node:path';
import { Flags } from '../bench/read-flags.ts';
import { runChaos } from './chaos-run.ts';
import { parseFaultList } from './fault-catalogue.ts';
import { reportTable, writeReport } from './report.ts';

// npm run chaos -- [--sessions 10000] [--seed S] [--stations 120]
//   [--database sqlite|postgres] [--database-url postgres://…] [--faults all|none|a,b]
//   [--time-scale 30] [--charge-minutes 4,40] [--kill-every 250,400] [--out chaos-output]
// One seeded run of drop-in sessions through every fault, then the auditor.
// Exits 1 when the auditor finds a violation (the evidence file says which).

const USAGE = `npm run chaos -- [options]
  --sessions N          sessions to run (default 10000)
  --seed S              the run's seed (default: a random one, printed)
  --stations K          stations (two connectors each; default 120), plus two hostile ones
  --database D          sqlite (default) or postgres
  --database-url URL    PostgreSQL server (default: DATABASE_URL); a fresh schema per run
  --faults LIST         all (default), none, or a comma-separated list (see docs/chaos.md)
  --time-scale F        world seconds per real second (default 30)
  --charge-minutes A,B  planned charging time, world minutes (default 4,40)
  --kill-every A,B      SIGKILL Ladepay every A..B sessions (default 250,400)
  --reaction-s R        Ladepay's reaction slack in real seconds for the time bounds (default 15)
  --out DIR             output folder (default chaos-output)`;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const flags = new Flags(argv);
  const database = flags.str('database', 'sqlite');
  if (database !== 'sqlite' && database !== 'postgres') throw new Error('--database must be sqlite or postgres');
  const pair = (name: string, fallback: [number, number]): [number, number] => {
    const list = flags.numbers(name, fallback);
    if (list.length !== 2 || !(list[0] as number <= (list[1] as number))) throw new Error(`--${name} takes two numbers, low,high`);
    return [list[0] as number, list[1] as number];
  };
  const options = {
    sessions: flags.num('sessions', 10_000),
    seed: flags.num('seed', randomInt(1, 2 ** 31 - 1)),
    stations: flags.num('stations', 120),
    database: database as 'sqlite' | 'postgres',
    databaseUrl: flags.optional('database-url') ?? process.env.DATABASE_URL,
    faults: parseFaultList(flags.str('faults', 'all')),
    timeScale: flags.num('time-scale', 30),
    chargeMinutes: pair('charge-minutes', [4, 40]),
    killEvery: pair('kill-every', [250, 400]),
    reactionRealMs: flags.num('reaction-s', 15) * 1000,
    outDir: resolve(flags.str('out', 'chaos-output')),
    log: (line: string) => process.stdout.write(`${line}\n`),
  };
  flags.rejectUnknown();
  const run = await runChaos(options);
  process.stdout.write(`\n${reportTable(run)}\n\n`);
  const file = writeReport(run);
  const failed = run.result.violations.length + run.result.outboxProblems.length;
  process.stdout.write(failed === 0 ? `chaos: no violation (seed ${options.seed}); report ${file}\n` : `chaos: ${failed} violations (seed ${options.seed}); sessions and timelines in ${file}\n`);
  return failed === 0 ? 0 : 1;
}

// Ctrl-C or a kill: exit, and the exit handlers take Ladepay down with the run.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  },
);
