import type { ScheduledTariff } from '../tariff-schedule.ts';
import { evsesOf, type PublishedView } from './published-site.ts';

// The tariffs the published EVSEs are sold by, each once. A tariff's content
// never changes under its id (tariff-identity.ts), so it was last updated when
// it was first published: the earliest time any EVSE of the view began to be
// sold by it.
export interface TariffInUse {
  id: string;
  schedule: ScheduledTariff;
  lastUpdated: string;
  // The sites whose EVSEs sell by it: a tariff's time of day is their local time.
  siteIds: string[];
}

export function tariffsInUse(view: PublishedView): TariffInUse[] {
  const byId = new Map<string, TariffInUse>();
  for (const site of view.sites) {
    for (const evse of evsesOf(site)) {
      const t = evse.tariff;
      if (t === undefined) continue;
      const held = byId.get(t.id);
      if (!held) byId.set(t.id, { id: t.id, schedule: t.schedule, lastUpdated: t.since, siteIds: [site.id] });
      else {
        if (t.since < held.lastUpdated) held.lastUpdated = t.since;
        if (!held.siteIds.includes(site.id)) held.siteIds.push(site.id);
      }
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
