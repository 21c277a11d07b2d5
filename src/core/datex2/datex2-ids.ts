import { evsesOf, latest, type PublishedEvse, type PublishedOperator, type PublishedSite, type PublishedStation, type PublishedView } from '../feed/published-site.ts';

// Identities and versions of what the DATEX II table publishes (docs/datex2.md).
// The profile wants ids "unique in space and time" that never change, and a
// version that grows with every change of the element (ISO 8601 timestamps of
// the form YYYY-MM-DDThh:mm:ss.sss±hh:mm, never mixed with numbers for one id).
//
// Ids: the operator id ("NO*LDP") and the kind before Ladepay's own stable id;
// a refill point is its EVSE id, which never changes either.
// Versions: when the element's static description last changed, a parent's
// no earlier than its children's (the table is always published whole, so a
// consumer that compares versions top-down finds every change). The dynamic
// data (status, the current price) never moves a version.

export function operatorId(o: Pick<PublishedOperator, 'countryCode' | 'partyId'>): string {
  return `${o.countryCode}*${o.partyId}`;
}

export const tableId = (o: PublishedOperator) => `${operatorId(o)}/table`;
export const siteId = (o: PublishedOperator, site: Pick<PublishedSite, 'id'>) => `${operatorId(o)}/site/${site.id}`;
export const stationId = (o: PublishedOperator, station: Pick<PublishedStation, 'id'>) => `${operatorId(o)}/station/${station.id}`;
export const pointId = (evse: Pick<PublishedEvse, 'evseId'>) => evse.evseId;
// The site's hours, and each station's copy of them (an id names one element).
export const hoursId = (o: PublishedOperator, site: Pick<PublishedSite, 'id'>, station?: Pick<PublishedStation, 'id'>) => `${operatorId(o)}/hours/${site.id}${station ? `/${station.id}` : ''}`;
// A rate is one tariff at one EVSE: a changed price is a new tariff and so a new rate.
export const rateId = (o: PublishedOperator, evse: PublishedEvse) => `${operatorId(o)}/rate/${evse.uid}/${evse.tariff?.id ?? 'none'}`;

export function pointChangedAt(evse: PublishedEvse): string {
  return latest(evse.describedAt, evse.tariff?.since ?? '');
}

export function stationChangedAt(station: PublishedStation): string {
  return latest(station.updatedAt, ...station.evses.map(pointChangedAt));
}

export function siteChangedAt(site: PublishedSite): string {
  return latest(site.updatedAt, ...site.stations.map(stationChangedAt));
}

export function tableChangedAt(view: PublishedView): string {
  return latest('1970-01-01T00:00:00.000Z', ...view.sites.map(siteChangedAt));
}

// The dynamic data of an EVSE last changed: its status, or the price in force.
export function pointStatusChangedAt(evse: PublishedEvse): string {
  return latest(evse.statusAt, evse.priceNow?.since ?? '');
}

export function evseCount(site: PublishedSite): number {
  return evsesOf(site).length;
}
