import type { JSONSchemaType } from 'ajv';
import type { Bill, BillLine, BillLineKind } from '../../core/bill.ts';
import type { RejectionReason } from '../../core/meter-plausibility.ts';
import type { EndSignal, MeterRejection, ReceiptStatus, Review, Session, StopPerhapsReached } from '../../core/session/session.ts';
import { SESSION_STATES } from '../../core/vocabulary/session-states.ts';
import { STATION_STOP_REASONS, STOP_SOURCES } from '../../core/vocabulary/stop-reasons.ts';
import type { Tariff } from '../../core/tariff.ts';

// The shape of a stored session, typed by the Session type itself: a field
// added to, removed from or retyped in Session (or the types it holds) does
// not compile here until the schema says the same.
//
// It checks what the code relies on: every required field present, every
// value of its type, every enumerated value one the code knows. Rules on the
// values stay in the core: a frozen tariff that cannot price (4.99 where 499
// was meant) is a session for review (checkTariff at settlement), not a row
// that cannot be read. Fields the schema does not know are let through.

// Session states and stop sources come from their vocabulary lists; the other
// unions are spelt out as records, so the compiler refuses a list that misses
// a value or adds one.
const END_SIGNALS: Record<EndSignal, true> = { station_rebooted: true, connector_available: true, stop_not_found: true, status_query: true };
const RECEIPT_STATUSES: Record<ReceiptStatus, true> = { none: true, pending: true, sent: true, failed: true };
const LINE_KINDS: Record<BillLineKind, true> = { energy: true, start_fee: true, time: true, idle: true, limited_to_maximum: true, no_energy: true, set_by_operator: true };
const REJECTION_REASONS: Record<RejectionReason, true> = {
  not_a_register: true,
  bad_timestamp: true,
  before_start: true,
  in_the_future: true,
  backwards: true,
  too_much_energy: true,
};

function valuesOf<K extends string>(record: Record<K, true>): K[] {
  return Object.keys(record) as K[];
}

const string = { type: 'string' } as const;
const number = { type: 'number' } as const;
const boolean = { type: 'boolean' } as const;
// JSONSchemaType wants every optional property marked nullable; the codec
// drops the mark before compiling (session-codec.ts), so null is refused.
const optionalString = { type: 'string', nullable: true } as const;
const optionalNumber = { type: 'number', nullable: true } as const;
const optionalBoolean = { type: 'boolean', nullable: true } as const;

const tariff: JSONSchemaType<Tariff> = {
  type: 'object',
  properties: {
    currency: string,
    perKwhOre: number,
    startFeeOre: number,
    perHourOre: number,
    idlePerMinuteOre: number,
    idleGraceMinutes: number,
    idleCapOre: number,
    vatRateBasisPoints: number,
  },
  required: ['currency', 'perKwhOre', 'startFeeOre', 'perHourOre', 'idlePerMinuteOre', 'idleGraceMinutes', 'idleCapOre', 'vatRateBasisPoints'],
};

const billLine: JSONSchemaType<BillLine> = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: valuesOf(LINE_KINDS) },
    quantity: number,
    unitPriceOre: number,
    amountOre: number,
    vatOre: number,
    netOre: number,
    vatRateBasisPoints: number,
  },
  required: ['kind', 'quantity', 'unitPriceOre', 'amountOre', 'vatOre', 'netOre', 'vatRateBasisPoints'],
};

const bill: JSONSchemaType<Bill> = {
  type: 'object',
  properties: { lines: { type: 'array', items: billLine }, totalOre: number, vatOre: number, netOre: number },
  required: ['lines', 'totalOre', 'vatOre', 'netOre'],
};

const meterRejection: JSONSchemaType<MeterRejection> = {
  type: 'object',
  properties: {
    source: { type: 'string', enum: ['meter', 'stop'] },
    registerWh: optionalNumber,
    stationAt: string,
    receivedAt: string,
    reason: { type: 'string', enum: valuesOf(REJECTION_REASONS) },
    limitWh: optionalNumber,
  },
  required: ['source', 'stationAt', 'receivedAt', 'reason'],
};

const review: JSONSchemaType<Review> = {
  type: 'object',
  properties: {
    failure: string,
    openedAt: string,
    decision: {
      type: 'object',
      nullable: true,
      properties: { action: { type: 'string', enum: ['capture', 'release'] }, amountOre: number, reason: string, at: string },
      required: ['action', 'amountOre', 'reason', 'at'],
    },
  },
  required: ['failure', 'openedAt'],
};

const stopPerhapsReached: JSONSchemaType<StopPerhapsReached> = {
  type: 'object',
  properties: { capBeforeWh: optionalNumber, until: string },
  required: ['until'],
};

export const sessionSchema: JSONSchemaType<Session> = {
  type: 'object',
  properties: {
    id: string,
    token: string,
    reference: string,
    idTag: string,
    remoteStartId: number,
    stationId: string,
    connectorNo: number,
    connectorId: string,
    tariff,
    maxPowerW: optionalNumber,
    maxAmountOre: number,
    paymentMethod: { type: 'string', enum: ['WALLET', 'CARD'] },
    language: { type: 'string', enum: ['nb', 'en'], nullable: true },
    priceOnScreen: optionalBoolean,
    qrOnScreen: optionalBoolean,
    state: { type: 'string', enum: [...SESSION_STATES] },
    createdAt: string,
    updatedAt: string,

    redirectUrl: optionalString,
    authorizedOre: number,
    authorizedAt: optionalString,
    startDeadline: optionalString,
    remoteStartsSent: number,
    remoteStartsAnswered: number,
    waitingForCar: boolean,

    transactionId: optionalString,
    meterStartWh: optionalNumber,
    meterLastWh: optionalNumber,
    meterCapWh: optionalNumber,
    meterLastReadAt: optionalString,
    meterRejections: { type: 'array', nullable: true, items: meterRejection },
    meterRejectedCount: optionalNumber,
    powerW: optionalNumber,
    socPercent: optionalNumber,
    chargingStartedAt: optionalString,
    lastMeterAt: optionalString,
    lastHeardAt: optionalString,
    idleSince: optionalString,

    stopRequestedAt: optionalString,
    stopSource: { type: 'string', nullable: true, enum: [...STOP_SOURCES] },
    endedAt: optionalString,

    remoteStopsSent: optionalNumber,
    lastStopSentAt: optionalString,
    stopOwed: optionalBoolean,
    meterAtStopWh: optionalNumber,
    stopUndelivered: optionalBoolean,
    stopAcceptedAt: optionalString,
    stopPerhapsReached: { ...stopPerhapsReached, nullable: true },
    endSignal: {
      type: 'object',
      nullable: true,
      properties: { signal: { type: 'string', enum: valuesOf(END_SIGNALS) }, at: string },
      required: ['signal', 'at'],
    },
    chargedAfterSettlementWh: optionalNumber,
    stationStopReason: { type: 'string', nullable: true, enum: [...STATION_STOP_REASONS] },
    fault: {
      type: 'object',
      nullable: true,
      properties: {
        scope: { type: 'string', enum: ['connector', 'station', 'transaction'] },
        errorCode: optionalString,
        info: optionalString,
        vendorErrorCode: optionalString,
        at: string,
      },
      required: ['scope', 'at'],
    },
    faultClearedAt: optionalString,
    pausedByCharger: {
      type: 'object',
      nullable: true,
      properties: { since: string, registerWh: optionalNumber },
      required: ['since'],
    },
    failure: optionalString,

    energyBill: { ...bill, nullable: true },
    idleFrom: optionalString,
    idleUntil: optionalString,
    unpluggedAt: optionalString,
    priced: { ...bill, nullable: true },
    review: { ...review, nullable: true },
    capturedOre: number,
    cancelledOre: number,
    refundedOre: number,
    captureFailed: optionalString,
    receipt: { type: 'string', enum: valuesOf(RECEIPT_STATUSES) },
    flags: { type: 'array', items: string },
  },
  required: [
    'id',
    'token',
    'reference',
    'idTag',
    'remoteStartId',
    'stationId',
    'connectorNo',
    'connectorId',
    'tariff',
    'maxAmountOre',
    'paymentMethod',
    'state',
    'createdAt',
    'updatedAt',
    'authorizedOre',
    'remoteStartsSent',
    'remoteStartsAnswered',
    'waitingForCar',
    'capturedOre',
    'cancelledOre',
    'refundedOre',
    'receipt',
    'flags',
  ],
};
