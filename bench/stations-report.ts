import { profileMarkdown } from './cpu-profile-summary.ts';
import { machineMarkdown } from './machine-info.ts';
import { ms } from './percentiles.ts';
import { mib } from './process-usage.ts';
import { holds, type LevelResult, type ServerRun, type StationsResults } from './stations-run.ts';
import { quietMarkdown } from './wait-for-quiet-machine.ts';

const rate = (n: number, s: number) => (s > 0 ? n / s : 0);
const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) && Number.isFinite(b) ? `${(a / b).toFixed(2)}×` : '–');

function levelRow(l: LevelResult): string {
  const s = l.steady;
  const errors = s.callErrors + s.timeouts + l.connect.failed;
  const burst = l.burst ? `${f0(rate(l.burst.answered, l.burst.seconds))} msg/s, p99 ${ms(l.burst.latencyMs.p99)}, CPU ${f0(l.burstCpuPercent ?? NaN)} %` : '–';
  return `| ${l.stations} | ${s.open} | ${rate(l.connect.added, l.connect.seconds).toFixed(1)} /s | ${ms(l.connect.bootedMs.p50)} / ${ms(l.connect.bootedMs.p99)} | ${l.connectCpuMsPerStation.toFixed(1)} ms | ${f0(rate(s.sent, s.seconds))} → ${f0(rate(s.answered, s.seconds))} | ${ms(s.latencyMs.p50)} | ${ms(s.latencyMs.p99)} | ${ms(s.latencyMs.max)} | ${f0(l.steadyCpuPercent)} % | ${mib(l.rssBytes)} | ${errors}${s.skippedBusy ? ` (+${s.skippedBusy} skipped busy)` : ''} | ${s.dropped} | ${burst} |`;
}

function runTable(run: ServerRun): string {
  return [
    '| stations | open at end | connect rate | open → booted p50 / p99 | server CPU per connect | msg/s offered → answered | p50 | p99 | max | server CPU (one core = 100 %) | server RSS | errors | drops | burst (closed loop) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...run.levels.map(levelRow),
  ].join('\n');
}

function ratioTable(ladepay: ServerRun, ceiling: ServerRun): string {
  const rows = ladepay.levels
    .map((l) => {
      const c = ceiling.levels.find((x) => x.stations === l.stations);
      if (!c) return undefined;
      return `| ${l.stations} | ${ratio(rate(l.connect.added, l.connect.seconds), rate(c.connect.added, c.connect.seconds))} | ${ratio(rate(l.steady.answered, l.steady.seconds), rate(c.steady.answered, c.steady.seconds))} | ${ratio(l.steady.latencyMs.p50, c.steady.latencyMs.p50)} | ${ratio(l.steady.latencyMs.p99, c.steady.latencyMs.p99)} | ${ratio(l.steadyCpuPercent, c.steadyCpuPercent)} | ${ratio(l.rssBytes, c.rssBytes)} | ${l.burst && c.burst ? ratio(rate(l.burst.answered, l.burst.seconds), rate(c.burst.answered, c.burst.seconds)) : '–'} |`;
    })
    .filter((r): r is string => r !== undefined);
  return [
    '| stations | connect rate | msg/s answered | p50 | p99 | CPU | RSS | burst msg/s |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

function targets(r: StationsResults): string[] {
  const ladepay = r.runs.find((x) => x.kind === 'ladepay');
  if (!ladepay) return ['- Ladepay was not run.'];
  const at = (n: number) => ladepay.levels.find((l) => l.stations === n);
  const lines: string[] = [];
  const ten = at(10_000);
  if (ten) {
    lines.push(
      `- 10,000 connected stations on one process, p99 CALL→CALLRESULT under 50 ms, RSS under 1.5 GB: **${holds(ten) ? 'met' : 'not met'}** ` +
        `(p99 ${ms(ten.steady.latencyMs.p99)}, RSS ${mib(ten.rssBytes)}, ${ten.steady.open} open, ${ten.steady.callErrors + ten.steady.timeouts + ten.connect.failed} errors, ${ten.steady.dropped} drops).`,
    );
  } else {
    lines.push('- 10,000 stations: not measured in this run.');
  }
  const top = ladepay.levels[ladepay.levels.length - 1];
  if (top && top.stations >= 20_000) {
    lines.push(`- 20,000+ stations: **${holds(top) ? 'met' : 'not met'}** at ${top.stations} (p99 ${ms(top.steady.latencyMs.p99)}, RSS ${mib(top.rssBytes)}).`);
  } else if (top) {
    lines.push(
      `- 20,000+ stations (longer term): **not measurable on this machine** — ${r.settings.capReason}; the largest level run was ${top.stations} ` +
        `(${holds(top) ? 'it held' : 'it did not hold'}: p99 ${ms(top.steady.latencyMs.p99)}, RSS ${mib(top.rssBytes)}).`,
    );
  }
  return lines;
}

export function stationsMarkdown(r: StationsResults): string {
  const s = r.settings;
  const out: string[] = [
    '## Stations at scale',
    '',
    `Measured with \`${s.command}\` (${(r.seconds / 60).toFixed(1)} min).`,
    '',
    machineMarkdown(r.machine),
    quietMarkdown(r.quiet),
    '',
    `Load: stations connect ${s.connectConcurrency} at a time (WebSocket upgrade with Basic auth, BootNotification, StatusNotification), ` +
      `${Math.round(s.mix * 100)} % of them on OCPP 2.0.1 and the rest on 1.6J. Every station sends a Heartbeat every ${s.heartbeatSeconds} s, ` +
      `and ${Math.round(s.chargingShare * 100)} % of them charge: a transaction with an unknown tag (Ladepay answers Invalid) and meter values every ` +
      `${s.meterSeconds} s (1.6 MeterValues, 2.0.1 TransactionEvent Updated). Each level adds stations to those already connected, waits ` +
      `${s.settleSeconds} s, measures ${s.windowSeconds} s of that steady load, then a ${s.burstSeconds} s burst in which ${s.burstStations} of the ` +
      'stations send their next message as soon as the last is answered (the most OCPP-J allows: one call in flight per station). ' +
      'Latency is CALL sent → CALLRESULT received, timed in the load generator (a separate process, on the same two cores). ' +
      'Server CPU is user + system time of the server process from /proc (all its threads), RSS is its VmRSS.',
    '',
  ];
  for (const run of r.runs) {
    out.push(`### ${run.kind === 'ladepay' ? 'Ladepay (`node --import tsx src/main.ts serve`, SQLite, LOG_LEVEL=warn)' : 'Ceiling: a bare ocpp-rpc RPCServer that only answers (strict mode, no auth, no database)'}`, '');
    out.push(runTable(run), '');
    const top = run.levels[run.levels.length - 1];
    if (top) {
      const actions = Object.entries(top.steady.byAction).map(([a, x]) => `${a} ${ms(x.p50)} / ${ms(x.p99)} (n=${x.n})`);
      out.push(`- Per action at ${top.stations} stations, p50 / p99: ${actions.join('; ')}.`);
      out.push(`- The load generator's own event loop at ${top.stations} stations: p99 delay ${ms(top.steady.generatorLoopDelayP99Ms)}, CPU ${f0(top.steady.generatorCpuPercent)} % (steady), ${top.burst ? `${f0(top.burst.generatorCpuPercent)} %` : '–'} (burst).`);
    }
    for (const n of run.notes) out.push(`- ${n}`);
    out.push('');
    if (run.logSummary.length > 0) out.push('Warnings and errors Ladepay logged:', '', ...run.logSummary.map((l) => `- ${l}`), '');
  }
  const ladepay = r.runs.find((x) => x.kind === 'ladepay');
  const ceiling = r.runs.find((x) => x.kind === 'ceiling');
  if (ladepay && ceiling) out.push('### Ladepay as a ratio of the ceiling (Ladepay ÷ bare server)', '', ratioTable(ladepay, ceiling), '');
  out.push(
    'The connect rate is what a fleet reconnecting at once (after a network outage, or a Ladepay restart) meets. For Ladepay it includes ' +
      'the check of each station\'s Basic-auth secret, which the bare server does not do: ' +
      (r.settings.passwords === 'generated'
        ? 'here secrets as Ladepay generates them (32 random characters), kept as a salted HMAC-SHA256, so the check is cheap. A hand-picked ' +
          'short password is kept with scrypt (about 35 ms of CPU per connect): `--short-passwords` measures that case.'
        : 'here a short hand-picked password, which Ladepay keeps with scrypt (N=16384, r=8: about 35 ms of CPU each, on libuv\'s thread pool); ' +
          '"server CPU per connect" shows it. Generated secrets (the default) are kept as a salted HMAC and cost next to nothing.'),
    '',
  );
  out.push('### Targets', '', ...targets(r), '');
  const p = ladepay?.profile;
  if (p) {
    out.push(`### CPU profile of the Ladepay process (node --cpu-prof, 2 ms sampling)`, '');
    out.push(`#### Steady load at ${p.stations} stations`, '', profileMarkdown(p.steady), '');
    if (p.burst) out.push(`#### Burst at ${p.stations} stations`, '', profileMarkdown(p.burst), '');
    out.push('#### The whole run (connects included)', '', profileMarkdown(p.whole), '');
  }
  return out.join('\n');
}
