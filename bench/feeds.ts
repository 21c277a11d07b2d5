import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { OcpiPartnerStore } from '../src/adapters/storage/ocpi-partner-store.ts';
import type { OpenDatabase } from '../src/adapters/storage/open-database.ts';
import { partnerAdmin } from '../src/usecases/ocpi/partner-admin.ts';
import { startVippsSimulator } from '../simulators/vipps/index.ts';
import { createBenchDatabase, postgresBaseUrl, type BenchDialect } from './bench-database.ts';
import { feedsMarkdown, type DialectRun } from './feeds-report.ts';
import { measureRead, type FeedKind, type FeedRead } from './feeds-run.ts';
import { seedFleet } from './feeds-seed.ts';
import { startLadepayChild, type LadepayChild } from './ladepay-child.ts';
import { machineInfo } from './machine-info.ts';
import { ms } from './percentiles.ts';
import { mib, readProcessUsage } from './process-usage.ts';
import { Flags } from './read-flags.ts';
import { writeResultsSection } from './results-doc.ts';
import { waitForQuietMachine } from './wait-for-quiet-machine.ts';

// The charger feeds at fleet size: 10,000 connectors on complete sites,
// pulled whole over HTTP from Ladepay as a child process: OCPI Locations and
// Tariffs page by page as a registered partner follows Link, and the DATEX II
// table and status in full, on SQLite and on PostgreSQL.

const flags = new Flags(process.argv.slice(2));
const shape = { sites: flags.num('sites', 2500), stationsPerSite: flags.num('stations-per-site', 2), connectorsPerStation: flags.num('connectors-per-station', 2) };
const repeats = flags.num('repeat', 3);
const encoding = flags.str('encoding', 'gzip');
const dialectsWanted = flags.optional('dialects')?.split(',') as BenchDialect[] | undefined;
const cpuProf = flags.bool('cpu-prof');
const write = !flags.bool('no-write');
const skipWait = flags.bool('no-wait');
flags.rejectUnknown();

const KINDS: FeedKind[] = ['locations', 'tariffs', 'table', 'status', 'changed'];
const log = (line: string) => console.log(`[feeds ${new Date().toISOString().slice(11, 19)}] ${line}`);

// A partner entered by hand, as for an access point that only pulls: its pull token.
async function pullToken(database: OpenDatabase): Promise<string> {
  const admin = partnerAdmin({
    partners: new OcpiPartnerStore(database.db, {
      seal: () => {
        throw new Error('the benchmark partner has no push token');
      },
      open: () => undefined,
    }),
    peer: { call: () => Promise.resolve({ ok: false, problem: 'the benchmark never calls its partner' }) },
    us: { countryCode: 'NO', partyId: 'LDP', name: 'Benk Lading AS', baseUrl: 'http://127.0.0.1/ocpi' },
    now: () => new Date(),
  });
  const made = await admin.addHandMade({ name: 'Benk NAP', roles: [{ role: 'NAP', countryCode: 'NL', partyId: 'NDW' }] });
  if (!made.ok) throw new Error(`the benchmark partner: ${JSON.stringify(made.problems)}`);
  return made.token;
}

const describe = (kind: FeedKind, r: FeedRead) =>
  `${kind}: ${ms(r.ms)}, ${r.requests} request(s), ${r.count} ${r.evses !== undefined ? `locations (${r.evses} EVSEs)` : kind === 'tariffs' ? 'tariffs' : 'points'}, ${(r.wireBytes / 1e6).toFixed(2)} MB sent (${(r.bytes / 1e6).toFixed(1)} MB JSON), server CPU ${r.serverCpuSeconds.toFixed(2)} s, peak RSS ${mib(r.peakRssBytes)}`;

async function runDialect(dialect: BenchDialect): Promise<DialectRun> {
  const database = await createBenchDatabase(dialect);
  const vipps = await startVippsSimulator({ port: 0 });
  let ladepay: LadepayChild | undefined;
  const cpuProfileDir = cpuProf ? mkdtempSync(join(tmpdir(), `ladepay-feeds-prof-${dialect}-`)) : undefined;
  try {
    const seedStarted = performance.now();
    const seededAt = new Date();
    const fleet = await seedFleet(database.db, shape, seededAt, log);
    // The statuses were reported an hour before: a pull of the last two hours' changes has every Location.
    const changedSince = new Date(seededAt.getTime() - 2 * 3_600_000).toISOString();
    const token = await pullToken(database);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    await database.close();
    ladepay = await startLadepayChild({
      vipps,
      cpuProfileDir,
      databaseUrl: database.databaseUrl,
      env: { OCPI_PARTY_ID: 'LDP', SUPPORT_PHONE: '+47 22 12 34 56', SUPPORT_EMAIL: 'kundeservice@benk.example', OPERATOR_NAME: 'Benk Lading AS' },
    });
    const startRssBytes = readProcessUsage(ladepay.pid).rssBytes;
    const loadAtStart = loadavg()[0] ?? 0;
    let client = 0;
    const read = async (kind: FeedKind) => measureRead({ kind, base: ladepay!.url, token, pid: ladepay!.pid, encoding, client: client++, changedSince });
    // The first read after the sites became complete makes their EVSE ids (docs/feed-data.md): timed on its own.
    const first = await read('locations');
    log(`${dialect} first ${describe('locations', first)}`);
    const reads = {} as Record<FeedKind, FeedRead[]>;
    for (const kind of KINDS) {
      reads[kind] = [];
      for (let i = 0; i < repeats; i++) {
        const r = await read(kind);
        reads[kind].push(r);
        log(`${dialect} ${describe(kind, r)}`);
      }
    }
    return { dialect, fleet, seedSeconds, startRssBytes, first, reads, changedSince, load1: { start: loadAtStart, end: loadavg()[0] ?? 0 } };
  } finally {
    await ladepay?.stop();
    if (cpuProfileDir) log(`Ladepay's CPU profile (${dialect}): npx tsx bench/cpu-profile-summary.ts ${cpuProfileDir}`);
    await vipps.stop();
    await database.drop();
  }
}

async function main(): Promise<void> {
  const machine = machineInfo();
  const quiet = skipWait ? { quiet: true, waitedSeconds: 0, load1: machine.loadAtStart[0] ?? 0 } : await waitForQuietMachine({ log });
  const started = Date.now();
  const dialects = (dialectsWanted ?? ['sqlite', 'postgres']).filter((d) => d === 'sqlite' || postgresBaseUrl() !== undefined);
  const postgresSkipped = dialects.length < (dialectsWanted ?? ['sqlite', 'postgres']).length;
  if (postgresSkipped) log('PostgreSQL skipped: DATABASE_URL=postgres://… is not set');
  const runs: DialectRun[] = [];
  for (const dialect of dialects) runs.push(await runDialect(dialect));
  const args = process.argv.slice(2).join(' ');
  const markdown = feedsMarkdown({
    runs,
    machine,
    quiet,
    shape,
    repeats,
    encoding,
    postgresSkipped,
    minutes: (Date.now() - started) / 60_000,
    command: `${postgresBaseUrl() ? 'DATABASE_URL=postgres://… ' : ''}npm run bench:feeds${args ? ` -- ${args}` : ''}`,
  });
  console.log(`\n${markdown}`);
  if (write) {
    writeResultsSection('feeds', markdown);
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
