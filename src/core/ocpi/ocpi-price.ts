// OCPI 2.2.1 prices are excl. VAT, with the VAT as a percentage beside them
// (mod_tariffs PriceComponent: `price`, `vat`), in the currency's units, as
// JSON numbers of at most 4 decimals (types: number). Ladepay's prices are
// whole øre incl. VAT (docs/pricing.md).

/**
 * A price incl. VAT in øre as kroner excl. VAT, to 4 decimals (hundredths of
 * an øre), half up. Exact at 25 % and 0 %: the net of a whole øre at 25 % is
 * a multiple of 0.8 øre, so a reader who adds the VAT back gets Ladepay's
 * price to the øre. At other rates the net may be off by half a hundredth of
 * an øre per unit (docs/feed-mapping.md).
 */
export function netKroner(grossOre: number, vatRateBasisPoints: number): number {
  const hundredthsOfOre = Math.floor((grossOre * 100 * 10_000 * 2 + (10_000 + vatRateBasisPoints)) / (2 * (10_000 + vatRateBasisPoints)));
  return hundredthsOfOre / 10_000;
}

/** The VAT rate as OCPI's percentage: 2500 basis points → 25. */
export function vatPercent(vatRateBasisPoints: number): number {
  return vatRateBasisPoints / 100;
}
