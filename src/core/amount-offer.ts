import { minimumMaxOre, wouldExceed } from './cost-limit.ts';
import type { Ore, Wh } from './money.ts';
import { USAGE_LIMITS } from './pricing.ts';
import { hasIdleFee } from './tariff.ts';
import type { Tariff } from './tariff.ts';

// The maximum amounts a driver may choose at one connector, and what each buys. One rule for the page
// that offers them and the start that accepts them: whole kroner, between the operator's limits, and
// enough to buy a useful charge once the start fee, the idle-fee reserve and the cost guard's margin
// are taken off (docs/pricing.md, "What a maximum buys").

export interface AmountRules {
  readonly presetsOre: readonly Ore[];
  readonly defaultOre: Ore;
  readonly minOre: Ore;
  readonly maxOre: Ore;
  /** An amount that buys less than this is not offered (e.g. 10 kWh). */
  readonly usefulEnergyWh: Wh;
}

/** The connector and how often it reports: the cost guard looks one meter interval ahead at this power. */
export interface ChargeSpeed {
  readonly maxPowerW: number;
  readonly meterIntervalSeconds: number;
}

export interface OfferedAmount {
  readonly ore: Ore;
  /** The least energy this maximum buys at full power: the cost guard does not stop the charge before it. */
  readonly energyWh: Wh;
}

export interface AmountOffer {
  readonly presets: readonly OfferedAmount[];
  readonly defaultOre: Ore;
  /** Whole kroner, inclusive. */
  readonly minOre: Ore;
  readonly maxOre: Ore;
  /** Kept of every reservation for an idle fee that may come after the charge; 0 without one. */
  readonly idleReserveOre: Ore;
  readonly startFeeOre: Ore;
}

export type AmountCheck = 'ok' | 'not_whole_kroner' | 'too_low' | 'too_high';

const KRONE = 100;

/**
 * The energy a maximum buys for sure at the connector's full power: the largest energy at which the cost
 * guard (wouldExceed, one meter interval ahead) still lets the charge go on. The guard stops only on a
 * reading above it, so at least this much is delivered unless the car is full first. With a time price a
 * slower charge buys less; the page says "at full power".
 */
export function energyBoughtWh(tariff: Tariff, maxOre: Ore, speed: ChargeSpeed): Wh {
  const powerW = Math.max(1, speed.maxPowerW);
  const lookAhead = { energyWh: Math.ceil((powerW * speed.meterIntervalSeconds) / 3600), seconds: speed.meterIntervalSeconds };
  const exceeds = (energyWh: Wh): boolean => {
    const chargingSeconds = Math.ceil((energyWh * 3600) / powerW);
    if (chargingSeconds > USAGE_LIMITS.chargingSeconds) return true;
    return wouldExceed(tariff, maxOre, { energyWh, chargingSeconds, idleSeconds: 0 }, lookAhead);
  };
  if (exceeds(0)) return 0;
  let low = 0; // never exceeds
  let high = USAGE_LIMITS.energyWh - lookAhead.energyWh;
  if (!exceeds(high)) return high;
  while (high - low > 1) {
    const mid = low + Math.floor((high - low) / 2);
    if (exceeds(mid)) high = mid;
    else low = mid;
  }
  return low;
}

/** The amounts on offer at this connector under this tariff; none when not even the maximum buys a useful charge. */
export function amountOffer(tariff: Tariff, rules: AmountRules, speed: ChargeSpeed): AmountOffer | undefined {
  const maxOre = Math.floor(rules.maxOre / KRONE) * KRONE;
  const least = leastUsefulOre(tariff, rules, speed, maxOre);
  if (least === undefined) return undefined;
  const presets = rules.presetsOre
    .filter((ore) => ore >= least && ore <= maxOre && ore % KRONE === 0)
    .map((ore) => ({ ore, energyWh: energyBoughtWh(tariff, ore, speed) }));
  const defaultOre = rules.defaultOre >= least && rules.defaultOre <= maxOre ? rules.defaultOre : (presets[0]?.ore ?? least);
  return {
    presets,
    defaultOre,
    minOre: least,
    maxOre,
    idleReserveOre: hasIdleFee(tariff) ? tariff.idleCapOre : 0,
    startFeeOre: tariff.startFeeOre,
  };
}

export function checkAmount(offer: AmountOffer, ore: number): AmountCheck {
  if (!Number.isSafeInteger(ore) || ore % KRONE !== 0) return 'not_whole_kroner';
  if (ore < offer.minOre) return 'too_low';
  if (ore > offer.maxOre) return 'too_high';
  return 'ok';
}

// The least whole-kroner amount within the operator's limits that buys the useful energy. What a maximum
// buys never falls as the maximum grows, so a binary search over kroner finds it.
function leastUsefulOre(tariff: Tariff, rules: AmountRules, speed: ChargeSpeed, maxOre: Ore): Ore | undefined {
  const fixed = minimumMaxOre(tariff);
  if (!fixed.ok) return undefined;
  const floorOre = Math.ceil(Math.max(rules.minOre, fixed.value) / KRONE) * KRONE;
  const useful = (ore: Ore): boolean => energyBoughtWh(tariff, ore, speed) >= Math.max(1, rules.usefulEnergyWh);
  if (floorOre > maxOre || !useful(maxOre)) return undefined;
  if (useful(floorOre)) return floorOre;
  let low = floorOre / KRONE; // not useful
  let high = maxOre / KRONE; // useful
  while (high - low > 1) {
    const mid = low + Math.floor((high - low) / 2);
    if (useful(mid * KRONE)) high = mid;
    else low = mid;
  }
  return high * KRONE;
}
