import type { Tariff } from '../../../core/tariff.ts';
import type { TariffEntry } from '../../../usecases/ports/operator-tariffs.ts';
import { formatNok } from '../format-nok.ts';

// The tariff a site's connectors are sold under at `now` unless one is
// assigned to a power class or a connector: the site's own in force, else the
// operator-wide one (entries newest validity first, as the tariff book lists
// them). Its base price; the landing page shows the price of the hour.
export function tariffInForce(entries: readonly TariffEntry[], siteId: string, now: Date): Tariff | undefined {
  const inForce = entries.filter((e) => Date.parse(e.validFrom) <= now.getTime() && e.connectorId === null && e.powerClass === null);
  return (inForce.find((e) => e.siteId === siteId) ?? inForce.find((e) => e.siteId === null))?.tariff;
}

// The price printed on a sticker, in Norwegian and English, VAT included:
// the energy price large, any other component in a small line beneath.
export function stickerPriceLines(t: Tariff | undefined): { main: string; more?: string } | undefined {
  if (!t) return undefined;
  const more = [
    t.startFeeOre > 0 && `Startpris / start fee ${formatNok(t.startFeeOre)}`,
    t.perHourOre > 0 && `${formatNok(t.perHourOre)}/t (h)`,
    t.idlePerMinuteOre > 0 && t.idleCapOre > 0 && `Ventegebyr / idle fee ${formatNok(t.idlePerMinuteOre)}/min etter / after ${t.idleGraceMinutes} min`,
  ].filter((part): part is string => typeof part === 'string');
  // A printed price outlives a change of tariff: the landing page always has today's.
  return { main: `${formatNok(t.perKwhOre)}/kWh inkl. mva / VAT incl.`, ...(more.length > 0 ? { more: more.join(' · ') } : {}) };
}
