import type { Site, SitePatch, StationRegistry } from '../ports/operator-stations.ts';

export interface SiteAdminDeps {
  stations: StationRegistry;
  now(): Date;
}

// Sites: where stations stand. A site is never deleted, only disabled, so
// its id stays its own.
export function siteAdmin(d: SiteAdminDeps) {
  return {
    list: (): Promise<Site[]> => d.stations.listSites(),
    get: (id: string): Promise<Site | undefined> => d.stations.site(id),

    async create(site: { id: string; name: string; address: string }): Promise<{ ok: true } | { ok: false; reason: 'exists' }> {
      if (await d.stations.site(site.id)) return { ok: false, reason: 'exists' };
      await d.stations.createSite(site, d.now());
      return { ok: true };
    },

    // The site as changed; undefined when there is no such site.
    async update(id: string, patch: SitePatch): Promise<Site | undefined> {
      return (await d.stations.updateSite(id, patch)) ? d.stations.site(id) : undefined;
    },
  };
}

export type SiteAdmin = ReturnType<typeof siteAdmin>;
