import type { Wh } from './money.ts';

// A station's meter is evidence, and physics bounds it: a connector cannot
// deliver more than its maximum power over the time that passed. The figures
// and why they were chosen: docs/meter-plausibility.md.
export const METER_BOUND = Object.freeze({
  // The connector's rated maximum may be passed a little: the supply voltage
  // may run 10 % over nominal (EN 50160), and meters have their own error.
  tolerancePercent: 110,
  // Stations stamp readings to the whole second: a window may be up to two
  // seconds longer than its timestamps say.
  timestampSlackSeconds: 2,
  // A register's last digit: kWh with two decimals moves in 10 Wh steps.
  resolutionWh: 10,
  // How far ahead of Ladepay's clock a station's timestamp may be. Stations
  // take their time from Ladepay (BootNotification, Heartbeat), so more is a
  // broken or lying clock; a wider window would let it claim more energy.
  clockSkewSeconds: 60,
  // Only for a session made before the connector's power was frozen into it:
  // no car charges faster today.
  unknownConnectorMaxPowerW: 500_000,
});

export interface Reading {
  readonly registerWh: Wh;
  readonly atMs: number; // the station's timestamp
}

export interface MeterWindow {
  readonly maxPowerW: number;
  readonly start: Reading; // the transaction's first register, at the transaction's start
  readonly last: Reading; // the last plausible reading
  readonly nowMs: number; // Ladepay's clock
}

export type RejectionReason = 'not_a_register' | 'bad_timestamp' | 'before_start' | 'in_the_future' | 'backwards' | 'too_much_energy';

export type ReadingVerdict =
  | { readonly plausible: true }
  | { readonly plausible: false; readonly reason: RejectionReason; readonly limitWh?: Wh };

const MS_PER_HOUR = 3_600_000n;

/**
 * The most energy a connector of `maxPowerW` can plausibly deliver in `ms`:
 * maxPower × (elapsed × 110 % + 2 s) + 10 Wh, rounded down to the Wh before the
 * resolution is added. Integer arithmetic (bigint), so a long window cannot lose digits.
 */
export function mostEnergyWh(maxPowerW: number, ms: number): Wh {
  const elapsed = BigInt(Math.max(0, Math.floor(ms)));
  const stretched = (elapsed * BigInt(METER_BOUND.tolerancePercent)) / 100n + BigInt(METER_BOUND.timestampSlackSeconds * 1000);
  return Number((BigInt(effectiveMaxPowerW(maxPowerW)) * stretched) / MS_PER_HOUR) + METER_BOUND.resolutionWh;
}

export function effectiveMaxPowerW(maxPowerW: number | undefined): number {
  return maxPowerW !== undefined && Number.isSafeInteger(maxPowerW) && maxPowerW > 0 ? maxPowerW : METER_BOUND.unknownConnectorMaxPowerW;
}

/** A station timestamp Ladepay accepts: not before the transaction began, not past its own clock plus the skew. */
export function timestampVerdict(atMs: number, startMs: number, nowMs: number): ReadingVerdict {
  if (!Number.isFinite(atMs)) return { plausible: false, reason: 'bad_timestamp' };
  if (atMs < startMs) return { plausible: false, reason: 'before_start' };
  if (atMs > nowMs + METER_BOUND.clockSkewSeconds * 1000) return { plausible: false, reason: 'in_the_future' };
  return { plausible: true };
}

/**
 * Judges a register reading against the last plausible one and against the
 * transaction's start. Both bounds matter: the first catches a jump after a
 * slow hour, the second keeps the per-window slack from adding up over many
 * readings. A reading stamped before the last plausible one is the caller's to
 * drop (stale), not judged here.
 */
export function judgeReading(w: MeterWindow, reading: Reading): ReadingVerdict {
  if (!Number.isSafeInteger(reading.registerWh) || reading.registerWh < 0) return { plausible: false, reason: 'not_a_register' };
  const time = timestampVerdict(reading.atMs, w.start.atMs, w.nowMs);
  if (!time.plausible) return time;
  if (reading.registerWh < w.last.registerWh) return { plausible: false, reason: 'backwards', limitWh: w.last.registerWh };
  const sinceLast = w.last.registerWh + mostEnergyWh(w.maxPowerW, reading.atMs - w.last.atMs);
  const sinceStart = w.start.registerWh + mostEnergyWh(w.maxPowerW, reading.atMs - w.start.atMs);
  const limitWh = Math.min(sinceLast, sinceStart);
  if (reading.registerWh > limitWh) return { plausible: false, reason: 'too_much_energy', limitWh };
  return { plausible: true };
}
