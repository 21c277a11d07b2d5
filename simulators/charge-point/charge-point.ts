import type { CarModel } from './car-model.ts';
import type { Frame, ParsedFrame } from './frame-log.ts';
import type { LimitsView } from './limits-view.ts';
import type { Protocol } from './ocpp-link.ts';
import type { ScreenView } from './screen.ts';
import type { BootReason, ChargePointEvent } from './station-view.ts';
import type { StopReason } from './transaction.ts';

// A simulated charging station, as its users drive it.

export interface ConnectorView {
  status: string; // as last told to the CSMS: 1.6 ChargePointStatus or 2.0.1 ConnectorStatus
  transactionId?: string; // 1.6: the CSMS's id once it answered StartTransaction; 2.0.1: the station's UUID
  energyWh: number; // the meter register
  powerW: number;
  soc?: number; // percent, with a car plugged in
  pluggedIn: boolean;
}

export interface RebootOptions {
  powerLoss?: boolean; // the power goes: no goodbye, transactions end PowerLoss, told after the boot
  reason?: StopReason; // for transactions still running; default Reboot (or PowerLoss)
  bootReason?: BootReason; // 2.0.1 BootNotification reason; default LocalReset (PowerUp after a power loss)
  // A crash without storage: no goodbye, transactions and queued messages are
  // lost without a word, and the station comes back reporting Available.
  forgetTransactions?: boolean;
}

export interface PowerLossOptions {
  sendStop?: boolean; // default true: stops told after the boot; false: the station forgets them
  offMs?: number; // how long the power stays off, in station time; default 0
}

export interface OfflineOptions {
  keepQueue?: boolean; // default true; false: a station without storage loses what happens while offline
}

export interface LateMeterOptions {
  count?: number; // how many periodic readings; default 1
  delayMs: number; // how late, in station time
}

export interface FaultOptions {
  keepCharging?: boolean; // default false: the contactor opens and the transaction ends (reason Other)
}

export interface WaitForOptions {
  // Also match frames already recorded (the default): a frame the station sent
  // just before the call is found. false: only frames still to come.
  includePast?: boolean;
}

export interface ChargePoint {
  readonly stationId: string;
  readonly protocol: Protocol; // the one the CSMS picked of those offered (before the first connect: the first offered)
  plugIn(connectorNo: number, car?: Partial<CarModel>): Promise<void>;
  unplug(connectorNo: number): Promise<void>; // stops a running transaction (EVDisconnected) first
  pressStop(connectorNo: number): Promise<void>; // the station's own stop button (reason Local)
  goOffline(options?: OfflineOptions): Promise<void>;
  goOnline(): Promise<void>;
  reboot(options?: RebootOptions): Promise<void>;
  powerLoss(options?: PowerLossOptions): Promise<void>;
  setFault(connectorNo: number, errorCode: string, options?: FaultOptions): Promise<void>;
  setStationFault(errorCode: string | undefined): Promise<void>; // connector 0 (1.6) or EVSE 0 (2.0.1); undefined clears it
  pauseCharging(connectorNo: number, paused: boolean): Promise<void>; // the station holds back the energy (SuspendedEVSE)
  endTransaction(connectorNo: number, reason: StopReason): Promise<void>; // the station ends the transaction on its own, with this reason
  clearFault(connectorNo: number): Promise<void>;
  rejectRemoteStart(on: boolean): void;
  // A driver presents an idToken (a card) at the EVSE: Authorize, then the
  // transaction. Rejected when the EVSE is busy, the token is refused, or (2.1)
  // a web payment is in progress at its QR code.
  tapCard(evseId: number, idToken: string, type?: string): Promise<'Accepted' | 'Rejected'>;
  // The Pay button on the screen: DataTransfer no.ladepay / PayWithVipps with
  // {"evseId":n}; resolves with the CSMS's status.
  tapPay(evseId: number): Promise<string>;
  qrCode(evseId: number): string | undefined; // 2.1: what the QR code the EVSE's screen shows now encodes
  limitsFor(evseId: number): LimitsView; // 2.1: the limit the station holds the transaction to, what stopped it, its own cost
  rejectRemoteStop(on: boolean): void; // answer every remote stop Rejected and charge on
  delayMeterValues(connectorNo: number, options: LateMeterOptions): void; // the next readings go out late, after newer ones
  glitchMeter(connectorNo: number, addWh: number): void; // the next periodic reading is off by addWh
  ignoreCalls(action: string | null): void; // never answer this CSMS action
  sendRaw(frame: string, timeoutMs?: number): Promise<string | undefined>;
  tick(ms: number): Promise<void>; // advance simulated time, sending the meter values that fall due
  connector(no: number): ConnectorView;
  frames(): Frame[];
  screen(): ScreenView; // what the station's screen shows now, and what it was shown (the display option)
  waitFor(predicate: (frame: ParsedFrame) => boolean, timeoutMs?: number, options?: WaitForOptions): Promise<unknown[]>;
  on(event: ChargePointEvent, fn: (...args: unknown[]) => void): void;
  off(event: ChargePointEvent, fn: (...args: unknown[]) => void): void;
  now(): Date; // the station clock that stamps its messages
  isOnline(): boolean; // connected and booted
  queuedMessages(): number; // transaction messages waiting to go out
  drained(): Promise<void>; // resolves when nothing is waiting for the CSMS (bounded by settleTimeoutMs)
  stop(): Promise<void>; // close cleanly, no reconnect
}
