import { createHash } from 'node:crypto';
import type { PeriodPrices, ScheduledTariff } from '../../core/tariff-schedule.ts';

// A tariff as the feeds know it is its content: the same prices (and periods,
// and VAT) are the same tariff wherever and however often they are entered,
// and a changed price is a new tariff with a new id. Tariffs are never edited
// in place in Ladepay either (docs/pricing.md), so an id names one set of
// prices for good.

function pricesOf(p: PeriodPrices): number[] {
  return [p.perKwhOre, p.startFeeOre, p.perHourOre, p.idlePerMinuteOre, p.idleGraceMinutes, p.idleCapOre];
}

/** The content in one canonical text: fixed field order, periods sorted (their order means nothing, they never overlap). */
export function tariffContentKey(s: ScheduledTariff): string {
  const periods = s.periods.map((p) => JSON.stringify([p.days, p.from, p.to, pricesOf(p.prices)])).sort();
  return JSON.stringify({ currency: s.base.currency, vat: s.base.vatRateBasisPoints, base: pricesOf(s.base), periods });
}

/** "T" and 32 hex digits of the content's SHA-256: within OCPI's CiString(36), and the same on every node. */
export function tariffIdOf(s: ScheduledTariff): string {
  return `T${createHash('sha256').update(tariffContentKey(s)).digest('hex').slice(0, 32)}`;
}
