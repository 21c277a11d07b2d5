import type { SimBooks, SimOrder } from '../../simulators/vipps/index.ts';
import type { SessionFacts } from '../../chaos/audit/session-facts.ts';
import type { LadepaySession } from '../../chaos/ladepay-records.ts';
import type { SessionPlan } from '../../chaos/session-plan.ts';
import type { SessionTruth, TxTruth } from '../../chaos/session-truth.ts';
import { worldSettings } from '../../chaos/world-settings.ts';

// Facts about one session for the auditor's own tests: a 22 kW charge of
// 10 world minutes from t0 (1000 Wh per 163.6 s), read every minute, stopped by
// the station, settled, 20 000 øre authorized. Override what a case needs.

export const T0 = Date.parse('2030-01-01T10:00:00.000Z');
export const MIN = 60_000;
export const START_WH = 1_000_000;
const WH_PER_MIN = 22_000 / 60; // 366.67 Wh per world minute at 22 kW

export function whAt(minutes: number): number {
  return START_WH + Math.floor(WH_PER_MIN * minutes);
}

export function aTx(endMinute = 10, overrides: Partial<TxTruth> = {}): TxTruth {
  const points: number[] = [];
  for (let s = 0; s <= endMinute * 60; s += 5) points.push(T0 + s * 1000, whAt(s / 60));
  const messages: TxTruth['messages'] = [{ action: 'start', sentAt: T0, answeredAt: T0 + 100, readings: [{ at: T0, wh: START_WH, context: 'Transaction.Begin' }] }];
  for (let m = 1; m < endMinute; m++) {
    messages.push({ action: 'meter', sentAt: T0 + m * MIN, answeredAt: T0 + m * MIN + 100, readings: [{ at: T0 + m * MIN, wh: whAt(m), context: 'Sample.Periodic' }] });
  }
  const end = T0 + endMinute * MIN;
  messages.push({ action: 'stop', sentAt: end, answeredAt: end + 200, readings: [{ at: end, wh: whAt(endMinute), context: 'Transaction.End' }] });
  return { localId: 'tx-1', csmsId: '7', idTag: 'TAG1', startAt: T0, startWh: START_WH, points, endAt: end, endWh: whAt(endMinute), endReason: 'Local', messages, ...overrides };
}

export function aPlan(overrides: Partial<SessionPlan> = {}): SessionPlan {
  return {
    index: 1,
    faults: [],
    maxAmountOre: 20_000,
    car: { batteryWh: 60_000, socPercent: 20, maxPowerW: 22_000 },
    plugFirst: true,
    payment: 'approve',
    noCar: false,
    payTwice: false,
    thinkS: 10,
    chargeS: 600,
    end: 'station-stop',
    stopTwice: false,
    gapS: 60,
    ...overrides,
  };
}

export interface FactsOptions {
  tx?: TxTruth;
  truth?: Partial<SessionTruth>;
  capturedOre?: number;
  authorizedOre?: number;
  refundedOre?: number;
  decidedAt?: number;
  state?: string;
  reads?: SimBooks['reads'];
  receiptLines?: number[];
  ladepayEvents?: Array<string | { type: string; at: number; source: string }>; // Ladepay's session events
}

export function aSession(o: FactsOptions = {}): SessionFacts {
  const tx = o.tx ?? aTx();
  const authorized = o.authorizedOre ?? 20_000;
  const captured = o.capturedOre ?? 0;
  const truth: SessionTruth = {
    index: 1,
    plan: aPlan(),
    stationId: 'CP-1',
    connectorNo: 1,
    protocol: 'ocpp1.6',
    maxPowerW: 22_000,
    outcome: 'charged',
    reference: 'lp-abc',
    token: 'tok',
    redirects: ['http://vipps/phone/x'],
    steps: [],
    txs: [tx],
    remoteStarts: [{ at: T0 - 1_000, idTag: 'TAG1', answer: 'Accepted' }],
    remoteStops: [],
    linkDown: [],
    boots: [],
    statuses: [],
    presses: [],
    attacks: [],
    refunds: [],
    boundAt: T0 - 10 * MIN,
    releasedAt: T0 + 60 * MIN,
    inherited: [],
    ...o.truth,
  };
  const ladepay: LadepaySession = {
    id: 'abc',
    reference: 'lp-abc',
    idTag: 'TAG1',
    stationId: 'CP-1',
    state: o.state ?? 'settled',
    data: {},
    events: (o.ladepayEvents ?? []).map((e) => (typeof e === 'string' ? { at: T0, source: 'station', type: e, data: {} } : { ...e, data: {} })),
    outbox: [],
    decidedAt: o.decidedAt ?? (tx.endAt as number) + 150,
  };
  const amount = (value: number) => ({ currency: 'NOK' as const, value });
  const books = {
    payment: {
      state: 'AUTHORIZED',
      aggregate: { authorizedAmount: amount(authorized), capturedAmount: amount(captured), cancelledAmount: amount(authorized - captured), refundedAmount: amount(o.refundedOre ?? 0) },
    },
    events: captured > 0 ? [{ name: 'CAPTURED', success: true, timestamp: new Date(T0 + 11 * MIN).toISOString() }] : [],
    phoneUrl: '',
    approvalDeadline: '',
    reads: o.reads ?? [{ at: new Date(T0 - 2_000).toISOString(), state: 'AUTHORIZED' }],
  } as unknown as SimBooks;
  const lines = o.receiptLines ?? (captured > 0 ? [captured] : []);
  // A negative line goes as its magnitude with isReturn, as Ladepay sends a line that takes something off.
  const orderLine = (l: number) => {
    const total = Math.abs(l);
    return { totalAmount: total, totalAmountExcludingTax: total - Math.round(total / 5), totalTaxAmount: Math.round(total / 5), ...(l < 0 ? { isReturn: true } : {}) };
  };
  const order: SimOrder = { receipt: { orderLines: lines.map(orderLine) } };
  return {
    truth,
    ladepay,
    books,
    order,
    settings: worldSettings(30),
    bounds: { reactionRealMs: 10_000 },
    downtime: [],
    byIdTag: new Map([['TAG1', ladepay]]),
    booksOf: () => books,
  };
}
