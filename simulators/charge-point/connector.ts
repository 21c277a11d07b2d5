import { charge } from './car-model.ts';
import type { CarModel } from './car-model.ts';
import type { EnergyMeter, MeterSample, SampleContext } from './energy-meter.ts';
import type { ChargingState, StartAuth, Transaction } from './transaction.ts';

// OCPP 1.6 ChargePointStatus names; the 2.0.1 dialect folds them into its own.
export type ConnectorStatus =
  | 'Available'
  | 'Preparing'
  | 'Charging'
  | 'SuspendedEV'
  | 'SuspendedEVSE'
  | 'Finishing'
  | 'Faulted'
  | 'Unavailable';

export interface PluggedCar {
  model: CarModel;
  socPercent: number;
}

// A remote start accepted but not yet a transaction: waiting for the
// authorization answer, or (1.6) for the cable.
export interface PendingStart {
  auth: StartAuth;
  authorized: boolean;
  waitedMs: number;
}

export class Connector {
  car?: PluggedCar;
  powerW = 0;
  fault?: string;
  // A broken station: it reports the fault and goes on charging as if nothing were wrong.
  faultKeepsCharging = false;
  // The station holds back the energy (load management): SuspendedEVSE with the car ready.
  pausedByStation = false;
  operative = true;
  inoperativeScheduled = false; // ChangeAvailability answered Scheduled: applies when the transaction ends
  tx?: Transaction;
  lastTx?: Transaction; // the one before, once it has ended: what limited it stays readable
  finishing = false; // transaction over, car still plugged in
  pendingStart?: PendingStart;
  sinceSampleMs = 0;
  // Faults on demand: the next periodic reading off by this much, and the
  // next few periodic readings held back this long (real ms) before they join the queue.
  glitchWh = 0;
  lateSamples = 0;
  lateHoldMs = 0;

  constructor(
    readonly no: number,
    readonly maxPowerW: number,
    readonly meter: EnergyMeter,
  ) {}

  get busy(): boolean {
    return this.tx !== undefined || this.pendingStart !== undefined;
  }

  chargingState(): ChargingState {
    if (!this.car) return 'Idle';
    if (this.fault && !this.faultKeepsCharging) return 'SuspendedEVSE';
    if (this.pausedByStation) return 'SuspendedEVSE';
    if (this.car.socPercent >= 100) return 'SuspendedEV';
    return 'Charging';
  }

  // Runs the car for a stretch of simulated time; only a transaction draws
  // power. Returns the energy delivered (Wh, not rounded).
  advance(ms: number): number {
    if (!this.tx || !this.car || (this.fault && !this.faultKeepsCharging) || this.pausedByStation) {
      this.powerW = 0;
      return 0;
    }
    const step = charge(this.car.model, this.car.socPercent, this.maxPowerW, ms);
    this.meter.add(step.energyWh);
    this.car.socPercent = step.socPercent;
    this.powerW = step.powerW;
    return step.energyWh;
  }

  // How long (real ms) to hold back the periodic reading now due; 0 = send in order.
  takeLateHold(): number {
    if (this.lateSamples <= 0) return 0;
    this.lateSamples -= 1;
    return this.lateHoldMs;
  }

  sample(at: Date, context: SampleContext): MeterSample {
    const sample: MeterSample = { at, context, energyWh: this.meter.registerWh, powerW: Math.round(this.powerW) };
    if (this.car) sample.socPercent = Math.floor(this.car.socPercent);
    return sample;
  }

  status(): ConnectorStatus {
    if (this.fault) return 'Faulted';
    if (this.tx) {
      if (!this.car) return 'Preparing';
      const state = this.chargingState();
      return state === 'SuspendedEV' || state === 'SuspendedEVSE' ? state : 'Charging';
    }
    if (!this.operative) return 'Unavailable';
    if (this.pendingStart) return 'Preparing';
    if (this.car) return this.finishing ? 'Finishing' : 'Preparing';
    return 'Available';
  }
}
