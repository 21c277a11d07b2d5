import type { ResolvedOptions } from './charge-point-options.ts';
import type { Connector } from './connector.ts';
import type { MeterSample } from './energy-meter.ts';
import type { OcppLink } from './ocpp-link.ts';
import type { OfflineQueue } from './offline-queue.ts';
import type { Screen } from './screen.ts';
import type { TariffStore } from './tariff-store.ts';
import type { TransactionLimit } from './transaction-limit.ts';
import type { StartAuth, StopReason, Transaction, TxTrigger } from './transaction.ts';

// What a protocol dialect sees of the station, and the station commands its
// CSMS handlers may invoke. Commands decide at once (the answer to the CSMS)
// and carry out the work after the answer has gone out.

export interface StationSettings {
  meterIntervalSec: number; // 1.6 MeterValueSampleInterval, 2.0.1 SampledDataCtrlr.TxUpdatedInterval
  heartbeatIntervalSec: number;
  authorizeRemoteStart: boolean; // 1.6 AuthorizeRemoteTxRequests, 2.0.1 AuthCtrlr.AuthorizeRemoteStart
  connectionTimeoutSec: number; // 1.6 ConnectionTimeOut, 2.0.1 TxCtrlr.EVConnectionTimeOut
  webSocketPingIntervalSec: number; // 1.6 WebSocketPingInterval, 2.0.1 OCPPCommCtrlr.WebSocketPingInterval: kept, applied at no reboot (RebootRequired)
}

export type ResetMode = 'Soft' | 'Hard' | 'Immediate' | 'OnIdle'; // 2.1 ImmediateAndResume is taken as Immediate
export type BootReason = 'PowerUp' | 'LocalReset' | 'RemoteReset' | 'Triggered';
export type ChargePointEvent = 'transactionStarted' | 'transactionEnded' | 'statusChanged' | 'disconnected' | 'connected' | 'meter';

export interface BootAnswer {
  status: 'Accepted' | 'Pending' | 'Rejected';
  interval: number;
  currentTime: string;
}

export interface StationView {
  readonly options: ResolvedOptions;
  readonly settings: Readonly<StationSettings>;
  readonly link: OcppLink;
  readonly queue: OfflineQueue;
  readonly screen: Screen;
  readonly tariffs: TariffStore; // 2.1 default tariffs
  connectors(): readonly Connector[];
  connector(no: number): Connector | undefined;
  stationOperative(): boolean;
  stationFault(): string | undefined;
  now(): Date;
  sync(): void; // bring simulated time up to now (a shared clock) before reading a connector
  isReady(): boolean;
  emit(event: ChargePointEvent, ...args: unknown[]): void;
  updateSettings(patch: Partial<StationSettings>): void;
  remoteStart(auth: StartAuth, connectorNo?: number): 'Accepted' | 'Rejected';
  remoteStop(connector: Connector): void;
  rejectsRemoteStop(): boolean; // told to answer every remote stop Rejected
  unlock(connector: Connector): void;
  reset(mode: ResetMode): 'Accepted' | 'Scheduled';
  changeAvailability(target: Connector | 'station', operative: boolean): 'Accepted' | 'Scheduled';
  bootAnswered(answer: BootAnswer): void;
  deauthorize(tx: Transaction): void;
  limitGiven(tx: Transaction, limit: TransactionLimit): void; // 2.1: the CSMS set the transaction's limit
}

// One OCPP version's messages. Built over a StationView; registers its CSMS
// call handlers on the link when created.
export interface Dialect {
  // 2.0.1 starts the transaction at authorization; 1.6 waits for the cable.
  readonly startsBeforePlugIn: boolean;
  statusOf(connector: Connector): string;
  boot(reason: BootReason): Promise<BootAnswer>;
  heartbeat(): void;
  sendStatus(connector: Connector): void;
  sendAllStatuses(): void;
  sendStationStatus(): void; // 1.6 connector 0; 2.0.1 EVSE 0 for a station-wide fault
  // 2.0.1 describes a fault in a NotifyEvent (the Problem variable); 1.6 in its StatusNotification.
  reportProblem?(connector: Connector, code: string): void;
  authorize(auth: StartAuth): Promise<boolean>;
  txStarted(connector: Connector, tx: Transaction, trigger: TxTrigger, sample: MeterSample): void;
  txSample(connector: Connector, tx: Transaction, sample: MeterSample, holdMs?: number): void;
  txChanged(connector: Connector, tx: Transaction, trigger: TxTrigger): void;
  txEnded(connector: Connector, tx: Transaction, reason: StopReason, trigger: TxTrigger, sample: MeterSample): void;
  transactionIdOf(tx: Transaction): string | undefined;
}
