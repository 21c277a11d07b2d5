// The chaos world's one tariff, and its price computed here, independently of
// Ladepay's pricing: the auditor's expected value must not share a bug with
// what it checks. Energy only, plus a start fee, VAT included (docs/pricing.md):
// a time price would make the expected amount hang on which timestamp ends a
// session that was settled without its stop, which the billing rules leave open.

export const CHAOS_TARIFF = Object.freeze({ perKwhOre: 649, startFeeOre: 490, vatRateBasisPoints: 2500 });

// The maxima a driver picks from (øre).
export const CHAOS_AMOUNTS_ORE = Object.freeze([5_000, 20_000, 35_000]);

// Half up, in whole øre, from an exact integer fraction.
function roundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

// What a session that drew `energyWh` costs: nothing without energy, otherwise
// the energy at the kWh price plus the start fee.
export function chaosPriceOre(energyWh: number): number {
  if (energyWh <= 0) return 0;
  return roundHalfUp(energyWh * CHAOS_TARIFF.perKwhOre, 1000) + CHAOS_TARIFF.startFeeOre;
}

// What may be captured for it: never more than was authorized.
export function chaosCaptureOre(energyWh: number, authorizedOre: number): number {
  return Math.min(chaosPriceOre(energyWh), authorizedOre);
}
