import type { RejectionReason } from '../meter-plausibility.ts';
import type { Bill } from '../bill.ts';
import type { Tariff } from '../tariff.ts';
import { ACTIVE_STATES, stateIn, type SessionState } from '../vocabulary/session-states.ts';
import type { StationStopReason, StopSource } from '../vocabulary/stop-reasons.ts';

// A drop-in charging session as one plain, JSON-serialisable value. Times are
// ISO 8601 UTC strings; money øre; energy Wh.

// What tells Ladepay that the station no longer has the transaction, though it
// never said so: it booted, its connector shows no transaction, it refused to
// stop a transaction it does not know, or it said so when asked.
export type DriverLanguage = 'nb' | 'en';

export type EndSignal = 'station_rebooted' | 'connector_available' | 'stop_not_found' | 'status_query';

export type ReceiptStatus = 'none' | 'pending' | 'sent' | 'failed';

export interface Session {
  id: string;
  token: string; // the secret in the status page URL
  reference: string; // the Vipps reference
  idTag: string; // ≤ 20 characters (OCPP 1.6 CiString20)
  remoteStartId: number; // ties a 2.0.1 TransactionEvent to the session
  stationId: string;
  connectorNo: number;
  connectorId: string;
  tariff: Tariff; // frozen at creation
  maxPowerW?: number; // the connector's maximum power, frozen at creation: the meter's physical bound
  maxAmountOre: number;
  paymentMethod: 'WALLET' | 'CARD';
  // The language of the page the driver paid from: the payment's text in Vipps is in it (absent: bokmål).
  language?: DriverLanguage;
  // The station's screen showed prices when the session was made
  // (docs/price-display.md): the final cost is shown there once the bill is made.
  priceOnScreen?: boolean;
  // Paid from a one-time Vipps QR on the charger's own screen (docs/display-payment.md).
  qrOnScreen?: boolean;
  state: SessionState;
  createdAt: string;
  updatedAt: string;

  redirectUrl?: string;
  authorizedOre: number;
  authorizedAt?: string;
  startDeadline?: string;
  remoteStartsSent: number;
  remoteStartsAnswered: number;
  waitingForCar: boolean;

  transactionId?: string;
  meterStartWh?: number;
  meterLastWh?: number; // the last plausible register reading
  // Energy is never billed past this register (e.g. the stop a driver pressed
  // that the station never got): set by the session logic, honoured by energyUsedWh.
  meterCapWh?: number;
  meterLastReadAt?: string; // the station's timestamp of meterLastWh
  meterRejections?: MeterRejection[]; // the latest implausible readings, for the operator
  meterRejectedCount?: number;
  powerW?: number;
  socPercent?: number;
  chargingStartedAt?: string;
  lastMeterAt?: string; // the station's clock
  lastHeardAt?: string; // Ladepay's clock: when the station last spoke about this session
  idleSince?: string; // the car stopped drawing power while still plugged in

  stopRequestedAt?: string;
  stopSource?: StopSource;
  endedAt?: string;

  // Ending the charge at the station (invariant 9). Each remote_stop command
  // is numbered, so a stop repeated after a reconnect gets its own outbox key.
  remoteStopsSent?: number;
  lastStopSentAt?: string; // Ladepay's clock
  stopOwed?: boolean; // a stop was asked and the station has not yet ended the transaction
  meterAtStopWh?: number; // the register when the driver pressed stop
  stopUndelivered?: boolean; // the last stop did not reach the station (offline, no answer, refused)
  stopAcceptedAt?: string; // the station accepted the remote stop (while stopping)
  stopPerhapsReached?: StopPerhapsReached; // undelivered as far as Ladepay knows, but perhaps it did reach the station
  endSignal?: { signal: EndSignal; at: string }; // the station as good as said the transaction is gone (Ladepay's clock)
  chargedAfterSettlementWh?: number; // energy the station reported past the settled register
  stationStopReason?: StationStopReason; // why the station said it ended the transaction

  // What the connector reported during the charge (docs/session-states.md,
  // "What a connector's status does to a session").
  fault?: ConnectorFault; // reported faulted: settled at fault.at + the grace unless it clears first
  faultClearedAt?: string; // Ladepay's clock: a fault cleared within the grace and the charge went on
  pausedByCharger?: ChargerPause; // SuspendedEVSE: the charger holds back the energy
  failure?: string; // a stable code: 'rejected', 'expired', 'station_refused', 'start_timeout', …

  // The idle fee (docs/pricing.md, "The idle fee after the charge"): a charge
  // that ends with the car still plugged in captures its energy bill at once
  // and keeps the rest reserved while the idle fee runs, from idleFrom until
  // the car is unplugged, at most until idleUntil (the fee has reached its cap).
  energyBill?: Bill;
  idleFrom?: string; // the station's clock
  idleUntil?: string;
  unpluggedAt?: string; // the station's clock, or idleUntil when the unplug was never reported

  // The bill, made once at settlement (src/core/bill.ts): its lines add up to
  // exactly what is captured, never above the authorization.
  priced?: Bill;
  review?: Review; // why the session could not be priced, and the operator's decision
  capturedOre: number;
  cancelledOre: number;
  refundedOre: number;
  captureFailed?: string;
  receipt: ReceiptStatus;
  flags: string[]; // e.g. 'settled_on_last_meter', 'capped_at_maximum', 'late_stop_after_settlement'
}

// A fault the station reported on the session's connector, or on the whole
// station. The codes are kept as the station sent them (1.6 errorCode, info,
// vendorErrorCode); `at` is Ladepay's clock, which the grace is measured on.
export interface ConnectorFault {
  scope: 'connector' | 'station' | 'transaction';
  errorCode?: string;
  info?: string;
  vendorErrorCode?: string;
  at: string;
}

// The charger paused the charge (load management, a limit of its own): since
// when (Ladepay's clock), and the register then, so a pause that lets no
// energy through is told from one that goes on delivering.
export interface ChargerPause {
  since: string;
  registerWh?: number;
}

// A driver's stop Ladepay could not confirm (src/core/session/stop-reached.ts).
export interface StopPerhapsReached {
  capBeforeWh?: number; // the cap before the press's, to restore
  until: string; // the latest end stamp that shows the stop reached the station
}

// A reading that failed the physics check (src/core/meter-plausibility.ts):
// kept raw, with the station's timestamp and Ladepay's, which finds the frame
// in the station's OCPP log.
export interface MeterRejection {
  source: 'meter' | 'stop';
  registerWh?: number;
  stationAt: string;
  receivedAt: string;
  reason: RejectionReason;
  limitWh?: number; // the highest register the bound allowed
}

export interface Review {
  failure: string; // a stable code: what could not be priced and why
  openedAt: string;
  decision?: { action: 'capture' | 'release'; amountOre: number; reason: string; at: string };
}

export function isActive(s: Session): boolean {
  return stateIn(ACTIVE_STATES, s.state);
}

// A stop was asked (driver, operator, cost guard, or a settlement Ladepay
// made without the station) and the station has not said the transaction
// ended. Sessions stored before stopOwed existed: owed while stopping.
export function isStopOwed(s: Session): boolean {
  return s.stopOwed ?? s.state === 'stopping';
}

export function energyUsedWh(s: Session): number {
  if (s.meterStartWh === undefined || s.meterLastWh === undefined) return 0;
  const billedTo = s.meterCapWh === undefined ? s.meterLastWh : Math.min(s.meterLastWh, s.meterCapWh);
  return Math.max(0, billedTo - s.meterStartWh);
}
