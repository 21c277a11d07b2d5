import { approvalSummary, between, type ClusterResults, type FailoverResult, type FlowOnNodes, type StationsOnNodes } from './cluster-run.ts';
import { machineMarkdown } from './machine-info.ts';
import { ms, type Summary } from './percentiles.ts';
import { mib } from './process-usage.ts';
import { quietMarkdown } from './wait-for-quiet-machine.ts';

const pair = (s: Summary) => (s.n === 0 ? '–' : `${ms(s.p50)} / ${ms(s.p99)}`);
const rate = (n: number, s: number) => (s > 0 ? n / s : 0);
const pct = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} %` : '–');
const seen = (v: number | undefined) => (v === undefined ? 'not seen' : ms(v));

function stationsTable(rows: StationsOnNodes[]): string[] {
  const one = rows.find((r) => r.nodes === 1);
  const vsOne = (r: StationsOnNodes) => (one && one.nodesCpuPercent > 0 && r !== one ? ` (${(r.nodesCpuPercent / one.nodesCpuPercent).toFixed(2)}×)` : '');
  return [
    '| nodes | open at end | connect rate | open → booted p50 / p99 | stations per node (station_owners) | msg/s offered → answered | p50 | p99 | max | errors | drops | nodes CPU, summed (one core = 100 %) | nodes RSS, summed | HAProxy CPU | generator CPU |',
    '| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => {
      const s = r.steady;
      const errors = s.callErrors + s.timeouts + r.connect.failed;
      return (
        `| ${r.nodes} | ${s.open} | ${rate(r.connect.added, r.connect.seconds).toFixed(0)} /s | ${pair(r.connect.bootedMs)} | ${r.spread.map(([, k]) => k).join(' · ')} | ` +
        `${rate(s.sent, s.seconds).toFixed(0)} → ${rate(s.answered, s.seconds).toFixed(0)} | ${ms(s.latencyMs.p50)} | ${ms(s.latencyMs.p99)} | ${ms(s.latencyMs.max)} | ${errors} | ${s.dropped} | ` +
        `${pct(r.nodesCpuPercent)}${vsOne(r)} | ${mib(r.nodesRssBytes)} | ${pct(r.haproxyCpuPercent)} | ${pct(s.generatorCpuPercent)} |`
      );
    }),
  ];
}

function failoverTable(list: FailoverResult[]): string[] {
  const col = (f: FailoverResult) => (f.kind === 'kill' ? 'SIGKILL (a crash)' : 'SIGTERM (drained stop)');
  const row = (label: string, pick: (f: FailoverResult) => string) => `| ${label} | ${list.map(pick).join(' | ')} |`;
  const failures = (f: FailoverResult) => Object.entries(f.recovery.failures).map(([k, n]) => `${k} ×${n}`).join(', ') || 'none';
  return [
    `| | ${list.map(col).join(' | ')} |`,
    `| --- | ${list.map(() => '---:').join(' | ')} |`,
    row('the node, and the stations it held', (f) => `${f.node}, ${f.stations}`),
    row('signal → out of HAProxy\'s rotation', (f) => seen(f.haproxyDownMs)),
    row('signal → every one of its stations held by another node (station_owners, polled every 100 ms)', (f) => seen(f.heldElsewhereMs)),
    row('signal → its stations saw their socket close, p50 / max', (f) => (f.recovery.droppedMs.n === 0 ? '–' : `${ms(f.recovery.droppedMs.p50)} / ${ms(f.recovery.droppedMs.max)}`)),
    row('signal → its stations booted and answered again, p50 / p99', (f) => pair(f.recovery.backMs)),
    row('**signal → the last of them back**', (f) => `**${ms(f.recovery.backMs.max)}**`),
    row('… of which connect → booted, the attempt that worked, p50 / p99', (f) => pair(f.recovery.bootMs)),
    row('stations dropped / back', (f) => `${f.recovery.dropped} / ${f.recovery.back}`),
    row('connect attempts (failed ones)', (f) => `${f.recovery.attempts} (${failures(f)})`),
    row('signal → the process ended', (f) => (f.exitMs === undefined ? '–' : ms(f.exitMs))),
  ];
}

function flowTable(rows: FlowOnNodes[]): string[] {
  return [
    '| nodes | done / failed | settled right | flow p50 / p99 | sessions/s | approve → RemoteStart p50 / p99 | stop pressed → RemoteStop p50 / p99 | station stop → released at Vipps p50 / p99 | nodes CPU, summed | HAProxy CPU |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => {
      const ok = r.drivers.filter((t) => !t.failure);
      const right = ok.length - r.wrong.filter((w) => !w.startsWith('failed:')).length;
      return (
        `| ${r.nodes} | ${ok.length} / ${r.drivers.length - ok.length} | ${right} of ${ok.length} | ${pair(between(ok, 'startedAt', 'releasedAt'))} | ${rate(ok.length, r.seconds).toFixed(2)} | ` +
        `${pair(between(ok, 'approvedAt', 'remoteStartAt'))} | ${pair(between(ok, 'stopPressedAt', 'remoteStopAt'))} | ${pair(between(ok, 'stopSentAt', 'releasedAt'))} | ${pct(r.nodesCpuPercent)} | ${pct(r.haproxyCpuPercent)} |`
      );
    }),
  ];
}

function approvalTable(r: ClusterResults): string[] {
  const row = (label: string, s: Summary) => `| ${label} | ${s.n} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} |`;
  const p = r.approval;
  return [
    '| | n | p50 | p99 | max |',
    '| --- | ---: | ---: | ---: | ---: |',
    row('paid on the node holding the station', approvalSummary(p, (x) => x.sameNode)),
    row('**paid on another node**', approvalSummary(p, (x) => !x.sameNode)),
    row('… the webhook reached the station\'s node', approvalSummary(p, (x) => x.webhookOnHolder === true)),
    row('… the webhook reached another node (RemoteStart sent on the station\'s node, woken by NOTIFY)', approvalSummary(p, (x) => x.webhookOnHolder === false)),
  ];
}

// Written by hand: what this machine can and cannot show, whatever the figures.
const ANALYSIS = [
  '### What these figures can and cannot show',
  '',
  'Every node, HAProxy, PostgreSQL, the load generator and the simulators run on the **same two cores**. A second or third node ' +
    'adds no CPU here: it divides the same two cores among more processes. **These figures are not a scaling curve and must not be ' +
    'read as one**; on machines of their own, more nodes would add their cores, here they add only their overhead. What going from ' +
    'one node to two and three does show is the **cost of coordination**: the CPU and memory the nodes spend together on the same ' +
    'stations (each node carries its own runtime, database pool, LISTEN connection, heartbeat and lease renewals), the latency a ' +
    'station\'s message pays for crossing HAProxy, and in the flow what it costs when the payment, the Vipps webhook and the station ' +
    'sit on different nodes: the RemoteStart then waits for the station\'s node to be woken by PostgreSQL\'s NOTIFY and pick the ' +
    'command from the outbox, instead of sending it at once. The **failover times** carry over to other machines as orders of ' +
    'magnitude: HAProxy\'s health checks (every 300 ms, out after two misses) decide when a dead node stops getting connections; the ' +
    'stations\' own reconnect delay and the rate at which the surviving nodes take connections decide when they are served again. ' +
    'No lease has to run out for that: a station that connects to another node is taken over at once. How many stations or sessions ' +
    'per second N machines carry needs N machines, and is not measured here.',
];

export function clusterMarkdown(r: ClusterResults): string {
  const s = r.settings;
  const out: string[] = [
    '## Cluster: nodes on one PostgreSQL behind HAProxy',
    '',
    `Measured with \`${s.command}\` (${(r.seconds / 60).toFixed(1)} min).`,
    '',
    machineMarkdown(r.machine),
    quietMarkdown(r.quiet),
    '',
    'Each configuration: HAProxy (round robin, health checks on `/health/ready` every 300 ms, test/support/haproxy-config.ts) in front ' +
      'of 1, 2 or 3 Ladepay processes exactly as `npm run ladepay -- serve` runs them (LOG_LEVEL=warn), all on one PostgreSQL schema of the ' +
      'benchmark\'s own, TRUSTED_PROXIES=127.0.0.1 so every station and driver counts under its own address (X-Forwarded-For). CPU is user ' +
      '+ system time from /proc, summed over the node processes; one core = 100 %, the machine has two.',
    '',
  ];
  if (r.stations.length > 0) {
    out.push(
      `### Stations on ${r.stations.map((x) => x.nodes).join(', ')} node(s)`,
      '',
      `${s.stations} stations of the lean load generator (bench/station-load-generator.ts; ${Math.round(s.mix * 100)} % OCPP 2.0.1) connect through HAProxy ` +
        `${s.connectConcurrency} at a time (upgrade with Basic auth, BootNotification, StatusNotification), wait ${s.settleSeconds} s, then ${s.windowSeconds} s of ` +
        `steady load are measured: a Heartbeat every ${s.heartbeatSeconds} s from each, and ${Math.round(s.chargingShare * 100)} % charging with meter values every ` +
        `${s.meterSeconds} s. Latency is CALL → CALLRESULT at the station, through HAProxy. The CPU in brackets is the nodes' summed CPU as a multiple of one node's.`,
      '',
      ...stationsTable(r.stations),
      '',
    );
  }
  if (r.failover.length > 0) {
    out.push(
      '### Failover: a node killed, then a node drained',
      '',
      `The ${s.stations} stations above on 3 nodes. The node holding most is killed with SIGKILL; once every station is back it is started ` +
        `again, and then the node holding most is stopped with SIGTERM (DRAIN_SECONDS=${s.drainSeconds}: it leaves the rotation, waits, then asks ` +
        `its stations to connect again; docs/deploy.md). A station whose socket closes connects again through HAProxy after a random delay of up to ` +
        `${s.reconnectSpreadMs} ms (then backing off) and sends BootNotification and StatusNotification; it is back when both are answered.`,
      '',
      ...failoverTable(r.failover),
      '',
    );
  }
  if (r.flows.length > 0) {
    out.push(
      `### Drop-in flow on ${r.flows.map((x) => x.nodes).join(', ')} node(s)`,
      '',
      `${s.drivers} drivers at once, each with a station of their own (the charge-point simulator, half 1.6J and half 2.0.1, in real time), ` +
        'through HAProxy: the payment form posted as a browser posts it, Approve on the Vipps simulator\'s phone page, the charge for ' +
        `${s.chargeSeconds} s once the status page shows it, Stop on the status page, until Vipps' books show the capture and the release of the ` +
        'rest. Flow = form posted → released; sessions/s = completed sessions over the whole batch (the charge itself is most of it). ' +
        '"Settled right": settled in Ladepay, priced from the station\'s own meter, captured = priced, captured + released = the amount ' +
        'reserved, and Vipps\' books agree.',
      '',
      ...flowTable(r.flows),
      '',
    );
    for (const f of r.flows) for (const w of f.wrong.slice(0, 5)) out.push(`- ${f.nodes} node(s): ${w}`);
  }
  if (r.approval.length > 0) {
    out.push(
      '',
      `### Approval → RemoteStart across nodes (${r.approvalNodes ?? 3} nodes)`,
      '',
      'One driver at a time posts the payment form straight to one node (not through HAProxy): every station once to the node ' +
        'holding it and once to another. Time from `vipps.phone.approve()` in the simulator to the RemoteStartTransaction / ' +
        'RequestStartTransaction frame at the station. Vipps\' webhook goes to PUBLIC_URL (HAProxy) either way, so it lands on any node; the ' +
        'last two rows split the probes by where it landed (HAProxy\'s log).',
      '',
      ...approvalTable(r),
      '',
    );
    const failed = r.approval.filter((p) => p.failure);
    if (failed.length > 0) out.push(`- ${failed.length} probe(s) failed: ${[...new Set(failed.map((p) => p.failure))].slice(0, 3).join('; ')}`);
    const started = r.approval.length - failed.length;
    out.push(
      r.approvalWrong.length === 0
        ? `- Each of the ${started} probe sessions was then stopped through HAProxy and settled right.`
        : `- Of the ${started} probe sessions, ${r.approvalWrong.length} did not settle right: ${r.approvalWrong.slice(0, 5).join('; ')}`,
      '',
    );
  }
  for (const n of r.notes) out.push(`- ${n}`);
  out.push('', ...ANALYSIS, '');
  return out.join('\n');
}
