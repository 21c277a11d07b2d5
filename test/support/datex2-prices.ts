import type { Prices } from './feed-facts.ts';

// The prices of one DATEX II energy rate (AFIR profile 01-00-00, EnergyPrice:
// "All prices belonging to one rate are applied within their applicability
// (AND)"), read into øre incl. VAT. A price limited to some times or amounts
// (overallPeriod, timeBasedApplicability, energyBasedApplicability) would need
// more than these facts: the reader refuses it rather than guess.

export interface EnergyPrice {
  priceType: { value: string; extendedValueG?: string };
  value: number; // AmountOfMoney in the rate's currency
  taxIncluded?: boolean;
  taxRate?: number; // percent
  overallPeriod?: unknown;
  timeBasedApplicability?: unknown;
  energyBasedApplicability?: unknown;
}

// Kroner incl. VAT: "taxIncluded [FALSE] indicates that the tax is added additionally to the total".
function gross(p: EnergyPrice): number {
  return p.taxIncluded === false ? p.value * (1 + (p.taxRate ?? 0) / 100) : p.value;
}

export function datex2Prices(list: EnergyPrice[]): Prices {
  const prices: Prices = { perKwhOre: 0, startFeeOre: 0, perHourOre: 0, idlePerMinuteOre: 0, vatPercent: 0 };
  const rates = new Set<number>();
  for (const p of list) {
    if (p.overallPeriod !== undefined || p.timeBasedApplicability !== undefined || p.energyBasedApplicability !== undefined) {
      throw new Error(`a ${p.priceType.value} price with a limited applicability`);
    }
    rates.add(p.taxRate ?? 0);
    const kr = gross(p);
    switch (p.priceType.value) {
      case 'pricePerKWh':
        prices.perKwhOre = Math.round(kr * 100);
        break;
      case 'basePrice':
        prices.startFeeOre = Math.round(kr * 100);
        break;
      // Per minute to 4 decimals of a krone: an hour's price is whole øre again (at most 0.3 øre off before rounding).
      case 'pricePerMinute':
        prices.perHourOre = Math.round(kr * 100 * 60);
        break;
      // The profile has no idle fee: Ladepay sends it as `other`, per minute,
      // saying so in words (docs/datex2.md, "Ad hoc rate").
      case 'other':
        prices.idlePerMinuteOre = Math.round(kr * 100);
        break;
      default:
        throw new Error(`a price type this reader does not know: ${p.priceType.value}`);
    }
  }
  if (rates.size > 1) throw new Error(`one rate with several tax rates: ${[...rates].join(', ')}`);
  prices.vatPercent = [...rates][0] ?? 0;
  return prices;
}
