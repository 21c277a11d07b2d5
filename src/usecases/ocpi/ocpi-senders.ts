import { ocpiLocation, ocpiLocationId, type OcpiLocationOptions } from '../../core/ocpi/ocpi-location.ts';
import { ocpiTariff } from '../../core/ocpi/ocpi-tariff.ts';
import type { OcpiConnector, OcpiEvse, OcpiLocation, OcpiTariff } from '../../core/ocpi/ocpi-types.ts';
import { tariffsInUse } from '../../core/feed/tariffs-in-use.ts';
import type { PublishedSites } from '../feeds/published-sites.ts';
import { pageOf, type ListQuery, type Page } from './ocpi-paging.ts';

export interface OcpiSendersDeps {
  view: Pick<PublishedSites, 'read' | 'siteIds'>;
  locationOptions?: OcpiLocationOptions;
  now(): Date;
}

// OCPI identifiers are CiStrings: case-insensitive.
const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

// Ladepay's Sender interfaces of the Locations and Tariffs modules (OCPI
// 2.2.1), over the published view: only complete sites, each read as the
// published view has it now, in the order of their ids so a partner paging
// through gets the same objects for the same URL.
export function ocpiSenders(d: OcpiSendersDeps) {
  const byLocationId = (a: string, b: string) => a.localeCompare(b);
  // The sites of these Locations alone, in the order of their ids.
  const locationsOf = async (siteIds: readonly string[]): Promise<OcpiLocation[]> => {
    const view = await d.view.read(d.now(), { siteIds });
    return view.sites.map((site) => ocpiLocation(site, view.operator, d.locationOptions)).sort((a, b) => byLocationId(a.id, b.id));
  };
  const location = async (id: string): Promise<OcpiLocation | undefined> => {
    const siteId = (await d.view.siteIds()).find((s) => same(ocpiLocationId({ id: s }), id));
    return siteId === undefined ? undefined : (await locationsOf([siteId]))[0];
  };
  // Every Location: a page filtered on last_updated needs every EVSE's times.
  const locations = async (): Promise<OcpiLocation[]> => {
    const view = await d.view.read(d.now());
    return view.sites.map((site) => ocpiLocation(site, view.operator, d.locationOptions)).sort((a, b) => byLocationId(a.id, b.id));
  };
  // A page with no dates is known from the ids alone: only its sites are
  // read, so a full pull costs about one read of the view however many pages
  // it takes, not one per page.
  const locationPage = async (q: ListQuery): Promise<Page<OcpiLocation>> => {
    if (q.from !== undefined || q.to !== undefined) return pageOf(await locations(), q);
    const ids = (await d.view.siteIds()).map((id) => ({ id, locationId: ocpiLocationId({ id }) })).sort((a, b) => byLocationId(a.locationId, b.locationId));
    const wanted = ids.slice(q.offset, q.offset + q.limit).map((s) => s.id);
    return { items: wanted.length > 0 ? await locationsOf(wanted) : [], total: ids.length, offset: q.offset, limit: q.limit };
  };
  const evse = async (locationId: string, uid: string): Promise<OcpiEvse | undefined> => (await location(locationId))?.evses?.find((e) => same(e.uid, uid));

  return {
    locations: locationPage,
    location,
    evse,
    connector: async (locationId: string, uid: string, connectorId: string): Promise<OcpiConnector | undefined> =>
      (await evse(locationId, uid))?.connectors.find((c) => same(c.id, connectorId)),
    async tariffs(q: ListQuery): Promise<Page<OcpiTariff>> {
      const view = await d.view.read(d.now());
      return pageOf(
        tariffsInUse(view).map((t) => ocpiTariff(t, view.operator)),
        q,
      );
    },
  };
}

export type OcpiSenders = ReturnType<typeof ocpiSenders>;
