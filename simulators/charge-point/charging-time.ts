import { limitReached, type LimitKind } from './transaction-limit.ts';
import { transactionCost } from './tariff-cost.ts';
import { transactionUsage, type StopReason, type TxTrigger } from './transaction.ts';
import type { ChargingControl } from './charging-control.ts';
import type { Connector } from './connector.ts';
import type { MeterSample } from './energy-meter.ts';
import type { ResolvedOptions } from './charge-point-options.ts';
import type { Dialect, StationSettings } from './station-view.ts';

// The passing of simulated time on the station's connectors: the car draws
// power, meter values fall due, a cable that never came drops its remote
// start, and a transaction reaching its limit is stopped by the station itself.

export interface ChargingTimeDeps {
  options: ResolvedOptions;
  settings: Readonly<StationSettings>;
  charging: ChargingControl;
  dialect(): Dialect;
  now(): Date;
}

// Every connector is checked at least this often: meter steps and limits.
const SLICE_MS = 1_000;

// How the transaction ends at each limit. ReasonEnumType has no value for a
// cost limit (EnergyLimitReached, TimeLimitReached and SOCLimitReached it has):
// the triggerReason CostLimitReached says why, stoppedReason is Other.
const LIMIT_STOP: Readonly<Record<LimitKind, { reason: StopReason; trigger: TxTrigger }>> = {
  maxEnergy: { reason: 'EnergyLimitReached', trigger: 'EnergyLimitReached' },
  maxCost: { reason: 'CostLimitReached', trigger: 'CostLimitReached' },
  maxTime: { reason: 'TimeLimitReached', trigger: 'TimeLimitReached' },
  maxSoC: { reason: 'SOCLimitReached', trigger: 'SoCLimitReached' },
};

export class ChargingTime {
  constructor(private readonly deps: ChargingTimeDeps) {}

  // Runs simulated time forward in slices, sending meter values as they fall
  // due; moveClock advances the station clock slice by slice (tick) so each
  // sample carries the time it was taken.
  advance(simMs: number, moveClock?: (ms: number) => void): void {
    const intervalMs = this.deps.settings.meterIntervalSec * 1000;
    const connectors = this.deps.charging.connectors;
    let left = simMs;
    while (left > 0) {
      let step = Math.min(left, SLICE_MS);
      if (intervalMs > 0) {
        for (const c of connectors) if (c.tx) step = Math.min(step, Math.max(intervalMs - c.sinceSampleMs, 1));
      }
      for (const c of connectors) step = Math.min(step, untilLimitMs(c));
      moveClock?.(step);
      for (const c of connectors) this.advanceConnector(c, step, intervalMs);
      left -= step;
    }
  }

  // 2.1 transactionLimit: the station stops the charge itself at the first
  // limit reached, whether the CSMS is there to hear it or not. True when it
  // ended the transaction.
  enforceLimits(c: Connector): boolean {
    const tx = c.tx;
    if (!tx?.limit) return false;
    const { options, charging } = this.deps;
    const usage = transactionUsage(tx, c.meter.registerWh);
    const seconds = (tx.chargingMs + tx.idleMs) / 1000;
    // Its own cost, including tax: what the driver pays.
    const cost = tx.limit.maxCost === undefined ? undefined : transactionCost(tx.tariffs, usage, options.costSkewPercent)?.totalCost.total.inclTax;
    const kind = limitReached(tx.limit, { energyWh: usage.energyWh, seconds, cost, socPercent: c.car?.socPercent });
    if (!kind) return false;
    tx.limitReached = { kind, at: this.deps.now().toISOString(), energyWh: usage.energyWh, seconds, ...(cost === undefined ? {} : { cost }) };
    options.logger.info(`${options.stationId}/${c.no}: ${kind} ${String(tx.limit[kind])} reached, stopping`);
    charging.endTransaction(c, LIMIT_STOP[kind].reason, LIMIT_STOP[kind].trigger);
    return true;
  }

  private advanceConnector(c: Connector, ms: number, intervalMs: number): void {
    const { charging, settings, options } = this.deps;
    const dialect = this.deps.dialect();
    const before = c.chargingState();
    const registerBefore = c.meter.registerWh;
    const deliveredWh = c.advance(ms);
    if (c.tx) {
      if (deliveredWh > 0) c.tx.chargingMs += ms;
      else c.tx.idleMs += ms;
      if (c.meter.registerWh !== registerBefore) charging.noteMeter(c);
      if (this.enforceLimits(c)) return;
      c.sinceSampleMs += ms;
      if (c.chargingState() !== before) {
        dialect.txChanged(c, c.tx, 'ChargingStateChanged');
        charging.refreshStatus(c);
      }
      if (intervalMs > 0 && c.sinceSampleMs >= intervalMs - 1e-6) {
        c.sinceSampleMs = 0;
        dialect.txSample(c, c.tx, this.periodicSample(c), c.takeLateHold());
      }
    } else if (c.pendingStart?.authorized && !c.car) {
      c.pendingStart.waitedMs += ms;
      const timeoutSec = settings.connectionTimeoutSec;
      if (timeoutSec > 0 && c.pendingStart.waitedMs >= timeoutSec * 1000) {
        options.logger.info(`${options.stationId}/${c.no}: no cable within ${timeoutSec} s, remote start dropped`);
        c.pendingStart = undefined;
        charging.refreshStatus(c);
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

// A step that ends where the transaction reaches its energy or time limit, so
// the station stops at it rather than up to a slice past it: at the power the
// car draws now (it only falls as the battery fills, so a step never
// overshoots by more than a millisecond's energy).
function untilLimitMs(c: Connector): number {
  const limit = c.tx?.limit;
  if (!c.tx || !limit) return Infinity;
  let ms = Infinity;
  if (limit.maxTime !== undefined) ms = limit.maxTime * 1000 - (c.tx.chargingMs + c.tx.idleMs);
  if (limit.maxEnergy !== undefined && c.powerW > 0) {
    const leftWh = c.tx.meterStartWh + limit.maxEnergy - c.meter.exactWh;
    ms = Math.min(ms, Math.ceil((leftWh / c.powerW) * 3_600_000));
  }
  return Math.max(ms, 1);
}
