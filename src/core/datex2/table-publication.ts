import type { PublishedView } from '../feed/published-site.ts';
import { datexTime, type JsonObject } from './datex2-json.ts';
import { siteChangedAt, tableChangedAt, tableId } from './datex2-ids.ts';
import { PAYLOAD_HEAD, publicationHead, type Datex2Options } from './publication-header.ts';
import { tableSite } from './table-site.ts';

/**
 * The static data (EnergyInfrastructureTablePublication in a D2Payload, AFIR
 * profile 01-00-00): every published site, or with `since` only the sites
 * changed after it (each whole: its stations and points), in one table whose
 * version is the latest change of any site. A table must have a site (the
 * schema's minItems), so with none to publish there is no publication:
 * undefined.
 */
export function tablePublication(view: PublishedView, o: Datex2Options, since?: string): JsonObject | undefined {
  const sites = since === undefined ? view.sites : view.sites.filter((s) => siteChangedAt(s) > since);
  if (sites.length === 0) return undefined;
  const table = { idG: tableId(view.operator), versionG: datexTime(tableChangedAt(view)), tableName: view.operator.name, energyInfrastructureSite: sites.map((s) => tableSite(s, view.operator, view.at, o)) };
  return {
    payload: {
      ...PAYLOAD_HEAD,
      aegiEnergyInfrastructureTablePublication: { ...publicationHead(view.operator, view.at, o), energyInfrastructureTable: [table] },
    },
  };
}
