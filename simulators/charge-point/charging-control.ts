import { randomUUID } from 'node:crypto';
import { Connector } from './connector.ts';
import { EnergyMeter } from './energy-meter.ts';
import type { CarModel } from './car-model.ts';
import type { MeterSample } from './energy-meter.ts';
import type { ResolvedOptions } from './charge-point-options.ts';
import type { ChargePointEvent, Dialect, StationSettings } from './station-view.ts';
import type { StartAuth, StopReason, Transaction, TxTrigger } from './transaction.ts';

// The station's connectors and what happens on them: cars, transactions,
// faults, availability, and the passing of simulated time. Protocol-neutral:
// the dialect turns each change into messages.

export interface ChargingControlDeps {
  options: ResolvedOptions;
  settings: Readonly<StationSettings>;
  dialect(): Dialect;
  now(): Date;
  isReady(): boolean;
  emit(event: ChargePointEvent, ...args: unknown[]): void;
  afterReply(work: () => void): void;
  allIdle(): void; // the last transaction has ended
  sync(): void; // bring simulated time up to now before a change (a shared clock)
}

const SLICE_MS = 1_000;

export class ChargingControl {
  readonly connectors: Connector[];
  rejectRemoteStart = false;
  stationOperative = true;
  stationFault?: string;
  private readonly reported = new Map<number, string>();

  constructor(private readonly deps: ChargingControlDeps) {
    const o = deps.options;
    this.connectors = Array.from(
      { length: o.connectors },
      (_, i) => new Connector(i + 1, o.connectorMaxPowerW, new EnergyMeter(o.meterStartWh)),
    );
  }

  connector(no: number): Connector | undefined {
    return Number.isInteger(no) ? this.connectors[no - 1] : undefined;
  }

  connectorOrThrow(no: number): Connector {
    const c = this.connector(no);
    if (!c) throw new Error(`${this.deps.options.stationId} has no connector ${no} (it has ${this.connectors.length})`);
    return c;
  }

  // Tells the CSMS about a status change (when connected) and the listeners always.
  refreshStatus(c: Connector): void {
    const status = this.deps.dialect().statusOf(c);
    if (this.reported.get(c.no) === status) return;
    this.reported.set(c.no, status);
    this.deps.emit('statusChanged', c.no, status);
    if (this.deps.isReady()) this.deps.dialect().sendStatus(c);
  }

  // The dialect has just sent every status (on (re)connect): remember them.
  noteAllReported(): void {
    for (const c of this.connectors) {
      const status = this.deps.dialect().statusOf(c);
      if (this.reported.get(c.no) === status) continue;
      this.reported.set(c.no, status);
      this.deps.emit('statusChanged', c.no, status);
    }
  }

  remoteStart(auth: StartAuth, connectorNo?: number): 'Accepted' | 'Rejected' {
    const o = this.deps.options;
    if (this.rejectRemoteStart || !this.stationOperative) return 'Rejected';
    const c = connectorNo === undefined ? this.pickConnector() : this.connector(connectorNo);
    if (!c || c.busy || c.fault || !c.operative) return 'Rejected';
    if (!c.car && o.requirePluggedInForRemoteStart && !o.autoPlugIn) return 'Rejected';
    // Claimed before answering, so a second request for the same connector is refused.
    const pending = { auth, authorized: false, waitedMs: 0 };
    c.pendingStart = pending;
    this.deps.afterReply(() => void this.carryOutRemoteStart(c, pending));
    return 'Accepted';
  }

  private pickConnector(): Connector | undefined {
    const free = this.connectors.filter((c) => !c.busy && !c.fault && c.operative);
    return free.find((c) => c.car !== undefined) ?? free[0];
  }

  private async carryOutRemoteStart(c: Connector, pending: NonNullable<Connector['pendingStart']>): Promise<void> {
    const dialect = this.deps.dialect();
    if (!c.car && this.deps.options.autoPlugIn) this.putCar(c, {});
    this.refreshStatus(c);
    const authorized = !this.deps.settings.authorizeRemoteStart || (await dialect.authorize(pending.auth));
    if (c.pendingStart !== pending) return; // stopped, faulted or rebooted meanwhile
    if (!authorized) {
      c.pendingStart = undefined;
      this.refreshStatus(c);
      return;
    }
    pending.authorized = true;
    // 1.6 waits in Preparing for the cable, up to ConnectionTimeOut.
    if (c.car || dialect.startsBeforePlugIn) this.startTransaction(c, pending.auth, 'RemoteStart');
  }

  startTransaction(c: Connector, auth: StartAuth, trigger: TxTrigger): void {
    this.deps.sync();
    const now = this.deps.now();
    const tx: Transaction = { localId: randomUUID(), auth, meterStartWh: c.meter.registerWh, startedAt: now, seqNo: 0, ended: false };
    c.pendingStart = undefined;
    c.tx = tx;
    c.finishing = false;
    c.sinceSampleMs = 0;
    c.advance(0);
    this.noteMeter(c, now);
    this.deps.dialect().txStarted(c, tx, trigger, c.sample(now, 'Transaction.Begin'));
    this.refreshStatus(c);
  }

  endTransaction(c: Connector, reason: StopReason, trigger: TxTrigger, carLeaving = false): void {
    if (!c.tx) return;
    this.deps.sync();
    const tx = c.tx;
    if (!tx) return;
    const dialect = this.deps.dialect();
    const sample = c.sample(this.deps.now(), 'Transaction.End');
    this.noteMeter(c, sample.at);
    tx.ended = true;
    c.tx = undefined;
    c.powerW = 0;
    c.sinceSampleMs = 0;
    if (carLeaving) c.car = undefined;
    c.finishing = c.car !== undefined;
    dialect.txEnded(c, tx, reason, trigger, sample);
    if (c.inoperativeScheduled) {
      c.operative = false;
      c.inoperativeScheduled = false;
    }
    this.refreshStatus(c);
    this.deps.emit('transactionEnded', c.no, dialect.transactionIdOf(tx), reason);
    if (this.connectors.every((x) => !x.tx)) this.deps.allIdle();
    // The driver drives off: the connector goes Available (no idle time).
    if (this.deps.options.autoUnplug && c.car) this.unplug(c);
  }

  endAll(reason: StopReason, trigger: TxTrigger): void {
    for (const c of this.connectors) {
      c.pendingStart = undefined;
      this.endTransaction(c, reason, trigger);
    }
  }

  // The station lost its memory (a power cut or crash without storage): its
  // transactions end without a word to the CSMS, and with them the cars it
  // knew of, so it comes back reporting every connector Available.
  forgetAll(reason: StopReason): void {
    this.deps.sync();
    for (const c of this.connectors) {
      c.pendingStart = undefined;
      const tx = c.tx;
      if (tx) {
        this.noteMeter(c);
        tx.ended = true;
        c.tx = undefined;
        c.sinceSampleMs = 0;
        this.deps.emit('transactionEnded', c.no, this.deps.dialect().transactionIdOf(tx), reason, { reported: false });
      }
      c.car = undefined;
      c.finishing = false;
      c.powerW = 0;
      this.refreshStatus(c);
    }
    if (this.connectors.every((x) => !x.tx)) this.deps.allIdle();
  }

  // Observers that keep the truth (a test harness) see the register move with
  // its time, and the station's own id of the transaction it moves for.
  private noteMeter(c: Connector, at: Date = this.deps.now()): void {
    this.deps.emit('meter', c.no, c.meter.registerWh, at, c.tx?.localId);
  }

  plugIn(c: Connector, car: Partial<CarModel>): void {
    if (c.car) throw new Error(`connector ${c.no} already has a car plugged in`);
    this.deps.sync();
    this.putCar(c, car);
    if (c.tx) {
      c.advance(0);
      this.deps.dialect().txChanged(c, c.tx, 'CablePluggedIn');
    } else if (c.pendingStart?.authorized) {
      this.startTransaction(c, c.pendingStart.auth, 'CablePluggedIn');
    }
    this.refreshStatus(c);
  }

  private putCar(c: Connector, car: Partial<CarModel>): void {
    const model = { ...this.deps.options.car, ...car };
    if (!(model.batteryWh > 0) || !(model.socPercent >= 0 && model.socPercent <= 100) || !(model.maxPowerW >= 0)) {
      throw new Error(`not a plausible car: ${JSON.stringify(model)}`);
    }
    c.car = { model, socPercent: model.socPercent };
    c.finishing = false;
  }

  unplug(c: Connector): void {
    if (!c.car) return;
    this.deps.sync();
    if (c.tx) this.endTransaction(c, 'EVDisconnected', 'EVDeparted', true);
    c.car = undefined;
    c.finishing = false;
    c.powerW = 0;
    this.refreshStatus(c);
  }

  pressStop(c: Connector): void {
    if (c.tx) {
      this.endTransaction(c, 'Local', 'StopAuthorized');
    } else if (c.pendingStart) {
      c.pendingStart = undefined;
      this.refreshStatus(c);
    }
  }

  // keepCharging: a broken station that reports the fault and neither opens
  // the contactor nor ends the transaction (its meter values go on).
  setFault(c: Connector, errorCode: string, keepCharging = false): void {
    this.deps.sync();
    c.fault = errorCode;
    c.faultKeepsCharging = keepCharging;
    c.pendingStart = undefined;
    // The contactor opens: the transaction cannot go on.
    if (!keepCharging) this.endTransaction(c, 'Other', 'AbnormalCondition');
    this.refreshStatus(c);
    this.deps.dialect().reportProblem?.(c, errorCode);
  }

  clearFault(c: Connector): void {
    this.deps.sync();
    c.fault = undefined;
    c.faultKeepsCharging = false;
    this.refreshStatus(c);
  }

  // The station as a whole reports a fault (1.6 connector 0, 2.0.1 EVSE 0) and
  // charges on where it was charging; undefined clears it.
  setStationFault(errorCode: string | undefined): void {
    this.stationFault = errorCode;
    if (this.deps.isReady()) this.deps.dialect().sendStationStatus();
  }

  // The station holds back the energy (SuspendedEVSE) or lets it flow again.
  pauseCharging(c: Connector, paused: boolean): void {
    this.deps.sync();
    c.pausedByStation = paused;
    if (c.tx) this.deps.dialect().txChanged(c, c.tx, 'ChargingStateChanged');
    this.refreshStatus(c);
  }

  changeAvailability(target: Connector | 'station', operative: boolean): 'Accepted' | 'Scheduled' {
    const targets = target === 'station' ? this.connectors : [target];
    if (target === 'station') this.stationOperative = operative;
    let scheduled = false;
    for (const c of targets) {
      if (operative) {
        c.operative = true;
        c.inoperativeScheduled = false;
      } else if (c.tx) {
        c.inoperativeScheduled = true;
        scheduled = true;
      } else {
        c.operative = false;
        c.pendingStart = undefined;
      }
    }
    this.deps.afterReply(() => {
      if (target === 'station' && this.deps.isReady()) this.deps.dialect().sendStationStatus();
      targets.forEach((c) => this.refreshStatus(c));
    });
    return scheduled ? 'Scheduled' : 'Accepted';
  }

  // Runs simulated time forward in slices, sending meter values as they fall
  // due; moveClock advances the station clock slice by slice (tick) so each
  // sample carries the time it was taken.
  advance(simMs: number, moveClock?: (ms: number) => void): void {
    const intervalMs = this.deps.settings.meterIntervalSec * 1000;
    let left = simMs;
    while (left > 0) {
      let step = Math.min(left, SLICE_MS);
      if (intervalMs > 0) {
        for (const c of this.connectors) if (c.tx) step = Math.min(step, Math.max(intervalMs - c.sinceSampleMs, 1));
      }
      moveClock?.(step);
      for (const c of this.connectors) this.advanceConnector(c, step, intervalMs);
      left -= step;
    }
  }

  private advanceConnector(c: Connector, ms: number, intervalMs: number): void {
    const dialect = this.deps.dialect();
    const before = c.chargingState();
    const registerBefore = c.meter.registerWh;
    c.advance(ms);
    if (c.tx) {
      if (c.meter.registerWh !== registerBefore) this.noteMeter(c);
      c.sinceSampleMs += ms;
      if (c.chargingState() !== before) {
        dialect.txChanged(c, c.tx, 'ChargingStateChanged');
        this.refreshStatus(c);
      }
      if (intervalMs > 0 && c.sinceSampleMs >= intervalMs - 1e-6) {
        c.sinceSampleMs = 0;
        dialect.txSample(c, c.tx, this.periodicSample(c), c.takeLateHold());
      }
    } else if (c.pendingStart?.authorized && !c.car) {
      c.pendingStart.waitedMs += ms;
      const timeoutSec = this.deps.settings.connectionTimeoutSec;
      if (timeoutSec > 0 && c.pendingStart.waitedMs >= timeoutSec * 1000) {
        this.deps.options.logger.info(`${this.deps.options.stationId}/${c.no}: no cable within ${timeoutSec} s, remote start dropped`);
        c.pendingStart = undefined;
        this.refreshStatus(c);
      }
    }
  }

  // A glitching meter reports one wrong reading; the register itself is right.
  private periodicSample(c: Connector): MeterSample {
    const sample = c.sample(this.deps.now(), 'Sample.Periodic');
    if (c.glitchWh !== 0) {
      sample.energyWh = Math.max(0, sample.energyWh + c.glitchWh);
      c.glitchWh = 0;
    }
    return sample;
  }
}
