import type { CommandOutcome } from '../vocabulary/command-outcome.ts';
import type { ConnectorStatus } from '../vocabulary/connector-status.ts';
import type { StatusScope } from './connector-reactions.ts';
import type { PaymentState } from '../vocabulary/payment-state.ts';
import type { StationStopReason, StopSource } from '../vocabulary/stop-reasons.ts';
import type { EndSignal } from './session.ts';

// Everything that can happen to a session. Payment states come only from a
// GET to Vipps (a webhook is a hint that makes the shell do that GET).

export type SessionInput =
  | { type: 'payment_created'; redirectUrl: string }
  | { type: 'payment_create_failed'; reason: string }
  | { type: 'payment_confirmed'; state: PaymentState; authorizedOre: number }
  | { type: 'remote_start_answered'; attempt: number; outcome: CommandOutcome; carPluggedIn: boolean }
  | { type: 'car_plugged_in' }
  // meterStartWh is unknown when the station started the transaction without
  // a register reading (2.0.1): the first meter input then supplies it.
  | { type: 'transaction_started'; transactionId: string; meterStartWh?: number; at: string }
  | { type: 'meter'; at: string; energyRegisterWh?: number; powerW?: number; socPercent?: number }
  | { type: 'stop_requested'; source: Exclude<StopSource, 'station'> }
  // A stop is about to go out to the station (Ladepay's clock).
  | { type: 'remote_stop_sending' }
  // connectedSince: when the station's connection the stop went over opened.
  | { type: 'remote_stop_answered'; outcome: CommandOutcome; attempt?: number; connectedSince?: string }
  // stationCostOre: what the station itself priced it at (OCPP 2.1 costDetails).
  | { type: 'transaction_ended'; at: string; meterStopWh?: number; reason: StationStopReason; stationCostOre?: number }
  | { type: 'transaction_lost'; signal: EndSignal; at: string }
  | { type: 'transaction_confirmed' } // asked, the station says the transaction goes on
  | { type: 'station_reconnected'; connectedAt?: string } // a stop still owed is sent again
  // The station still charges a transaction whose session has ended: a meter
  // value, a Charging status or a TransactionEvent Updated. Not billed.
  | { type: 'charging_after_settlement'; at: string; energyRegisterWh?: number; signal: 'meter' | 'status' | 'transaction_event' }
  // The connector of a session whose charge has ended shows no car any more
  // (1.6 Available after Finishing/SuspendedEV, 2.0.1 Available after Occupied).
  | { type: 'car_unplugged'; at: string }
  // What the session's connector, its whole station or (2.0.1) its
  // transaction's charging state reports, as a connector status. `at` is the
  // station's time, kept within a tolerance of when it arrived.
  | { type: 'connector_status'; status: ConnectorStatus; scope: StatusScope; at: string; fault?: FaultReport }
  | { type: 'tick' }
  | { type: 'settle_now' } // operator: settle on the last meter value
  | { type: 'capture_answered'; ok: true; capturedOre: number }
  | { type: 'capture_answered'; ok: false; reason: string }
  | { type: 'cancel_answered'; ok: true; cancelledOre: number }
  | { type: 'cancel_answered'; ok: false; reason: string }
  | { type: 'receipt_answered'; ok: boolean }
  | { type: 'refund_answered'; ok: true; refundedOre: number; reason?: string }
  // operator: the decision on a session that could not be priced (needs_review)
  | { type: 'review_resolved'; action: 'capture'; amountOre: number; reason: string }
  | { type: 'review_resolved'; action: 'release'; reason: string };

// A fault as the station described it (OCPP 1.6 StatusNotification errorCode,
// info and vendorErrorCode; 2.0.1 says less).
export interface FaultReport {
  errorCode?: string;
  info?: string;
  vendorErrorCode?: string;
}

export type SessionCommand =
  | { type: 'create_payment' }
  | { type: 'remote_start'; attempt: number }
  | { type: 'remote_stop'; attempt?: number }
  | { type: 'query_transaction' } // ask the station whether the transaction goes on
  | { type: 'check_connector' } // a start gave up: a transaction the station began anyway is ended
  | { type: 'capture'; amountOre: number }
  // The idle fee, captured when the car has left: a second partial capture with its own key.
  | { type: 'capture_idle'; amountOre: number }
  | { type: 'cancel' }
  | { type: 'send_receipt' }
  // The bill is made: its total and the receipt's page on the station's screen (docs/price-display.md).
  | { type: 'show_final_cost' };

export interface SessionEvent {
  type: string;
  data: Record<string, unknown>;
}

export interface SessionPolicy {
  startWindowSeconds: number;
  stationSilenceSeconds: number;
  meterIntervalSeconds: number; // the cost guard looks this far ahead
  // Bill the energy a station delivered after the driver pressed stop when
  // that stop never reached it (default: not billed).
  billEnergyAfterUndeliveredStop?: boolean;
  // How long a session waits after an end signal for the station's own stop
  // (which carries the real final register) before settling without it.
  endSignalGraceSeconds?: number;
  // How long a payment nobody approved holds the connector before it is cancelled at Vipps
  // (UNPAID_HOLD_SECONDS; default DEFAULT_UNPAID_HOLD_SECONDS).
  unpaidHoldSeconds?: number;
  // How long a connector may report a fault before the charge is stopped and
  // settled (FAULT_STOP_GRACE_SECONDS), and how long a charger may pause a
  // charge with no energy before it is (SUSPENDED_EVSE_LIMIT_MINUTES).
  faultStopGraceSeconds?: number;
  suspendedEvseLimitMinutes?: number;
}

export const DEFAULT_UNPAID_HOLD_SECONDS = 180;
