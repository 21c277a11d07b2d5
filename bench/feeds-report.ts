import type { BenchDialect } from './bench-database.ts';
import type { FeedKind, FeedRead } from './feeds-run.ts';
import type { FleetShape, SeededFleet } from './feeds-seed.ts';
import { machineMarkdown, type MachineInfo } from './machine-info.ts';
import { ms } from './percentiles.ts';
import { mib } from './process-usage.ts';
import { quietMarkdown, type QuietOutcome } from './wait-for-quiet-machine.ts';

export interface DialectRun {
  dialect: BenchDialect;
  fleet: SeededFleet;
  seedSeconds: number;
  startRssBytes: number;
  first: FeedRead;
  reads: Record<FeedKind, FeedRead[]>;
  changedSince: string;
  load1: { start: number; end: number }; // the 1-minute load average as the reads began and ended
}

export interface FeedsReport {
  runs: DialectRun[];
  machine: MachineInfo;
  quiet: QuietOutcome;
  shape: FleetShape;
  repeats: number;
  encoding: string;
  postgresSkipped: boolean;
  minutes: number;
  command: string;
}

export const GOAL_MS = 10_000;

const LABELS: Record<FeedKind, string> = {
  locations: 'OCPI Locations, every page (`GET /ocpi/2.2.1/locations`, following Link)',
  tariffs: 'OCPI Tariffs, every page (`GET /ocpi/2.2.1/tariffs`)',
  table: 'DATEX II table in full (`GET /datex2/v3/table`)',
  status: 'DATEX II status in full (`GET /datex2/v3/status`)',
  changed: 'OCPI Locations changed in the last 2 hours (`date_from`: every Location here), every page',
};
// Every read has the goal; the full reads and the pull of changes are told apart.
const FULL_KINDS: FeedKind[] = ['locations', 'tariffs', 'table', 'status'];

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e5 ? 3 : 1)} MB`;
const median = (values: number[]) => {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.floor((v.length - 1) / 2)] ?? NaN;
};
const spread = (values: number[]) => `**${ms(median(values))}** (${ms(Math.min(...values))}–${ms(Math.max(...values))})`;

function row(label: string, reads: FeedRead[]): string {
  const r = reads[0] as FeedRead;
  const objects = r.evses === undefined ? String(r.count) : `${r.count} (${r.evses} EVSEs)`;
  return [
    label,
    String(r.requests),
    objects,
    mb(r.bytes),
    mb(r.wireBytes),
    reads.length > 1 ? spread(reads.map((x) => x.ms)) : `**${ms(r.ms)}**`,
    ms(Math.max(...reads.map((x) => x.slowestRequestMs))),
    `${median(reads.map((x) => x.serverCpuSeconds)).toFixed(2)} s`,
    `${mib(Math.max(...reads.map((x) => x.peakRssBytes)))}${r.peakIsSinceStart ? ' (since start)' : ''}`,
  ].join(' | ');
}

function dialectSection(run: DialectRun, report: FeedsReport): string[] {
  const f = run.fleet;
  const name = run.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const worst = Math.max(...FULL_KINDS.flatMap((kind) => run.reads[kind].map((r) => r.ms)));
  const changed = Math.max(...run.reads.changed.map((r) => r.ms));
  return [
    `### ${name}`,
    '',
    `Seeded in ${run.seedSeconds.toFixed(0)} s: ${f.sites} sites, ${f.stations} stations (${f.online} online), ${f.connectors} connectors, ${f.tariffs} tariffs. Ladepay's RSS once started: ${mib(run.startRssBytes)}. 1-minute load average as the reads began: ${run.load1.start.toFixed(2)}, as they ended: ${run.load1.end.toFixed(2)}.`,
    '',
    `| read | requests | objects | JSON | sent (${report.encoding}) | wall time, median (min–max) | slowest request | server CPU | server peak RSS |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${row('OCPI Locations, the first pull (the EVSE ids made)', [run.first])} |`,
    ...(Object.keys(LABELS) as FeedKind[]).map((kind) => `| ${row(LABELS[kind], run.reads[kind])} |`),
    '',
    `- Every full read under ${GOAL_MS / 1000} s: **${worst < GOAL_MS ? 'met' : 'not met'}** (the slowest ${ms(worst)}; the first pull ${ms(run.first.ms)}).`,
    `- The pull of changes under ${GOAL_MS / 1000} s (\`date_from=${run.changedSince}\`): **${changed < GOAL_MS ? 'met' : 'not met'}** (the slowest ${ms(changed)}).`,
    '',
  ];
}

export function feedsMarkdown(r: FeedsReport): string {
  const statuses = Object.entries(r.runs[0]?.fleet.statuses ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  return [
    '## Charger feeds at fleet size',
    '',
    `Measured with \`${r.command}\` (${r.minutes.toFixed(1)} min).`,
    '',
    machineMarkdown(r.machine),
    quietMarkdown(r.quiet),
    '',
    `The fleet, written through Ladepay's stores before it starts: ${r.shape.sites} complete sites (feed data filled in: coordinates, city, postal code, ` +
      'opening hours, one in five with shop hours, five parking types, facilities, some owners) of ' +
      `${r.shape.stationsPerSite} stations with ${r.shape.connectorsPerStation} connectors each; every other site fast DC (CCS 150 kW and CHAdeMO ` +
      '50 kW, a card terminal at one in ten of them), the rest 22 kW Type 2. Tariffs: operator-wide (one replaced, one in force with an evening and a ' +
      'night period, one not yet begun), two DC power classes (one with rush-hour periods and an idle fee), a price of its own at one AC site in a ' +
      'hundred and a time price on a few connectors. One station in twenty offline, one in two hundred disabled, one in a hundred faulted as a whole; ' +
      `the connectors' last reports: ${statuses}. ` +
      'Ladepay runs as a child process (`node --import tsx src/main.ts serve`, LOG_LEVEL=warn, OCPI_PARTY_ID=LDP). The reader is one keep-alive ' +
      `HTTP connection on 127.0.0.1 asking for \`Accept-Encoding: ${r.encoding}\`: for OCPI a partner entered by hand (its pull token), asking for ` +
      '`limit=1000` (lowered to the largest page: 50 Locations, 100 Tariffs) and following `Link` to the last page; for DATEX II one request ' +
      `without \`since\` (Ladepay compresses the answers of both feeds for a reader that asks). Wall time is from the first request to the last byte of the last answer. Each read ${r.repeats} time${r.repeats === 1 ? '' : 's'} after a first pull ` +
      `of Locations (which makes the ${r.runs[0]?.fleet.connectors ?? 0} EVSE ids, once in a site's life); server CPU is Ladepay's user + system time over the read from /proc, ` +
      "peak RSS its VmHWM, reset before each read (proc(5) clear_refs). Every read is checked: as many Locations as X-Total-Count, every EVSE, " +
      'every refill point in the table and the status.',
    '',
    ...r.runs.flatMap((run) => dialectSection(run, r)),
    ...(r.postgresSkipped ? ['PostgreSQL was not measured: DATABASE_URL=postgres://… was not set.', ''] : []),
  ].join('\n');
}
