import { latest, type PublishedEvse, type PublishedSite, type PublishedStation, type PublishedView } from '../feed/published-site.ts';
import { datexTime, enumValue, type JsonObject } from './datex2-json.ts';
import { pointChangedAt, pointId, pointStatusChangedAt, siteChangedAt, siteId, stationChangedAt, stationId, tableChangedAt, tableId } from './datex2-ids.ts';
import { rateUpdate } from './energy-rate.ts';
import { PAYLOAD_HEAD, publicationHead, type Datex2Options } from './publication-header.ts';
import { refillPointStatus } from './refill-point-status.ts';

// The dynamic data (EnergyInfrastructureStatusPublication in a
// MessageContainer, AFIR profile 01-00-00): each refill point's status and
// the ad hoc price in force, under its station's and site's status, each
// referring to the static element by id and version. With `since` (a delta)
// only the stations with a change after it, each with all its points, so a
// reader always holds a whole station.

const IN_SERVICE = new Set(['available', 'charging', 'occupied', 'blocked', 'reserved']);

function pointStatus(evse: PublishedEvse, view: PublishedView): JsonObject {
  const update = rateUpdate(evse, view.operator);
  return {
    aegiElectricChargingPointStatus: {
      reference: { targetClass: 'FacilityObject', idG: pointId(evse), versionG: datexTime(pointChangedAt(evse)) },
      lastUpdated: datexTime(pointStatusChangedAt(evse)),
      status: enumValue(refillPointStatus(evse.status)),
      ...(update ? { energyRateUpdate: [update] } : {}),
    },
  };
}

function stationStatusAt(s: PublishedStation): string {
  return latest(...s.evses.map(pointStatusChangedAt));
}

function stationStatus(s: PublishedStation, view: PublishedView): JsonObject {
  const known = s.evses.filter((e) => e.status !== 'unknown');
  return {
    reference: { targetClass: 'FacilityObject', idG: stationId(view.operator, s), versionG: datexTime(stationChangedAt(s)) },
    lastUpdated: datexTime(stationStatusAt(s)),
    // In operation (not whether it is free): some point can be used. Offline: not known, left out.
    ...(known.length > 0 ? { isAvailable: known.some((e) => IN_SERVICE.has(e.status)) } : {}),
    refillPointStatus: s.evses.map((e) => pointStatus(e, view)),
  };
}

function siteStatus(site: PublishedSite, stations: PublishedStation[], view: PublishedView): JsonObject {
  return {
    reference: { targetClass: 'FacilityObject', idG: siteId(view.operator, site), versionG: datexTime(siteChangedAt(site)) },
    lastUpdated: datexTime(latest(...stations.map(stationStatusAt))),
    energyInfrastructureStationStatus: stations.map((s) => stationStatus(s, view)),
  };
}

export interface StatusPublicationOptions extends Datex2Options {
  // How the message travels: answered to a request (pull), or sent (push).
  delivery: 'pull' | 'push';
}

export function statusPublication(view: PublishedView, o: StatusPublicationOptions, since?: string): JsonObject {
  const changed = (s: PublishedStation) => since === undefined || stationStatusAt(s) > since;
  const sites = view.sites.map((site) => ({ site, stations: site.stations.filter(changed) })).filter((s) => s.stations.length > 0);
  const kind = since === undefined ? 'snapshot' : 'delta';
  const publication = {
    ...publicationHead(view.operator, view.at, o),
    tableReference: [{ targetClass: 'EnergyInfrastructureTable', idG: tableId(view.operator), versionG: datexTime(tableChangedAt(view)) }],
    energyInfrastructureSiteStatus: sites.map(({ site, stations }) => siteStatus(site, stations, view)),
  };
  return {
    messageContainer: {
      payload: sites.length === 0 && since !== undefined ? [] : [{ ...PAYLOAD_HEAD, aegiEnergyInfrastructureStatusPublication: publication }],
      exchangeInformation: {
        exchangeContext: {
          codedExchangeProtocol: enumValue(`${kind}${o.delivery === 'pull' ? 'Pull' : 'Push'}`),
          exchangeSpecificationVersion: '3.0',
          supplierOrCisRequester: {},
        },
        dynamicInformation: { exchangeStatus: enumValue('online'), messageGenerationTimestamp: datexTime(view.at) },
      },
    },
  };
}
