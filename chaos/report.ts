import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineMarkdown } from '../bench/machine-info.ts';
import { faultsOf } from './audit/audit.ts';
import type { ChaosRun } from './chaos-run.ts';
import { FAULTS, type FaultKind } from './fault-catalogue.ts';
import { formatDuration } from './progress.ts';
import type { SessionTruth } from './session-truth.ts';
import { describeSettings } from './world-settings.ts';

// The run's table (markdown, ready for docs/chaos.md) and its evidence file:
// every violating session with its timeline as the harness saw it, Ladepay's
// session events and state, and Vipps' books.

export function reportTable(run: ChaosRun): string {
  const o = run.options;
  const r = run.result;
  const sessions = run.sessions.length;
  const lines: string[] = [];
  lines.push(`Seed ${o.seed}, ${sessions} sessions on ${o.stations} stations (${o.stations * 2} connectors), ${o.database === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${o.faults.size} fault kinds on.`);
  lines.push(`Duration ${formatDuration(run.seconds)} (${(sessions / run.seconds).toFixed(2)} sessions/s); Ladepay killed and restarted ${run.kills} times.`);
  lines.push(machineMarkdown(run.machine));
  for (const s of describeSettings(run.settings)) lines.push(`- ${s}`);
  lines.push('', '| outcome (driver’s view) | sessions |', '| --- | ---: |');
  for (const [outcome, n] of Object.entries(run.outcomes)) lines.push(`| ${outcome} | ${n} |`);
  lines.push('', '| fault | rate | per | sessions with it | of which with a violation |', '| --- | ---: | --- | ---: | ---: |');
  for (const f of r.byFault) {
    const info = FAULTS[f.fault as FaultKind] as (typeof FAULTS)[FaultKind] | undefined;
    lines.push(`| ${f.fault} | ${info ? rate(info.rate) : ''} | ${info?.per ?? ''} | ${f.sessions} | ${f.withViolations} |`);
  }
  const fired = Object.entries(run.vippsFaultsFired).map(([k, v]) => `${k} ${v}`).join(', ');
  lines.push('', `Vipps simulator faults fired: ${fired || 'none'}. Transactions on connectors no session held: ${run.orphans}.`);
  lines.push('', '| check | passed | failed | not applicable |', '| --- | ---: | ---: | ---: |');
  for (const c of r.checks) lines.push(`| ${c.name} | ${c.passed} | ${c.failed} | ${c.notApplicable} |`);
  if (r.violations.length > 0) {
    lines.push('', `Violations (${r.violations.length}; the first 40):`, '', '| session | Ladepay id | faults | check | what was seen |', '| ---: | --- | --- | --- | --- |');
    for (const v of r.violations.slice(0, 40)) lines.push(`| ${v.index} | ${v.sessionId ?? ''} | ${v.faults.join(', ')} | ${v.check} | ${v.detail.replace(/\|/g, '/')} |`);
  }
  for (const p of r.outboxProblems.slice(0, 10)) lines.push(`- outbox ${p.key}: ${p.state} after ${p.attempts} attempts (${p.lastError ?? ''})`);
  return lines.join('\n');
}

function rate(x: number): string {
  return x >= 1 ? 'all' : x >= 0.01 ? `${(x * 100).toFixed(0)} %` : `${(x * 100).toFixed(2)} %`;
}

// Keeps a transaction's register points readable: at most about 100 of them.
function slim(truth: SessionTruth): unknown {
  return {
    ...truth,
    txs: truth.txs.map((tx) => {
      const n = tx.points.length / 2;
      const every = Math.max(1, Math.ceil(n / 100));
      const points: Array<[string, number]> = [];
      for (let i = 0; i < n; i += every) points.push([new Date(tx.points[2 * i] as number).toISOString(), tx.points[2 * i + 1] as number]);
      return { ...tx, points };
    }),
  };
}

export function writeReport(run: ChaosRun): string {
  const file = join(run.options.outDir, `chaos-report-${run.options.seed}-${run.options.database}.json`);
  const violating = [...new Set(run.result.violations.map((v) => v.index))];
  const timelines = violating.map((index) => {
    const truth = run.sessions[index] as SessionTruth;
    const ladepay = truth.reference ? run.ladepay.byReference.get(truth.reference) : undefined;
    return {
      index,
      reference: truth.reference,
      ladepaySessionId: ladepay?.id,
      faults: faultsOf(truth, run.downtime),
      violations: run.result.violations.filter((v) => v.index === index).map((v) => ({ check: v.check, detail: v.detail })),
      harness: slim(truth),
      ladepay: ladepay && { state: ladepay.state, decidedAt: ladepay.decidedAt && new Date(ladepay.decidedAt).toISOString(), session: ladepay.data, events: ladepay.events.map((e) => ({ ...e, at: new Date(e.at).toISOString() })), outbox: ladepay.outbox },
      vipps: run.evidence.get(index),
    };
  });
  const body = {
    seed: run.options.seed,
    database: run.options.database,
    sessions: run.sessions.length,
    seconds: run.seconds,
    machine: run.machine,
    settings: run.settings,
    faults: [...run.options.faults].map((f) => ({ fault: f, ...FAULTS[f] })),
    outcomes: run.outcomes,
    kills: run.kills,
    downtime: run.downtime.map(([a, b]) => [new Date(a).toISOString(), new Date(b).toISOString()]),
    vippsFaultsFired: run.vippsFaultsFired,
    checks: run.result.checks,
    byFault: run.result.byFault,
    violations: run.result.violations,
    outboxProblems: run.result.outboxProblems,
    timelines,
  };
  writeFileSync(file, JSON.stringify(body, null, 1));
  return file;
}
