import { profileMarkdown } from './cpu-profile-summary.ts';
import { flowFigures, loadLabel, type FlowRun } from './flow-run.ts';
import { machineMarkdown, type MachineInfo } from './machine-info.ts';
import { ms, type Summary } from './percentiles.ts';
import { mib } from './process-usage.ts';
import { quietMarkdown, type QuietOutcome } from './wait-for-quiet-machine.ts';

export interface FlowSettings {
  sessions: number;
  rates: number[];
  pacedSeconds: number;
  concurrency: number;
  meterMinutes: number;
  command: string;
  postgresSkipped: boolean;
}

const cell = (s: Summary) => (s.n === 0 ? '–' : `${ms(s.p50)} / ${ms(s.p99)} (n=${s.n})`);

function runTitle(r: FlowRun): string {
  return `${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${loadLabel(r.load)}${r.dropShare > 0 ? `, ${Math.round(r.dropShare * 100)} % of webhooks dropped` : ''}`;
}

function runTable(figures: Array<{ r: FlowRun; f: ReturnType<typeof flowFigures> }>): string[] {
  const row = (label: string, pick: (f: ReturnType<typeof flowFigures>) => string) => `| ${label} | ${figures.map(({ f }) => pick(f)).join(' | ')} |`;
  return [
    `| | ${figures.map(({ r }) => `${loadLabel(r.load)}${r.dropShare > 0 ? `, ${Math.round(r.dropShare * 100)} % of webhooks dropped` : ''}`).join(' | ')} |`,
    `| --- | ${figures.map(() => '---:').join(' | ')} |`,
    row('sessions completed / failed', (f) => `${f.ok} / ${f.failed}`),
    row('sessions/s completed', (f) => f.sessionsPerSecond.toFixed(2)),
    row('pay: form post → 303 to Vipps', (f) => cell(f.pay)),
    row('**approve → RemoteStart at the station**', (f) => cell(f.approveToRemoteStart)),
    row('… webhook delivered', (f) => cell(f.approveToRemoteStartDelivered)),
    row('… webhook dropped (polling)', (f) => cell(f.approveToRemoteStartDropped)),
    row('… of which approve → the simulator sends the webhook', (f) => cell(f.approveToWebhookSent)),
    row('… webhook sent → received by Ladepay', (f) => cell(f.webhookSentToReceived)),
    row('… webhook received → payment confirmed and recorded', (f) => cell(f.webhookToAuthorized)),
    row('… recorded → RemoteStart at the station (outbox, OCPP)', (f) => cell(f.authorizedToRemoteStart)),
    row('stop pressed → RemoteStop at the station', (f) => cell(f.stopPressToRemoteStop)),
    row('**station stop → capture answered**', (f) => cell(f.stationStopToCaptured)),
    row('**capture → cancel answered**', (f) => cell(f.capturedToReleased)),
    row('**station stop → capture and release answered**', (f) => cell(f.stationStopToReleased)),
    row('station stop → receipt in Vipps', (f) => cell(f.stationStopToReceipt)),
    row('whole session (driver\'s view, incl. the simulated charge)', (f) => cell(f.session)),
    `| Ladepay CPU over the run (one core = 100 %) | ${figures.map(({ r }) => `${r.ladepayCpuPercent.toFixed(0)} %`).join(' | ')} |`,
    `| Ladepay peak RSS | ${figures.map(({ r }) => mib(r.ladepayPeakRssBytes)).join(' | ')} |`,
  ];
}

export function flowMarkdown(o: { machine: MachineInfo; quiet: QuietOutcome; settings: FlowSettings; runs: FlowRun[]; seconds: number }): string {
  const { settings: s, runs } = o;
  const figures = runs.map((r) => ({ r, f: flowFigures(r) }));
  const out = [
    '## Drop-in flow',
    '',
    `Measured with \`${s.command}\` (${(o.seconds / 60).toFixed(1)} min).`,
    '',
    machineMarkdown(o.machine),
    quietMarkdown(o.quiet),
    '',
    `Each run: a fresh database, Ladepay as a child process (\`node --import tsx src/main.ts serve\`, LOG_LEVEL=warn, RECONCILE_SECONDS at its ` +
      'default of 3), and in the benchmark\'s process the Vipps simulator and one simulated station per driver (half OCPP 1.6J, half 2.0.1, a car ' +
      'plugged in, time moved by `tick()`). Each driver: landing page → payment form (303 to the Vipps phone page) → Approve on the phone page → ' +
      `RemoteStart at the station → charging → the status page → ${s.meterMinutes} min of meter values (${s.meterMinutes * 6} MeterValues / ` +
      'TransactionEvents) → Stop on the status page → RemoteStop → the station stops → capture → cancel of the rest → receipt. All over HTTP ' +
      `and WebSocket on 127.0.0.1. Load: drivers arriving at ${s.rates.join(' and ')} sessions/s for ${s.pacedSeconds} s (open loop), and ` +
      `${s.concurrency} drivers going through the flow back to back (${s.sessions} sessions; as many per second as the machine allows). ` +
      'Everything shares the machine\'s two cores: the simulators and drivers take CPU from Ladepay.',
    '',
    'Figures are p50 / p99. Approve = the AUTHORIZED event in the Vipps simulator; RemoteStart = when the station got it; station stop = ' +
      'when the station sent StopTransaction / TransactionEvent Ended; capture and cancel answered = Ladepay\'s own session events ' +
      '"captured" and "released", written once Vipps has answered; webhook sent = the simulator\'s delivery attempt (it delivers one webhook ' +
      'at a time per registration, in order); webhook received = Ladepay\'s payment_events.received_at.',
    '',
  ];
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const mine = figures.filter(({ r }) => r.dialect === dialect);
    if (mine.length === 0) continue;
    out.push(`### ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`, '', ...runTable(mine), '');
  }
  if (s.postgresSkipped) out.push('- PostgreSQL was not run: DATABASE_URL was unset (SQLite only).');
  for (const { r } of figures) for (const n of r.notes) out.push(`- ${runTitle(r)}: ${n}`);
  out.push('', '### Targets', '');
  for (const { r, f } of figures) {
    const a = f.approveToRemoteStart.p99;
    const b = f.stationStopToReleased.p99;
    if (r.dropShare > 0) {
      out.push(
        `- ${runTitle(r)}: a dropped webhook delays the start until the reconcile loop polls the payment: p50 ${ms(f.approveToRemoteStartDropped.p50)}, ` +
          `p99 ${ms(f.approveToRemoteStartDropped.p99)}; the rest p99 ${ms(f.approveToRemoteStartDelivered.p99)}. The loop runs every RECONCILE_SECONDS (3) ` +
          'but polls a payment only once it is 5 s old (Vipps\' advice: start polling ~5 s after create), and drivers here approve within ' +
          'milliseconds, so a lost webhook costs 5–8 s.',
      );
      continue;
    }
    out.push(
      `- ${runTitle(r)}: approve → RemoteStart p99 under 100 ms: **${a < 100 ? 'met' : 'not met'}** (${ms(a)}); ` +
        `station stop → capture and release answered p99 under 1 s: **${b < 1000 ? 'met' : 'not met'}** (${ms(b)}).`,
    );
  }
  out.push('');
  for (const { r } of figures) {
    if (r.profile) out.push(`### CPU profile of Ladepay while the sessions ran (${runTitle(r)}; node --cpu-prof, 2 ms sampling)`, '', profileMarkdown(r.profile), '');
  }
  return out.join('\n');
}
