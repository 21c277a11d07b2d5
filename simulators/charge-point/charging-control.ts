import { randomUUID } from 'node:crypto';
import { Connector } from './connector.ts';
import { EnergyMeter } from './energy-meter.ts';
import type { CarModel } from './car-model.ts';
import type { ResolvedOptions } from './charge-point-options.ts';
import type { ChargePointEvent, Dialect, StationSettings } from './station-view.ts';
import { NO_USAGE } from './tariff-cost.ts';
import type { Tariff } from './tariff.ts';
import type { StartAuth, StopReason, Transaction, TxTrigger } from './transaction.ts';

// The station's connectors and what happens on them: cars, transactions,
// faults, availability (the passing of time is in charging-time.ts).
// Protocol-neutral: the dialect turns each change into messages.

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
  tariffAt(evseId: number, now: Date): Tariff | undefined; // 2.1: the default tariff a transaction starting now takes
}

export class ChargingControl {
  readonly connectors: Connector[];
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

  startTransaction(c: Connector, auth: StartAuth, trigger: TxTrigger): void {
    this.deps.sync();
    const now = this.deps.now();
    const tariff = this.deps.tariffAt(c.no, now);
    const tx: Transaction = {
      localId: randomUUID(), auth, meterStartWh: c.meter.registerWh, startedAt: now, seqNo: 0, ended: false,
      chargingMs: 0, idleMs: 0, tariffs: tariff ? [{ tariff, from: NO_USAGE, kind: 'DefaultTariff' }] : [],
    };
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
    c.lastTx = tx;
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
        c.lastTx = tx;
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
  noteMeter(c: Connector, at: Date = this.deps.now()): void {
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

  putCar(c: Connector, car: Partial<CarModel>): void {
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
}
