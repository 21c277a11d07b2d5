import { roundHalfUp } from './money.ts';
import type { Ore, Wh } from './money.ts';
import { priceSession, USAGE_LIMITS } from './pricing.ts';
import type { Usage } from './pricing.ts';
import { err, ok } from './result.ts';
import type { Result } from './result.ts';
import { checkTariff, hasIdleFee } from './tariff.ts';
import type { Tariff, TariffError } from './tariff.ts';

// The cost guard keeps a session's price at or under the driver's maximum amount, the amount reserved
// in Vipps: a capture can never be larger than the reservation. The price is only known from meter
// values, and energy keeps flowing while a stop request travels to the station and the car ramps down,
// so the guard stops a margin short of the maximum. The margin is 2 % of the maximum, at least 2 kr:
// 2 kr is 0.4 kWh at 4.99 kr/kWh, about 10 s at 150 kW.
export const MARGIN_BASIS_POINTS = 200;
export const MINIMUM_MARGIN_ORE = 200;

/** The largest maximum amount accepted: 1 000 000 kr, far above any reservation. */
export const MAX_AMOUNT_LIMIT_ORE = 100_000_000;

export function defaultMarginOre(maxOre: Ore): Ore {
  return Math.max(roundHalfUp(maxOre * MARGIN_BASIS_POINTS, 10_000), MINIMUM_MARGIN_ORE);
}

export interface UsageBudget {
  /** Most energy that keeps the price within the maximum. */
  readonly maxEnergyWh: Wh;
  /** Most charging time, or null when time is free. */
  readonly maxChargingSeconds: number | null;
  readonly marginOre: Ore;
}

/** What will flow before the next meter value arrives, e.g. the present power × the meter interval. */
export interface LookAhead {
  readonly energyWh: Wh;
  readonly seconds: number;
}

export type CostLimitError =
  | { readonly code: 'invalid_tariff'; readonly errors: readonly TariffError[] }
  | { readonly code: 'invalid_max_amount' }
  | { readonly code: 'invalid_margin' }
  /** The maximum does not even cover the start fee, the idle cap and the margin. */
  | { readonly code: 'max_below_fixed_fees'; readonly minimumMaxOre: Ore };

/**
 * The most energy and charging time a session may use so that its price, together with the start fee
 * and the full idle cap (the car may sit idle afterwards), stays at or under maxOre − margin.
 *
 * With both an energy and a time price the two limits hold together: what is left after the fixed fees
 * is split in half between energy and time. That box is conservative; the live guard is wouldExceed,
 * which lets either use the whole budget.
 */
export function usageBudget(tariff: Tariff, maxOre: Ore, marginOre?: Ore): Result<UsageBudget, CostLimitError> {
  const budget = variableBudget(tariff, maxOre, marginOre);
  if (!budget.ok) return budget;
  const { budgetOre, margin } = budget.value;
  const both = tariff.perKwhOre > 0 && tariff.perHourOre > 0;
  const energyBudget = both ? Math.floor(budgetOre / 2) : budgetOre;
  const timeBudget = both ? budgetOre - energyBudget : budgetOre;
  return ok({
    maxEnergyWh: maxAffordableEnergyWh(tariff.perKwhOre, energyBudget),
    maxChargingSeconds: tariff.perHourOre > 0 ? maxAffordableChargingSeconds(tariff.perHourOre, timeBudget) : null,
    marginOre: margin,
  });
}

/**
 * True when usage plus what will flow before the next meter value (lookAhead), plus the full idle cap,
 * would price above maxOre − margin: the guard stops the charge as soon as this is true. Anything it
 * cannot price (an invalid tariff, maximum or quantity) counts as exceeding: stopping is the safe side.
 */
export function wouldExceed(
  tariff: Tariff,
  maxOre: Ore,
  usage: Usage,
  lookAhead: LookAhead,
  marginOre?: Ore,
): boolean {
  const limits = checkLimits(tariff, maxOre, marginOre);
  if (!limits.ok) return true;
  const quantities = [usage.energyWh, usage.chargingSeconds, usage.idleSeconds, lookAhead.energyWh, lookAhead.seconds];
  if (!quantities.every(isQuantity)) return true;
  const priced = priceSession(tariff, {
    energyWh: usage.energyWh + lookAhead.energyWh,
    chargingSeconds: usage.chargingSeconds + lookAhead.seconds,
    idleSeconds: usage.idleSeconds,
  });
  if (!priced.ok) return true;
  // The idle fee so far is replaced by the whole cap it may still grow to.
  const idleSoFar = priced.value.lines.find((l) => l.kind === 'idle')?.amountOre ?? 0;
  const worstTotal = priced.value.totalOre - idleSoFar + idleReserve(tariff);
  return worstTotal > maxOre - limits.value;
}

/** What a station enforces itself (OCPP 2.1 TransactionLimitType), should Ladepay's stop never reach it. */
export interface StationLimit {
  /** The guard's own line: the most the price may reach, maxOre − margin. */
  readonly maxCostOre: Ore;
  /** The most energy the guard could let through, were all of the budget energy; absent when energy is free. */
  readonly maxEnergyWh?: Wh;
}

/**
 * The limit a station can hold the session to on its own (docs/ocpp21.md): the cost at which the guard stops it,
 * and the energy that cost buys when nothing else is charged for. Neither stops the charge before the guard
 * would; they matter when Ladepay cannot reach the station. Undefined when the tariff or maximum cannot be priced.
 */
export function stationLimit(tariff: Tariff, maxOre: Ore, marginOre?: Ore): StationLimit | undefined {
  const limits = checkLimits(tariff, maxOre, marginOre);
  if (!limits.ok) return undefined;
  const maxCostOre = maxOre - limits.value;
  if (tariff.perKwhOre === 0) return { maxCostOre };
  const energyBudget = Math.max(maxCostOre - tariff.startFeeOre - idleReserve(tariff), 0);
  return { maxCostOre, maxEnergyWh: maxAffordableEnergyWh(tariff.perKwhOre, energyBudget) };
}

/** The smallest maximum amount usageBudget accepts for this tariff (with the default margin if none is given). */
export function minimumMaxOre(tariff: Tariff, marginOre?: Ore): Result<Ore, CostLimitError> {
  const tariffErrors = checkTariff(tariff);
  if (tariffErrors.length > 0) return err({ code: 'invalid_tariff', errors: tariffErrors });
  if (marginOre !== undefined && !isAmount(marginOre)) return err({ code: 'invalid_margin' });
  return ok(leastMaxOre(tariff, marginOre));
}

/** The most Wh whose energy line stays within budgetOre; everything priceable when energy is free. */
export function maxAffordableEnergyWh(perKwhOre: Ore, budgetOre: Ore): Wh {
  return largestQuantityWithin(perKwhOre, 1000, budgetOre, USAGE_LIMITS.energyWh);
}

/** The most seconds whose time line stays within budgetOre; everything priceable when time is free. */
export function maxAffordableChargingSeconds(perHourOre: Ore, budgetOre: Ore): number {
  return largestQuantityWithin(perHourOre, 3600, budgetOre, USAGE_LIMITS.chargingSeconds);
}

// The inverse of a line's roundHalfUp(q × price, denominator) ≤ budget for q, price, budget ≥ 0: a half
// rounds up, so the line stays within budget while 2 × q × price < denominator × (2 × budget + 1), that
// is while q × price ≤ ⌊(denominator × (2 × budget + 1) − 1) / 2⌋.
function largestQuantityWithin(unitPriceOre: Ore, denominator: number, budgetOre: Ore, limit: number): number {
  if (unitPriceOre === 0) return limit;
  if (budgetOre < 0) return 0;
  const mostPriced = floorDiv(denominator * (2 * budgetOre + 1) - 1, 2);
  return Math.min(floorDiv(mostPriced, unitPriceOre), limit);
}

// Exact for non-negative safe integers, where a float division could round up to the next integer.
function floorDiv(a: number, b: number): number {
  return (a - (a % b)) / b;
}

function variableBudget(
  tariff: Tariff,
  maxOre: Ore,
  marginOre: Ore | undefined,
): Result<{ budgetOre: Ore; margin: Ore }, CostLimitError> {
  const limits = checkLimits(tariff, maxOre, marginOre);
  if (!limits.ok) return limits;
  const margin = limits.value;
  const budgetOre = maxOre - margin - tariff.startFeeOre - idleReserve(tariff);
  if (budgetOre < 0) return err({ code: 'max_below_fixed_fees', minimumMaxOre: leastMaxOre(tariff, marginOre) });
  return ok({ budgetOre, margin });
}

/** The margin to use, once the tariff, maximum and margin are known to be sound. */
function checkLimits(tariff: Tariff, maxOre: Ore, marginOre: Ore | undefined): Result<Ore, CostLimitError> {
  const tariffErrors = checkTariff(tariff);
  if (tariffErrors.length > 0) return err({ code: 'invalid_tariff', errors: tariffErrors });
  if (!isAmount(maxOre)) return err({ code: 'invalid_max_amount' });
  if (marginOre !== undefined && !isAmount(marginOre)) return err({ code: 'invalid_margin' });
  return ok(marginOre ?? defaultMarginOre(maxOre));
}

function idleReserve(tariff: Tariff): Ore {
  return hasIdleFee(tariff) ? tariff.idleCapOre : 0;
}

function leastMaxOre(tariff: Tariff, marginOre: Ore | undefined): Ore {
  const fixed = tariff.startFeeOre + idleReserve(tariff);
  return marginOre === undefined ? leastMaxOverDefaultMargin(fixed) : fixed + marginOre;
}

// max − defaultMarginOre(max) never decreases as max grows (the 2 % rounds up by at most 1 øre every
// 50 øre), so the least max with max − margin ≥ fixed is found by stepping up from a lower bound:
// max − margin ≤ 0.98 × max + 0.5, hence max ≥ (fixed − 0.5) / 0.98 > fixed × 50 / 49 − 1.
function leastMaxOverDefaultMargin(fixedOre: Ore): Ore {
  let candidate = Math.max(fixedOre + MINIMUM_MARGIN_ORE, floorDiv(fixedOre * 50, 49) - 1);
  while (candidate - defaultMarginOre(candidate) < fixedOre) candidate += 1;
  return candidate;
}

function isAmount(value: unknown): value is Ore {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_AMOUNT_LIMIT_ORE;
}

function isQuantity(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
