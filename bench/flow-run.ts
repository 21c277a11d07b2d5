import type { BenchDialect } from './bench-database.ts';
import type { ProfileSummary } from './cpu-profile-summary.ts';
import { summarize, type Summary } from './percentiles.ts';

// One driver's session through the drop-in benchmark, as wall-clock
// milliseconds. Bench-side marks (the driver, the stations, the Vipps
// simulator) share this process's clock; Ladepay's session events come from
// its own process, on the same machine's clock.
export interface SessionTimeline {
  index: number;
  protocol: string;
  failure?: string;
  token?: string;
  reference?: string;
  startedAt: number;
  payMs?: number; // POST /c/:code/start → 303 to Vipps (the payment is created inline)
  approvedAt?: number; // Vipps simulator: AUTHORIZED event
  webhookDropped?: boolean; // the authorized webhook was dropped by the simulator's fault
  webhookSentAt?: number; // Vipps simulator: the delivering attempt of the authorized webhook began
  webhookAt?: number; // Ladepay: the authorized webhook received (payment_events)
  authorizedAt?: number; // Ladepay: session event "payment_authorized" (after its GET to Vipps)
  remoteStartAt?: number; // the station got RemoteStartTransaction / RequestStartTransaction
  stopPressedAt?: number; // the driver posted the stop form
  remoteStopAt?: number;
  stopSentAt?: number; // the station sent StopTransaction / TransactionEvent Ended
  capturedAt?: number; // Ladepay: session event "captured" (capture answered and recorded)
  releasedAt?: number; // Ladepay: session event "released" (cancel of the rest answered)
  receiptAt?: number; // the receipt was in the Vipps simulator's Order Management
  endedAt?: number;
}

// Drivers arriving at a steady rate (open loop), or a fixed number of them
// going through the flow back to back (closed loop: as many sessions per
// second as Ladepay and the machine allow).
export type FlowLoad = { kind: 'rate'; perSecond: number } | { kind: 'concurrency'; n: number };

export function loadLabel(load: FlowLoad): string {
  return load.kind === 'rate' ? `${load.perSecond} sessions/s` : `${load.n} drivers back to back`;
}

export interface FlowRun {
  dialect: BenchDialect;
  load: FlowLoad;
  dropShare: number;
  sessions: SessionTimeline[];
  seconds: number;
  ladepayCpuPercent: number;
  ladepayPeakRssBytes: number;
  notes: string[];
  profile?: ProfileSummary; // of the sessions phase, with --cpu-prof
}

export interface FlowFigures {
  ok: number;
  failed: number;
  sessionsPerSecond: number;
  pay: Summary;
  approveToRemoteStart: Summary;
  approveToRemoteStartDelivered: Summary;
  approveToRemoteStartDropped: Summary;
  approveToWebhookSent: Summary;
  webhookSentToReceived: Summary;
  webhookToAuthorized: Summary;
  authorizedToRemoteStart: Summary;
  stopPressToRemoteStop: Summary;
  stationStopToCaptured: Summary;
  capturedToReleased: Summary;
  stationStopToReleased: Summary;
  stationStopToReceipt: Summary;
  session: Summary;
}

function between(list: SessionTimeline[], from: keyof SessionTimeline, to: keyof SessionTimeline): Summary {
  const out: number[] = [];
  for (const s of list) {
    const a = s[from];
    const b = s[to];
    if (typeof a === 'number' && typeof b === 'number') out.push(b - a);
  }
  return summarize(out);
}

export function flowFigures(run: FlowRun): FlowFigures {
  const ok = run.sessions.filter((s) => s.failure === undefined);
  return {
    ok: ok.length,
    failed: run.sessions.length - ok.length,
    sessionsPerSecond: ok.length / run.seconds,
    pay: summarize(ok.map((s) => s.payMs ?? NaN).filter(Number.isFinite)),
    approveToRemoteStart: between(ok, 'approvedAt', 'remoteStartAt'),
    approveToRemoteStartDelivered: between(ok.filter((s) => !s.webhookDropped), 'approvedAt', 'remoteStartAt'),
    approveToRemoteStartDropped: between(ok.filter((s) => s.webhookDropped), 'approvedAt', 'remoteStartAt'),
    approveToWebhookSent: between(ok, 'approvedAt', 'webhookSentAt'),
    webhookSentToReceived: between(ok, 'webhookSentAt', 'webhookAt'),
    webhookToAuthorized: between(ok, 'webhookAt', 'authorizedAt'),
    authorizedToRemoteStart: between(ok, 'authorizedAt', 'remoteStartAt'),
    stopPressToRemoteStop: between(ok, 'stopPressedAt', 'remoteStopAt'),
    stationStopToCaptured: between(ok, 'stopSentAt', 'capturedAt'),
    capturedToReleased: between(ok, 'capturedAt', 'releasedAt'),
    stationStopToReleased: between(ok, 'stopSentAt', 'releasedAt'),
    stationStopToReceipt: between(ok, 'stopSentAt', 'receiptAt'),
    session: between(ok, 'startedAt', 'endedAt'),
  };
}
