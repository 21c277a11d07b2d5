import type { AmountOffer } from '../../core/amount-offer.ts';
import type { BillLineKind } from '../../core/bill.ts';
import type { DriverLanguage, ReceiptStatus } from '../../core/session/session.ts';
import type { FaultKind } from '../../core/vocabulary/fault-kinds.ts';
import type { StationStopReason, StopSource } from '../../core/vocabulary/stop-reasons.ts';
import type { IssuedReceipt } from './receipt-numbers.ts';

// What the driver's pages show and can do, as plain values. The web adapter
// renders these; the session use cases produce them. Amounts are øre, energy
// Wh, power W, times ISO 8601 UTC strings.

export type ConnectorLiveStatus = 'available' | 'car_connected' | 'awaiting_payment' | 'charging' | 'occupied' | 'faulted' | 'offline' | 'unavailable';

export interface TariffView {
  perKwhOre: number;
  startFeeOre: number;
  perHourOre: number;
  idlePerMinuteOre: number;
  idleGraceMinutes: number;
  idleCapOre: number;
  vatRateBasisPoints: number;
}

// A time of the week priced otherwise: ISO weekdays (1 = Monday), "HH:MM" on
// Norway's clock; a `to` at or before `from` ends the next day.
export interface PricePeriodView {
  days: number[];
  from: string;
  to: string;
  tariff: TariffView;
}

export interface PriceScheduleView {
  base: TariffView; // outside every period
  periods: PricePeriodView[];
  // When the price next changes and to what; undefined when it stays the same for a week.
  nextChange?: { at: string; sameDay: boolean; tariff: TariffView };
}

// Another connector at the same site, for "use another connector".
export interface OtherConnectorView {
  code: string;
  stationName: string;
  connectorNo: number;
  connectorType: string;
  maxPowerW: number;
  status: ConnectorLiveStatus;
}

export interface LandingView {
  connectorCode: string;
  siteName: string;
  siteAddress: string;
  stationName: string;
  connectorNo: number;
  connectorType: string;
  maxPowerW: number;
  status: ConnectorLiveStatus;
  // awaiting_payment: how long the unapproved payment still holds the connector.
  heldForSeconds?: number;
  // True only when a driver can pay now (online, not faulted, no active session).
  canStart: boolean;
  // The price in effect now: what a session started now is sold and priced at.
  tariff: TariffView;
  // Absent: one price at all times.
  schedule?: PriceScheduleView;
  // The maximum amounts on offer and the energy each buys; undefined when not even the largest buys a useful charge.
  amounts: AmountOffer | undefined;
  // With a time price, what an amount buys depends on the power: the energy shown is at full power.
  energyAtFullPowerOnly: boolean;
  cardPayments: boolean;
  operatorName: string;
  termsUrl: string; // the operator's terms, or Ladepay's built-in terms page
  // The site's other connectors, listed when this one cannot take a payment now (else empty).
  otherConnectors: OtherConnectorView[];
}

// A connector's report the driver is told of while the charge is on.
export type ChargeCondition =
  | { kind: 'fault'; fault: FaultKind }
  | { kind: 'fault_cleared' }
  | { kind: 'paused_by_charger' }
  | { kind: 'car_paused' };

export type SessionPhase =
  | 'awaiting_payment' // waiting for Vipps approval
  | 'plug_in' // paid; plug in your car
  | 'starting'
  | 'charging'
  | 'stopping'
  | 'needs_review' // ended; the amount is being checked by the operator
  | 'idle_fee' // charging ended, the car is still plugged in: the idle fee runs until it is unplugged
  | 'settling' // stopped; settling the payment
  | 'finished'
  | 'payment_failed' // payment not completed
  | 'start_failed'; // could not start; nothing was charged

// A line of the session's stored bill, as it is: the page shows it, never recomputes it.
export interface PricedLineView {
  kind: BillLineKind;
  quantity: number; // Wh, seconds, minutes, 1
  unitPriceOre: number;
  amountOre: number;
  vatOre: number;
  netOre: number;
  vatRateBasisPoints: number;
}

// The seller a receipt names (bokføringsforskriften § 5-1-1 nr. 2).
export interface Seller {
  name: string;
  orgNumber: string;
  address: string;
}

export interface SessionView {
  token: string;
  phase: SessionPhase;
  reference: string; // the Vipps reference ("Referanse"), which support asks for
  stationName: string;
  siteName: string;
  siteAddress: string;
  connectorCode: string;
  connectorNo: number;
  maxAmountOre: number;
  paymentMethod: 'WALLET' | 'CARD';
  createdAt: string;
  chargingStartedAt?: string;
  endedAt?: string;
  energyWh: number;
  powerW?: number;
  socPercent?: number;
  runningCostOre: number;
  canStop: boolean;
  // The stop did not reach the station: the driver must stop the charge there.
  stationNotAnswering?: boolean;
  stopReason?: StopSource;
  // Why the station said it ended the charge (its own stop, not Ladepay's).
  stationEndReason?: StationStopReason;
  // Ladepay ended the charge because of what the connector reported.
  endedBy?: { kind: 'fault'; fault: FaultKind } | { kind: 'charger_pause' };
  // What the connector reports now, while the charge is on (docs/session-states.md).
  condition?: ChargeCondition;
  failureReason?: string; // why payment failed or start failed, as a stable code
  paymentRedirectUrl?: string; // to resume the Vipps approval
  // While the idle fee runs: since when (idle time), the minutes billed so far
  // (after the grace), the fee so far, and when it stops growing (the cap).
  idle?: { since: string; until: string; billedMinutes: number; feeOre: number; energyOre: number };
  final?: {
    lines: PricedLineView[];
    totalOre: number;
    vatOre: number;
    netOre: number;
    capturedOre: number;
    releasedOre: number;
    refundedOre: number;
  };
  receipt: ReceiptStatus;
  // The receipt's number and date: given once the session is settled with something charged.
  issuedReceipt?: IssuedReceipt;
  seller: Seller;
  tariff: TariffView;
  version: number; // changes whenever anything shown changes
}

export type StartDropInResult =
  | { ok: true; token: string; redirectUrl: string }
  | {
      ok: false;
      reason: 'not_found' | 'offline' | 'faulted' | 'occupied' | 'unavailable' | 'invalid_amount' | 'vipps_unavailable';
    };

export type StopResult = { ok: true } | { ok: false; reason: 'not_found' | 'not_stoppable' };

// The operations the driver's pages call. Implemented by the session use
// cases; every one is idempotent (a second press changes nothing more).
export interface DriverActions {
  landing(connectorCode: string): Promise<LandingView | undefined>;
  startDropIn(input: { connectorCode: string; maxAmountOre: number; method: 'WALLET' | 'CARD'; language?: DriverLanguage }): Promise<StartDropInResult>;
  session(token: string): Promise<SessionView | undefined>;
  // The driver came back from Vipps (or the page polls): confirm the payment with Vipps.
  paymentReturn(token: string): Promise<void>;
  stop(token: string): Promise<StopResult>;
  // Live updates for the status page (SSE); returns an unsubscribe function.
  subscribe(token: string, listener: (view: SessionView) => void): () => void;
}
