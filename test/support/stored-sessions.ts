import type { Kysely } from 'kysely';
import type { Database } from '../../src/adapters/storage/schema.ts';
import { billOf, adjustmentLine } from '../../src/core/bill.ts';
import type { Session } from '../../src/core/session/session.ts';
import { aTariff } from './tariff-builder.ts';

// Sessions as they are stored, for the tests of the stored format.

// A settled session with a value in every field the Session type has.
export function aSessionWithEveryField(id: string, stationId = 'CP-F'): Session {
  return {
    id,
    token: `secret-token-of-${id}`,
    reference: `lp-${id}`,
    idTag: `TAG${id}`.slice(0, 20),
    remoteStartId: 7,
    stationId,
    connectorNo: 1,
    connectorId: `${stationId}-1`,
    tariff: aTariff({ startFeeOre: 500, idlePerMinuteOre: 100, idleGraceMinutes: 30, idleCapOre: 20_000 }),
    maxPowerW: 50_000,
    maxAmountOre: 35_000,
    paymentMethod: 'CARD',
    language: 'en',
    priceOnScreen: true,
    qrOnScreen: true,
    state: 'settled',
    createdAt: '2026-11-26T10:00:00.000Z',
    updatedAt: '2026-11-26T11:00:00.000Z',
    redirectUrl: 'https://example.no/pay',
    authorizedOre: 35_000,
    authorizedAt: '2026-11-26T10:00:10.000Z',
    startDeadline: '2026-11-26T10:05:10.000Z',
    remoteStartsSent: 1,
    remoteStartsAnswered: 1,
    waitingForCar: false,
    transactionId: '17',
    meterStartWh: 1000,
    meterLastWh: 9000,
    meterCapWh: 8500,
    meterLastReadAt: '2026-11-26T10:40:00.000Z',
    meterRejections: [
      { source: 'meter', registerWh: 999_999, stationAt: '2026-11-26T10:30:00.000Z', receivedAt: '2026-11-26T10:30:01.000Z', reason: 'too_much_energy', limitWh: 6000 },
    ],
    meterRejectedCount: 1,
    powerW: 0,
    socPercent: 80.5,
    chargingStartedAt: '2026-11-26T10:01:00.000Z',
    lastMeterAt: '2026-11-26T10:40:00.000Z',
    lastHeardAt: '2026-11-26T10:40:01.000Z',
    idleSince: '2026-11-26T10:35:00.000Z',
    stopRequestedAt: '2026-11-26T10:38:00.000Z',
    stopSource: 'driver',
    endedAt: '2026-11-26T10:41:00.000Z',
    remoteStopsSent: 2,
    lastStopSentAt: '2026-11-26T10:39:00.000Z',
    stopOwed: false,
    meterAtStopWh: 8500,
    stopUndelivered: true,
    stopAcceptedAt: '2026-11-26T10:39:01.000Z',
    stopPerhapsReached: { capBeforeWh: 8700, until: '2026-11-26T10:39:30.000Z' },
    endSignal: { signal: 'connector_available', at: '2026-11-26T10:41:00.000Z' },
    chargedAfterSettlementWh: 20,
    stationStopReason: 'ground_fault',
    fault: { scope: 'connector', errorCode: 'GroundFailure', info: 'RCD tripped', vendorErrorCode: 'E-42', at: '2026-11-26T10:50:00.000Z' },
    faultClearedAt: '2026-11-26T10:49:00.000Z',
    pausedByCharger: { since: '2026-11-26T10:45:00.000Z', registerWh: 1_010_000 },
    failure: 'capture_failed_once',
    energyBill: billOf([{ kind: 'energy', quantity: 7500, unitPriceOre: 499, amountOre: 3743, vatOre: 749, netOre: 2994, vatRateBasisPoints: 2500 }]),
    idleFrom: '2026-11-26T10:40:00.000Z',
    idleUntil: '2026-11-26T12:50:00.000Z',
    unpluggedAt: '2026-11-26T11:25:00.000Z',
    priced: billOf([
      { kind: 'energy', quantity: 7500, unitPriceOre: 499, amountOre: 3743, vatOre: 749, netOre: 2994, vatRateBasisPoints: 2500 },
      adjustmentLine('limited_to_maximum', -43, 2500),
    ]),
    review: { failure: 'invalid_tariff:perKwhOre:not_integer', openedAt: '2026-11-26T10:41:00.000Z', decision: { action: 'capture', amountOre: 3700, reason: 'Checked', at: '2026-11-26T10:50:00.000Z' } },
    capturedOre: 3700,
    cancelledOre: 31_300,
    refundedOre: 100,
    captureFailed: 'timeout',
    receipt: 'sent',
    flags: ['settled_on_last_meter', 'stop_undelivered'],
  };
}

// A session stopping at a driver's press, as Ladepay wrote it before the
// stored format had a version (2026-11-26): no "v", and none of the fields
// Session gained since (stopOwed, remoteStopsSent, maxPowerW, the meter's
// evidence …).
export function aStoppingRowFromBeforeTheFormat(id: string, stationId: string): string {
  return JSON.stringify({
    id,
    token: `secret-token-of-${id}`,
    reference: `lp-${id}`,
    idTag: `TAG${id}`,
    remoteStartId: 3,
    stationId,
    connectorNo: 1,
    connectorId: `${stationId}-1`,
    tariff: { currency: 'NOK', perKwhOre: 499, startFeeOre: 0, perHourOre: 0, idlePerMinuteOre: 0, idleGraceMinutes: 0, idleCapOre: 0, vatRateBasisPoints: 2500 },
    maxAmountOre: 35_000,
    paymentMethod: 'WALLET',
    state: 'stopping',
    createdAt: '2026-11-26T10:00:00.000Z',
    updatedAt: '2026-11-26T10:38:00.000Z',
    redirectUrl: 'https://example.no/pay',
    authorizedOre: 35_000,
    authorizedAt: '2026-11-26T10:00:10.000Z',
    startDeadline: '2026-11-26T10:05:10.000Z',
    remoteStartsSent: 1,
    remoteStartsAnswered: 1,
    waitingForCar: false,
    transactionId: '17',
    meterStartWh: 1000,
    meterLastWh: 8400,
    powerW: 11_000,
    socPercent: 55,
    chargingStartedAt: '2026-11-26T10:01:00.000Z',
    lastMeterAt: '2026-11-26T10:37:00.000Z',
    lastHeardAt: '2026-11-26T10:37:01.000Z',
    stopRequestedAt: '2026-11-26T10:38:00.000Z',
    stopSource: 'driver',
    capturedOre: 0,
    cancelledOre: 0,
    refundedOre: 0,
    receipt: 'none',
    flags: [],
  });
}

// A row written straight into the table, as a row of any version would be
// found there.
export async function insertSessionRow(db: Kysely<Database>, row: { id: string; stationId: string; state: string; data: string; stopOwed?: boolean; transactionId?: string }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: row.id,
      token: `secret-token-of-${row.id}`,
      connector_id: `${row.stationId}-1`,
      active_connector_id: ['awaiting_payment', 'starting', 'charging', 'stopping'].includes(row.state) ? `${row.stationId}-1` : null,
      state: row.state,
      vipps_reference: `lp-${row.id}`,
      id_tag: `TAG${row.id}`,
      station_id: row.stationId,
      transaction_id: row.transactionId ?? null,
      remote_start_id: 3,
      max_amount_ore: 35_000,
      stop_owed: row.stopOwed ? 1 : 0,
      data: row.data,
      version: 1,
      created_at: '2026-11-26T10:00:00.000Z',
      updated_at: '2026-11-26T10:38:00.000Z',
    })
    .execute();
}
