import type { StationRegistry } from '../ports/operator-stations.ts';
import type { TariffBook } from '../ports/operator-tariffs.ts';

// The operator's edits of what the charger feeds publish (sites, stations,
// connectors, tariffs), wherever they are saved (console, API, station
// import), told once each is saved: the OCPI push planner looks again at once
// (docs/ocpi.md). Reads pass through untouched.

function after<T>(edited: () => void, write: Promise<T>): Promise<T> {
  return write.then((v) => {
    edited();
    return v;
  });
}

export function noticingStationEdits(s: StationRegistry, edited: () => void): StationRegistry {
  return {
    listSites: () => s.listSites(),
    site: (id) => s.site(id),
    createSite: (site, now) => after(edited, s.createSite(site, now)),
    updateSite: (id, patch) => after(edited, s.updateSite(id, patch)),
    listStations: () => s.listStations(),
    station: (id) => s.station(id),
    createStation: (station, now) => after(edited, s.createStation(station, now)),
    updateStation: (id, patch) => after(edited, s.updateStation(id, patch)),
    connectors: (stationId) => s.connectors(stationId),
    connector: (id) => s.connector(id),
    connectorsByCodes: (codes) => s.connectorsByCodes(codes),
    addConnector: (stationId, c, now) => after(edited, s.addConnector(stationId, c, now)),
    updateConnector: (id, patch) => after(edited, s.updateConnector(id, patch)),
    assignEvseIds: (ids, prefix) => after(edited, s.assignEvseIds(ids, prefix)),
    writeAll: (writes, now) => after(edited, s.writeAll(writes, now)),
    hardwareReports: () => s.hardwareReports(),
  };
}

export function noticingTariffEdits(t: TariffBook, edited: () => void): TariffBook {
  return {
    list: () => t.list(),
    byId: (id) => t.byId(id),
    create: (tariff, now) => after(edited, t.create(tariff, now)),
  };
}
