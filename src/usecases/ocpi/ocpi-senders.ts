import { ocpiLocation, ocpiLocationId, type OcpiLocationOptions } from '../../core/ocpi/ocpi-location.ts';
import { ocpiTariff } from '../../core/ocpi/ocpi-tariff.ts';
import type { OcpiConnector, OcpiEvse, OcpiLocation, OcpiTariff } from '../../core/ocpi/ocpi-types.ts';
import { tariffsInUse } from '../../core/feed/tariffs-in-use.ts';
import type { PublishedSites } from '../feeds/published-sites.ts';
import { keptLists } from './kept-lists.ts';
import { inDates, pageOf, type ListQuery, type Page } from './ocpi-paging.ts';

export interface OcpiSendersDeps {
  view: Pick<PublishedSites, 'read' | 'siteIds'>;
  locationOptions?: OcpiLocationOptions;
  now(): Date;
}

// How long a pull's list is kept for its later pages. A pull of 10,000 EVSEs,
// 50 Locations a page, takes a few seconds, well within it. The later pages of
// a pull may miss a site published since its first page (and still count one
// no longer published in X-Total-Count) for at most this long, but never send
// an older state of a Location: each page is read fresh. A list is a few dozen bytes a site; at
// most LISTS_KEPT are kept (a few partners, each with a pull or two under way),
// the oldest dropped first.
export const LIST_KEPT_MS = 30_000;
export const LISTS_KEPT = 16;

// OCPI identifiers are CiStrings: case-insensitive.
const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

// Ladepay's Sender interfaces of the Locations and Tariffs modules (OCPI
// 2.2.1), over the published view: only complete sites, each read as the
// published view has it now, in the order of their ids so a partner paging
// through gets the same objects for the same URL.
export function ocpiSenders(d: OcpiSendersDeps) {
  const lists = keptLists<string[]>({ ttlMs: LIST_KEPT_MS, max: LISTS_KEPT, now: () => d.now().getTime() });
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
  // The site ids of a list query's Locations, in the order of the
  // Locations' ids. Without dates the outline tells them; with dates every
  // Location is made, as its last_updated is the latest of all its EVSEs' times.
  const listOf = async (q: ListQuery): Promise<string[]> => {
    if (q.from === undefined && q.to === undefined) {
      return (await d.view.siteIds()).map((id) => ({ id, locationId: ocpiLocationId({ id }) })).sort((a, b) => byLocationId(a.locationId, b.locationId)).map((s) => s.id);
    }
    const view = await d.view.read(d.now());
    return view.sites
      .map((site) => ({ id: site.id, location: ocpiLocation(site, view.operator, d.locationOptions) }))
      .filter(({ location }) => inDates(location.last_updated, q))
      .sort((a, b) => byLocationId(a.location.id, b.location.id))
      .map((s) => s.id);
  };
  // A page reads only its own sites, fresh; which sites make the list is
  // worked out when a pull begins (offset 0) and kept for the pages that
  // follow (docs/ocpi.md, "A pull's list of Locations"), so a pull of every Location or of the
  // changes costs about one read of the view however many pages it takes,
  // and the offsets of one pull stay where its first page put them.
  const locationPage = async (q: ListQuery, reader: string): Promise<Page<OcpiLocation>> => {
    const ids = await lists.get(`${reader} ${q.from ?? ''} ${q.to ?? ''}`, q.offset === 0, () => listOf(q));
    const wanted = ids.slice(q.offset, q.offset + q.limit);
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
