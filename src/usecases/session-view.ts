import type { Session } from '../core/session/session.ts';
import { energyUsedWh } from '../core/session/session.ts';
import { usageAt } from '../core/session/settlement.ts';
import { idlePartOre, settleIdle } from '../core/session/idle-wait.ts';
import { BILLED_STATES, DRIVER_STOPPABLE_STATES, RUNNING_STATES, stateIn } from '../core/vocabulary/session-states.ts';
import { faultKindOf } from '../core/vocabulary/fault-kinds.ts';
import { priceSession } from '../core/pricing.ts';
import type { ConnectorInfo, StationInfo } from './ports/charge-point-directory.ts';
import type { ChargeCondition, Seller, SessionPhase, SessionView, TariffView } from './ports/driver-views.ts';
import type { IssuedReceipt } from './ports/receipt-numbers.ts';

export function tariffView(t: Session['tariff']): TariffView {
  return {
    perKwhOre: t.perKwhOre,
    startFeeOre: t.startFeeOre,
    perHourOre: t.perHourOre,
    idlePerMinuteOre: t.idlePerMinuteOre,
    idleGraceMinutes: t.idleGraceMinutes,
    idleCapOre: t.idleCapOre,
    vatRateBasisPoints: t.vatRateBasisPoints,
  };
}

// What the connector reports, while the charge is on: a fault first, then a
// pause by the charger, then the car's own pause; a fault that cleared is
// said until the next report.
function conditionView(s: Session): { condition?: ChargeCondition } {
  if (!stateIn(RUNNING_STATES, s.state) && s.state !== 'starting') return {};
  if (s.fault) return { condition: { kind: 'fault', fault: faultKindOf(s.fault.errorCode) } };
  if (s.state === 'starting') return {};
  if (s.pausedByCharger) return { condition: { kind: 'paused_by_charger' } };
  if (s.idleSince && s.state === 'charging') return { condition: { kind: 'car_paused' } };
  if (s.faultClearedAt) return { condition: { kind: 'fault_cleared' } };
  return {};
}

function endedByView(s: Session): Pick<SessionView, 'endedBy'> {
  if (s.flags.includes('settled_on_fault')) return { endedBy: { kind: 'fault', fault: faultKindOf(s.fault?.errorCode) } };
  if (s.flags.includes('settled_on_charger_pause')) return { endedBy: { kind: 'charger_pause' } };
  return {};
}

function phaseOf(s: Session): SessionPhase {
  switch (s.state) {
    case 'awaiting_payment':
      return 'awaiting_payment';
    case 'starting':
      return s.waitingForCar ? 'plug_in' : 'starting';
    case 'charging':
      return 'charging';
    case 'stopping':
      return 'stopping';
    case 'needs_review':
      return 'needs_review';
    case 'idling':
      return 'idle_fee';
    case 'settling':
      return 'settling';
    case 'settled':
      return 'finished';
    case 'payment_failed':
      return 'payment_failed';
    case 'start_failed':
      return 'start_failed';
  }
}

// The running cost shown while charging: the core's pricing of the usage so
// far, capped at the maximum like the capture. Once settled, the stored bill.
export function runningCost(s: Session, now: Date): number {
  if (s.priced) return s.priced.totalOre;
  if (s.state === 'idling') return idleView(s, now)?.totalOre ?? s.energyBill?.totalOre ?? 0;
  if (s.state === 'needs_review' || !s.chargingStartedAt || energyUsedWh(s) === 0) return 0;
  const priced = priceSession(s.tariff, usageAt(s, (s.endedAt ? new Date(s.endedAt) : now).toISOString()));
  return priced.ok ? Math.min(priced.value.totalOre, s.maxAmountOre) : 0;
}

// The idle fee so far, priced by the core as the final bill will be.
function idleView(s: Session, now: Date): (NonNullable<SessionView['idle']> & { totalOre: number }) | undefined {
  if (s.state !== 'idling' || !s.idleFrom || !s.idleUntil) return undefined;
  const bill = settleIdle(s, now.toISOString());
  if (!bill.ok) return undefined;
  const idleLine = bill.bill.lines.find((l) => l.kind === 'idle');
  const energyOre = s.energyBill?.totalOre ?? 0;
  return {
    since: s.idleFrom,
    until: s.idleUntil,
    billedMinutes: idleLine?.quantity ?? 0,
    feeOre: idlePartOre(s.energyBill, bill.bill),
    energyOre,
    totalOre: bill.bill.totalOre,
  };
}

export function sessionView(
  s: Session,
  version: number,
  place: { station?: StationInfo; connector?: ConnectorInfo },
  seller: Seller,
  now: Date,
  issuedReceipt?: IssuedReceipt,
): SessionView {
  // The stored bill as it is: its lines add up to the capture.
  const final =
    s.priced && stateIn(BILLED_STATES, s.state)
      ? {
          lines: s.priced.lines.map((l) => ({ ...l })),
          totalOre: s.priced.totalOre,
          vatOre: s.priced.vatOre,
          netOre: s.priced.netOre,
          capturedOre: s.capturedOre,
          releasedOre: s.cancelledOre,
          refundedOre: s.refundedOre,
        }
      : undefined;
  const idle = idleView(s, now);
  return {
    token: s.token,
    phase: phaseOf(s),
    reference: s.reference,
    stationName: place.station?.name ?? s.stationId,
    siteName: place.station?.siteName ?? '',
    siteAddress: place.station?.siteAddress ?? '',
    connectorCode: place.connector?.code ?? '',
    connectorNo: s.connectorNo,
    maxAmountOre: s.maxAmountOre,
    paymentMethod: s.paymentMethod,
    createdAt: s.createdAt,
    chargingStartedAt: s.chargingStartedAt,
    endedAt: s.endedAt,
    energyWh: energyUsedWh(s),
    powerW: s.state === 'charging' ? s.powerW : undefined,
    socPercent: s.socPercent,
    runningCostOre: runningCost(s, now),
    canStop: stateIn(DRIVER_STOPPABLE_STATES, s.state),
    stationNotAnswering: s.state === 'stopping' && s.stopUndelivered === true,
    stopReason: s.stopSource,
    ...(s.stopSource === 'station' && s.stationStopReason ? { stationEndReason: s.stationStopReason } : {}),
    ...endedByView(s),
    ...conditionView(s),
    failureReason: s.failure,
    paymentRedirectUrl: s.state === 'awaiting_payment' ? s.redirectUrl : undefined,
    ...(idle ? { idle: { since: idle.since, until: idle.until, billedMinutes: idle.billedMinutes, feeOre: idle.feeOre, energyOre: idle.energyOre } } : {}),
    final,
    receipt: s.receipt,
    ...(issuedReceipt ? { issuedReceipt } : {}),
    seller,
    tariff: tariffView(s.tariff),
    version,
  };
}
