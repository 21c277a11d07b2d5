import { randomUUID } from 'node:crypto';
import type { Tariff } from '../../core/tariff.ts';
import type { StationRegistry } from '../ports/operator-stations.ts';
import type { TariffBook, TariffEntry } from '../ports/operator-tariffs.ts';

export interface TariffAdminDeps {
  tariffs: TariffBook;
  stations: Pick<StationRegistry, 'site'>;
  now(): Date;
}

// Prices: a new price is a new tariff from a validity start, for one site or
// operator-wide (siteId null). The tariff comes checked (validateTariff).
export function tariffAdmin(d: TariffAdminDeps) {
  return {
    // Newest validity first.
    list: (): Promise<TariffEntry[]> => d.tariffs.list(),
    get: (id: string): Promise<TariffEntry | undefined> => d.tariffs.byId(id),

    async create(t: { siteId: string | null; name: string; tariff: Tariff; validFrom: Date }): Promise<{ ok: true; id: string } | { ok: false; reason: 'no_site' }> {
      if (t.siteId && !(await d.stations.site(t.siteId))) return { ok: false, reason: 'no_site' };
      const id = randomUUID();
      await d.tariffs.create({ id, ...t }, d.now());
      return { ok: true, id };
    },
  };
}

export type TariffAdmin = ReturnType<typeof tariffAdmin>;
