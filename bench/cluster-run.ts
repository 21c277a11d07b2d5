import type { ConnectReport, RecoveryReport, WindowReport } from './load-messages.ts';
import type { MachineInfo } from './machine-info.ts';
import { summarize, type Summary } from './percentiles.ts';
import type { QuietOutcome } from './wait-for-quiet-machine.ts';

// The results of bench/cluster.ts, as data, for the report.

export interface StationsOnNodes {
  nodes: number;
  connect: ConnectReport;
  spread: Array<[node: string, stations: number]>; // from station_owners, once connected
  steady: WindowReport;
  nodesCpuPercent: number; // summed over the nodes; one core = 100 %
  nodesRssBytes: number; // summed, at the end of the window
  haproxyCpuPercent: number;
}

// A node going away while the stations of (1) are connected to three.
export interface FailoverResult {
  kind: 'kill' | 'drain';
  node: string;
  stations: number; // it held, at the signal
  haproxyDownMs?: number; // signal → HAProxy takes it out of the rotation (undefined: not seen)
  heldElsewhereMs?: number; // signal → every one of its stations held by another node (station_owners)
  recovery: RecoveryReport; // the load generator's view: dropped, and booted again
  exitMs?: number; // drain: SIGTERM → the process ended
}

// One driver through the whole flow, wall-clock ms on this machine.
export interface DriverTimeline {
  startedAt: number;
  approvedAt?: number; // the Vipps simulator's AUTHORIZED event
  remoteStartAt?: number; // the station got RemoteStartTransaction / RequestStartTransaction
  stopPressedAt?: number;
  remoteStopAt?: number;
  stopSentAt?: number; // the station's StopTransaction / TransactionEvent Ended
  releasedAt?: number; // Vipps' books: captured + cancelled = the amount reserved
  failure?: string;
}

export interface FlowOnNodes {
  nodes: number;
  drivers: DriverTimeline[];
  seconds: number; // first driver's start → last driver's release
  wrong: string[]; // sessions that did not settle right, and why
  nodesCpuPercent: number;
  haproxyCpuPercent: number;
}

// Approval → RemoteStart, the payment made on one node directly.
export interface ApprovalProbe {
  sameNode: boolean; // paid on the node holding the station
  ms?: number; // vipps.phone.approve() → RemoteStart at the station
  webhookOnHolder?: boolean; // the AUTHORIZED webhook (through HAProxy) reached the station's node
  failure?: string;
}

export interface ClusterSettings {
  stations: number;
  nodeCounts: number[];
  mix: number;
  chargingShare: number;
  heartbeatSeconds: number;
  meterSeconds: number;
  windowSeconds: number;
  settleSeconds: number;
  connectConcurrency: number;
  reconnectSpreadMs: number;
  drainSeconds: number;
  drivers: number;
  chargeSeconds: number;
  parts: string[];
  command: string;
}

export interface ClusterResults {
  machine: MachineInfo;
  quiet: QuietOutcome;
  settings: ClusterSettings;
  stations: StationsOnNodes[];
  failover: FailoverResult[];
  flows: FlowOnNodes[];
  approval: ApprovalProbe[];
  approvalWrong: string[]; // probe sessions that did not settle right, and why
  approvalNodes?: number;
  notes: string[];
  seconds: number;
}

export function between(list: DriverTimeline[], from: keyof DriverTimeline, to: keyof DriverTimeline): Summary {
  const out: number[] = [];
  for (const d of list) {
    const a = d[from];
    const b = d[to];
    if (typeof a === 'number' && typeof b === 'number') out.push(b - a);
  }
  return summarize(out);
}

export function approvalSummary(probes: ApprovalProbe[], pick: (p: ApprovalProbe) => boolean): Summary {
  return summarize(probes.filter((p) => p.ms !== undefined && pick(p)).map((p) => p.ms as number));
}
