import { roundHalfUp } from './money.ts';
import type { Ore } from './money.ts';

// Norwegian VAT (merverdiavgift): 25 % is the general rate. Prices are quoted with VAT included, so a
// receipt line shows the gross amount and the VAT inside it.
export const STANDARD_VAT_RATE_BASIS_POINTS = 2500;

const BASIS_POINTS = 10_000;

/**
 * The VAT inside a VAT-inclusive amount: the net is rounded once (half up) and the VAT is what is left,
 * so net + VAT = gross exactly on every line. 12 500 øre at 25 % → net 10 000, VAT 2 500.
 */
export function vatPart(grossOre: Ore, rateBasisPoints: number): Ore {
  return grossOre - netPart(grossOre, rateBasisPoints);
}

export function netPart(grossOre: Ore, rateBasisPoints: number): Ore {
  if (!Number.isSafeInteger(grossOre)) throw new RangeError(`gross ${grossOre} is not a whole number of øre`);
  if (!Number.isSafeInteger(rateBasisPoints) || rateBasisPoints < 0) {
    throw new RangeError(`VAT rate ${rateBasisPoints} is not a non-negative integer of basis points`);
  }
  // gross × 10 000 passes 2^53 for gross above 9 × 10^11 øre: multiply as bigint.
  return roundHalfUp(BigInt(grossOre) * BigInt(BASIS_POINTS), BASIS_POINTS + rateBasisPoints);
}
