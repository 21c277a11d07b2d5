import { roundHalfUp } from './money.ts';
import type { Ore, Wh } from './money.ts';
import { err, ok } from './result.ts';
import type { Result } from './result.ts';
import { checkTariff, hasIdleFee } from './tariff.ts';
import type { Tariff, TariffError } from './tariff.ts';
import { vatPart } from './vat.ts';

export interface Usage {
  readonly energyWh: Wh;
  /** Seconds the session was charging; the time price applies to these. */
  readonly chargingSeconds: number;
  /** Seconds still plugged in after charging stopped (e.g. the car is full). */
  readonly idleSeconds: number;
}

export type PricedLineKind = 'energy' | 'start_fee' | 'time' | 'idle';

export interface PricedLine {
  readonly kind: PricedLineKind;
  /** Wh for energy, seconds for time, billed minutes for idle, 1 for the start fee. */
  readonly quantity: number;
  /** Per kWh, per hour, per minute or each. */
  readonly unitPriceOre: Ore;
  /** VAT included; net + VAT = amount. */
  readonly amountOre: Ore;
  readonly vatOre: Ore;
  readonly netOre: Ore;
  readonly vatRateBasisPoints: number;
}

export interface PricedSession {
  readonly lines: readonly PricedLine[];
  /** The sum of the lines' amounts: what is captured. */
  readonly totalOre: Ore;
  readonly vatOre: Ore;
  readonly netOre: Ore;
}

// Beyond any real session (10 MWh; a year plugged in) and small enough that, with TARIFF_LIMITS, every
// product below stays under 2^53: 10^7 Wh × 10^5 øre/kWh and 3.2 × 10^7 s × 10^6 øre/h.
export const USAGE_LIMITS: Readonly<Record<keyof Usage, number>> = Object.freeze({
  energyWh: 10_000_000,
  chargingSeconds: 31_622_400,
  idleSeconds: 31_622_400,
});

export type PricingError =
  | { readonly code: 'invalid_tariff'; readonly errors: readonly TariffError[] }
  | {
      readonly code: 'invalid_usage';
      readonly field: keyof Usage;
      readonly reason: 'not_integer' | 'negative' | 'too_large';
    };

/**
 * Prices a session. Every line is rounded once (roundHalfUp), carries its own VAT, and the lines add up
 * to the total. A line is present when the tariff has that price, even if this session used none of it;
 * the energy line is always present. A session that never started is not priced at all: that is the
 * caller's decision, not this function's.
 */
export function priceSession(tariff: Tariff, usage: Usage): Result<PricedSession, PricingError> {
  // The tariff is a stored copy that may not have come through validateTariff; the bounds matter here.
  const tariffErrors = checkTariff(tariff);
  if (tariffErrors.length > 0) return err({ code: 'invalid_tariff', errors: tariffErrors });
  const usageError = checkUsage(usage);
  if (usageError) return err(usageError);

  const { perKwhOre, startFeeOre, perHourOre, idlePerMinuteOre, idleCapOre } = tariff;
  const rate = tariff.vatRateBasisPoints;
  const lines = [line('energy', usage.energyWh, perKwhOre, energyAmount(usage.energyWh, perKwhOre), rate)];
  if (startFeeOre > 0) lines.push(line('start_fee', 1, startFeeOre, startFeeOre, rate));
  if (perHourOre > 0) {
    lines.push(line('time', usage.chargingSeconds, perHourOre, timeAmount(usage.chargingSeconds, perHourOre), rate));
  }
  if (hasIdleFee(tariff)) {
    const minutes = billedIdleMinutes(usage.idleSeconds, tariff.idleGraceMinutes);
    lines.push(line('idle', minutes, idlePerMinuteOre, Math.min(minutes * idlePerMinuteOre, idleCapOre), rate));
  }
  return ok(totalOf(lines));
}

export function energyAmount(energyWh: Wh, perKwhOre: Ore): Ore {
  return roundHalfUp(energyWh * perKwhOre, 1000);
}

export function timeAmount(seconds: number, perHourOre: Ore): Ore {
  return roundHalfUp(seconds * perHourOre, 3600);
}

/**
 * Every started minute counts, after the grace period: 0 s to grace + 0 min → 0, then one more minute as
 * soon as a second of the next minute begins (grace 10, 10 min 1 s idle → 1 minute).
 */
export function billedIdleMinutes(idleSeconds: number, graceMinutes: number): number {
  const billableSeconds = Math.max(0, idleSeconds - graceMinutes * 60);
  return Math.ceil(billableSeconds / 60);
}

function line(kind: PricedLineKind, quantity: number, unitPriceOre: Ore, amountOre: Ore, rate: number): PricedLine {
  const vatOre = vatPart(amountOre, rate);
  return { kind, quantity, unitPriceOre, amountOre, vatOre, netOre: amountOre - vatOre, vatRateBasisPoints: rate };
}

/** The lines as a priced session: their amounts and VAT added up. */
export function totalOf(lines: readonly PricedLine[]): PricedSession {
  let totalOre = 0;
  let vatOre = 0;
  for (const l of lines) {
    totalOre += l.amountOre;
    vatOre += l.vatOre;
  }
  return { lines, totalOre, vatOre, netOre: totalOre - vatOre };
}

function checkUsage(usage: Usage): PricingError | null {
  for (const field of Object.keys(USAGE_LIMITS) as (keyof Usage)[]) {
    const value: unknown = usage[field];
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) return invalid(field, 'not_integer');
    if (value < 0) return invalid(field, 'negative');
    if (value > USAGE_LIMITS[field]) return invalid(field, 'too_large');
  }
  return null;
}

function invalid(field: keyof Usage, reason: 'not_integer' | 'negative' | 'too_large'): PricingError {
  return { code: 'invalid_usage', field, reason };
}
