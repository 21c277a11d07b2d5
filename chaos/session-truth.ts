import type { SessionPlan } from './session-plan.ts';

// What the chaos harness saw of one session from outside Ladepay: the driver's
// steps, and at the station the car's real meter and every message about the
// transaction, with when it was sent and whether Ladepay answered it. All
// times are world milliseconds.

export interface Reading {
  at: number; // the station's timestamp
  wh: number; // the register as reported
  context: string;
}

export interface TxMessage {
  action: 'start' | 'meter' | 'stop';
  sentAt: number;
  answeredAt?: number; // Ladepay answered it (CALLRESULT): it was processed
  failed?: boolean; // CALLERROR
  readings: Reading[];
}

export interface TxTruth {
  localId: string; // the station's own id (the 2.0.1 transactionId)
  csmsId?: string; // 1.6: the id Ladepay gave in StartTransaction.conf
  idTag?: string;
  startAt: number;
  startWh: number;
  points: number[]; // the register as it moved: t0, wh0, t1, wh1 …
  endAt?: number;
  endWh?: number;
  endReason?: string;
  forgotten?: boolean; // the station lost it: no stop was ever sent
  messages: TxMessage[];
}

export interface Press {
  kind: 'driver-stop' | 'operator-stop' | 'operator-settle';
  sentAt: number;
  answeredAt?: number;
  status?: number;
}

export interface Attack {
  kind: 'stop' | 'meter' | 'authorize';
  from: string; // the hostile station
  at: number;
  action: string;
  answer?: unknown[];
  tokenAccepted?: boolean; // Ladepay told the attacker the victim's token is Accepted
}

export interface RefundTry {
  amountOre: number;
  key: string;
  statuses: number[]; // one per submission of the same request
}

export interface SessionTruth {
  index: number;
  plan: SessionPlan;
  stationId: string;
  connectorNo: number;
  protocol: string;
  maxPowerW: number;
  outcome: string; // the harness's view: charged, rejected, abandoned, refused …
  reference?: string;
  token?: string;
  redirects: string[]; // every Pay press's redirect
  steps: Array<{ at: number; what: string; detail?: unknown }>;
  txs: TxTruth[];
  remoteStarts: Array<{ at: number; idTag: string; answer?: string }>;
  remoteStops: Array<{ at: number; transactionId: string; answer?: string; reasonCode?: string }>;
  linkDown: Array<[number, number | null]>; // the station's link down, while this session held the connector
  boots: number[];
  statuses: Array<[number, string]>;
  presses: Press[];
  attacks: Attack[];
  refunds: RefundTry[];
  driverFinal?: { capturedOre?: number; totalOre?: number; lines?: Array<{ amountOre: number }> };
  boundAt: number;
  releasedAt?: number;
  inherited: string[]; // faults of the whole station, caused by the session on the other connector
}

export function newTruth(plan: SessionPlan, station: { id: string; protocol: string }, connector: { no: number; maxPowerW: number }, at: number): SessionTruth {
  return {
    index: plan.index,
    plan,
    stationId: station.id,
    connectorNo: connector.no,
    protocol: station.protocol,
    maxPowerW: connector.maxPowerW,
    outcome: 'unfinished',
    redirects: [],
    steps: [],
    txs: [],
    remoteStarts: [],
    remoteStops: [],
    linkDown: [],
    boots: [],
    statuses: [],
    presses: [],
    attacks: [],
    refunds: [],
    boundAt: at,
    inherited: [],
  };
}

export function step(truth: SessionTruth, at: number, what: string, detail?: unknown): void {
  truth.steps.push(detail === undefined ? { at, what } : { at, what, detail });
}
