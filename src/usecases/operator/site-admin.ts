import { readSiteData, type SiteDataError, type SiteDataInput } from '../../core/feed/site-data.ts';
import type { Site, StationRegistry } from '../ports/operator-stations.ts';

export interface SiteAdminDeps {
  stations: StationRegistry;
  now(): Date;
}

export type SiteInput = { id: string; name: string; address: string } & SiteDataInput;
export type SiteChange = { name?: string; address?: string; disabled?: boolean } & SiteDataInput;

export type SiteRefusal = { ok: false; reason: 'exists' | 'not_found' } | { ok: false; reason: 'invalid'; errors: SiteDataError[] };

// Sites: where stations stand. A site is never deleted, only disabled, so
// its id stays its own. Its feed data (docs/feed-data.md) is checked by the
// core whichever door it comes through.
export function siteAdmin(d: SiteAdminDeps) {
  return {
    list: (): Promise<Site[]> => d.stations.listSites(),
    get: (id: string): Promise<Site | undefined> => d.stations.site(id),

    async create(site: SiteInput): Promise<{ ok: true } | SiteRefusal> {
      const { id, name, address, ...input } = site;
      const data = readSiteData(input);
      if (!data.ok) return { ok: false, reason: 'invalid', errors: data.error };
      if (await d.stations.site(id)) return { ok: false, reason: 'exists' };
      await d.stations.createSite({ id, name, address, ...data.value }, d.now());
      return { ok: true };
    },

    // Feed data the change leaves out stays as it is.
    async update(id: string, change: SiteChange): Promise<{ ok: true; site: Site } | SiteRefusal> {
      const current = await d.stations.site(id);
      if (!current) return { ok: false, reason: 'not_found' };
      const { name, address, disabled, ...input } = change;
      const data = readSiteData(input, current);
      if (!data.ok) return { ok: false, reason: 'invalid', errors: data.error };
      if (!(await d.stations.updateSite(id, { name, address, disabled, ...data.value }))) return { ok: false, reason: 'not_found' };
      const site = await d.stations.site(id);
      return site ? { ok: true, site } : { ok: false, reason: 'not_found' };
    },
  };
}

export type SiteAdmin = ReturnType<typeof siteAdmin>;
