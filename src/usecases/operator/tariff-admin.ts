import { randomUUID } from 'node:crypto';
import { checkAssignment, classConflicts, type AssignmentError, type PowerClass, type TariffAssignment } from '../../core/tariff-assignment.ts';
import type { TariffPeriod } from '../../core/tariff-schedule.ts';
import type { Tariff } from '../../core/tariff.ts';
import type { StationRegistry } from '../ports/operator-stations.ts';
import type { TariffBook, TariffEntry } from '../ports/operator-tariffs.ts';
import type { PriceDisplay } from '../price-display.ts';

export interface TariffAdminDeps {
  tariffs: TariffBook;
  stations: Pick<StationRegistry, 'site' | 'station' | 'connector'>;
  // A new price goes to the stations' screens, once, best effort (docs/price-display.md).
  priceDisplay: Pick<PriceDisplay, 'tariffsChanged'>;
  now(): Date;
}

export interface TariffToCreate {
  siteId: string | null;
  connectorId?: string | null;
  powerClass?: PowerClass | null;
  name: string;
  tariff: Tariff;
  periods?: readonly TariffPeriod[];
  validFrom: Date;
}

export type TariffCreateRefusal =
  | { ok: false; reason: 'no_site' }
  | { ok: false; reason: 'no_connector' }
  | { ok: false; reason: 'connector_elsewhere' } // a connector and a site that is not its own
  | { ok: false; reason: 'invalid_assignment'; errors: AssignmentError[] }
  | { ok: false; reason: 'class_conflict'; conflicts: TariffEntry[] };

// Prices: a new price is a new tariff from a validity start, operator-wide
// (siteId null), for a site, a power class or one connector. The tariff and
// its periods come checked (validateTariff, validatePeriods); the assignment
// is checked here, where the sites, connectors and other tariffs are known.
export function tariffAdmin(d: TariffAdminDeps) {
  return {
    // Newest validity first.
    list: (): Promise<TariffEntry[]> => d.tariffs.list(),
    get: (id: string): Promise<TariffEntry | undefined> => d.tariffs.byId(id),

    async create(t: TariffToCreate): Promise<{ ok: true; id: string } | TariffCreateRefusal> {
      let siteId = t.siteId;
      const connectorId = t.connectorId ?? null;
      if (siteId && !(await d.stations.site(siteId))) return { ok: false, reason: 'no_site' };
      if (connectorId) {
        const connector = await d.stations.connector(connectorId);
        const station = connector && (await d.stations.station(connector.stationId));
        if (!station) return { ok: false, reason: 'no_connector' };
        if (siteId && siteId !== station.siteId) return { ok: false, reason: 'connector_elsewhere' };
        siteId = station.siteId;
      }
      const assignment: TariffAssignment = { siteId, connectorId, powerClass: t.powerClass ?? null };
      const errors = checkAssignment(assignment);
      if (errors.length > 0) return { ok: false, reason: 'invalid_assignment', errors };
      const existing = (await d.tariffs.list()).map((e) => ({ ...e, assignment: { siteId: e.siteId, connectorId: e.connectorId, powerClass: e.powerClass } }));
      const conflicts = classConflicts(assignment, existing);
      if (conflicts.length > 0) return { ok: false, reason: 'class_conflict', conflicts };
      const id = randomUUID();
      await d.tariffs.create({ id, name: t.name, tariff: t.tariff, validFrom: t.validFrom, siteId, connectorId, powerClass: assignment.powerClass, periods: t.periods ?? [] }, d.now());
      void d.priceDisplay.tariffsChanged();
      return { ok: true, id };
    },
  };
}

export type TariffAdmin = ReturnType<typeof tariffAdmin>;
