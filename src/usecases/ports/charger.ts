import type { StationLimit } from '../../core/cost-limit.ts';
import type { Answer, CommandOutcome } from '../../core/vocabulary/command-outcome.ts';
import type { ConnectorStatus } from '../../core/vocabulary/connector-status.ts';
import type { StationStopReason } from '../../core/vocabulary/stop-reasons.ts';
import type { ChargerDisplay } from './charger-display.ts';
import type { ChargerOperations } from './charger-operations.ts';

// The one charger interface the rest of Ladepay sees, whatever OCPP version a
// station speaks. OCPP payload types never cross this line: the adapter in
// src/adapters/ocpp/ translates 1.6J and 2.0.1 into these values.

export type ProtocolVersion = 'ocpp1.6' | 'ocpp2.0.1' | 'ocpp2.1';

export type IdTagVerdict = 'accepted' | 'invalid' | 'blocked' | 'expired';

// Asked whether a transaction goes on: 'ended' only when the station says so
// and has nothing about it still queued; 'unknown' when it cannot tell (or,
// in 1.6, answers by sending its meter values, which carry the transaction
// id while it runs).
export type TransactionStatus = 'ongoing' | 'ended' | 'unknown';

export interface StationConnected {
  stationId: string;
  protocol: ProtocolVersion;
  at: Date;
}

export interface StationBooted {
  stationId: string;
  vendor: string;
  model: string;
  firmware?: string;
  serial?: string;
  at: Date;
}

export interface ConnectorStatusChanged {
  stationId: string;
  connectorNo: number; // 0 = the whole station
  status: ConnectorStatus;
  errorCode?: string; // kept as the station sent it ("NoError", "GroundFailure" …)
  info?: string;
  vendorErrorCode?: string;
  at?: Date; // the station's stamp, when it sent one
}

// A 2.0.1 transaction's charging state (TransactionEvent chargingState, and a
// triggerReason that reports a fault), as the connector status it amounts to.
export interface ChargingStateChanged {
  stationId: string;
  transactionId: string;
  status: ConnectorStatus;
  fault?: { errorCode?: string; info?: string };
  at: Date;
}

export interface TransactionStarted {
  stationId: string;
  connectorNo: number;
  idTag: string;
  // Unknown when a 2.0.1 station started the transaction without a register
  // reading: the first reading then is the start.
  meterStartWh?: number;
  at: Date;
  // 2.0.1: the station names the transaction; 1.6: Ladepay must allocate one.
  stationTransactionId?: string;
  remoteStartId?: number;
}

export interface MeterSample {
  stationId: string;
  connectorNo?: number;
  transactionId?: string;
  at: Date;
  energyWh?: number; // Energy.Active.Import.Register, always converted to Wh
  powerW?: number;
  socPercent?: number;
}

export interface TransactionEnded {
  stationId: string;
  transactionId: string;
  idTag?: string;
  meterStopWh?: number;
  at: Date;
  reason: StationStopReason;
  // What the station itself says the transaction cost (OCPP 2.1 costDetails,
  // VAT included), compared with Ladepay's bill.
  stationCostOre?: number;
}

// Implemented by the session logic; called by the OCPP adapter. Every method
// may be called twice for the same station message (a station retries after a
// lost answer) and must change nothing the second time.
export interface ChargerEvents {
  stationConnected(e: StationConnected): Promise<void>;
  stationDisconnected(stationId: string, at: Date): Promise<void>;
  stationBooted(e: StationBooted): Promise<void>;
  // After the BootNotification was accepted and answered: Ladepay may now
  // send the station commands, and its transactions may not have survived.
  stationReady(stationId: string, at: Date): Promise<void>;
  // Any frame from the station (called at most every half minute or so).
  stationSeen(stationId: string, at: Date): Promise<void>;
  connectorStatus(e: ConnectorStatusChanged): Promise<void>;
  chargingState(e: ChargingStateChanged): Promise<void>;
  authorize(stationId: string, idTag: string): Promise<IdTagVerdict>;
  // Returns the transaction id to use: the station's own (2.0.1) or one
  // Ladepay allocates (1.6, a decimal integer string). The same start twice
  // returns the same id.
  // limit: what the station may hold the session to itself (OCPP 2.1).
  transactionStarted(e: TransactionStarted): Promise<{ verdict: IdTagVerdict; transactionId: string; limit?: StationLimit }>;
  meterValues(e: MeterSample): Promise<void>;
  // The station reports the transaction still running without a reading
  // (2.0.1 TransactionEvent Updated), or one Ladepay has not tied to anyone.
  transactionActive(e: TransactionActive): Promise<void>;
  // Whether Ladepay already started this transaction of this station (a 2.0.1
  // station goes on with it after Ladepay restarted, its later events no
  // longer carrying the idToken or remoteStartId that tied it to a session).
  transactionKnown(stationId: string, transactionId: string): Promise<{ connectorNo: number; limit?: StationLimit } | undefined>;
  // ours: the transaction is one of this station's sessions (a 1.6 station
  // is answered Invalid for another's tag, so a stop is no tag oracle).
  transactionEnded(e: TransactionEnded): Promise<{ ours: boolean }>;
  // The driver tapped "Pay" on the charger's screen (docs/display-payment.md).
  // Absent: such a request is refused.
  paymentAsked?(stationId: string, connectorNo: number): Promise<{ outcome: Answer; reason?: string }>;
}

export interface TransactionActive {
  stationId: string;
  transactionId: string;
  at: Date;
  connectorNo?: number; // when the station has named the EVSE
  charging: boolean; // it delivers (or paused delivering) energy, not only a car plugged in
}

// Implemented by the OCPP adapter; called by the session logic, (the
// operations) by the operator's station operations, and (the display) by
// the price on the charger's screen.
export interface ChargerCommands extends ChargerOperations, ChargerDisplay {
  isOnline(stationId: string): boolean;
  // When the station's current connection opened; undefined when it has none.
  connectedSince(stationId: string): Date | undefined;
  remoteStart(stationId: string, connectorNo: number, idTag: string, remoteStartId: number): Promise<CommandOutcome>;
  remoteStop(stationId: string, transactionId: string): Promise<CommandOutcome>;
  transactionStatus(stationId: string, connectorNo: number, transactionId: string): Promise<TransactionStatus>;
  setMeterInterval(stationId: string, seconds: number): Promise<CommandOutcome>;
  triggerStatus(stationId: string, connectorNo?: number): Promise<CommandOutcome>;
  reset(stationId: string, kind: 'soft' | 'hard'): Promise<CommandOutcome>;
  unlock(stationId: string, connectorNo: number): Promise<CommandOutcome>;
  changeAvailability(stationId: string, connectorNo: number, available: boolean): Promise<CommandOutcome>;
}
