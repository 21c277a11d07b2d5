import { ocpiLocation, ocpiLocationId, type OcpiLocationOptions } from '../../core/ocpi/ocpi-location.ts';
import { ocpiTariff } from '../../core/ocpi/ocpi-tariff.ts';
import type { OcpiConnector, OcpiEvse, OcpiLocation, OcpiTariff } from '../../core/ocpi/ocpi-types.ts';
import { tariffsInUse } from '../../core/feed/tariffs-in-use.ts';
import type { PublishedSites } from '../feeds/published-sites.ts';
import { pageOf, type ListQuery, type Page } from './ocpi-paging.ts';

export interface OcpiSendersDeps {
  view: Pick<PublishedSites, 'read'>;
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
  const locations = async (): Promise<OcpiLocation[]> => {
    const view = await d.view.read(d.now());
    return view.sites.map((site) => ocpiLocation(site, view.operator, d.locationOptions)).sort((a, b) => a.id.localeCompare(b.id));
  };
  const location = async (id: string): Promise<OcpiLocation | undefined> => {
    const view = await d.view.read(d.now());
    const site = view.sites.find((s) => same(ocpiLocationId(s), id));
    return site && ocpiLocation(site, view.operator, d.locationOptions);
  };
  const evse = async (locationId: string, uid: string): Promise<OcpiEvse | undefined> => (await location(locationId))?.evses?.find((e) => same(e.uid, uid));

  return {
    locations: async (q: ListQuery): Promise<Page<OcpiLocation>> => pageOf(await locations(), q),
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
