import type { PowerClass } from '../../core/tariff-assignment.ts';
import type { Tariff } from '../../core/tariff.ts';
import type { TariffPeriod } from '../../core/tariff-schedule.ts';

// A tariff in the book: its base prices (the core Tariff, so the console, the
// API and pricing read the same value) and the periods of the week priced
// otherwise, assigned operator-wide, to a site, a power class or a connector,
// valid from a time (ISO 8601 UTC text) until a later one of the same
// assignment replaces it.
export interface TariffEntry {
  id: string;
  siteId: string | null; // null: operator-wide (a connector's tariff carries its site)
  connectorId: string | null;
  powerClass: PowerClass | null;
  name: string;
  tariff: Tariff;
  periods: readonly TariffPeriod[];
  validFrom: string;
  createdAt: string;
}

export interface NewTariff {
  id: string;
  siteId: string | null;
  name: string;
  tariff: Tariff;
  validFrom: Date;
  periods?: readonly TariffPeriod[];
  connectorId?: string | null;
  powerClass?: PowerClass | null;
}

// Tariffs are never edited in place: a new price is a new tariff with a later
// validity start, so sessions keep the tariff they started with.
export interface TariffBook {
  // Newest validity first.
  list(): Promise<TariffEntry[]>;
  byId(id: string): Promise<TariffEntry | undefined>;
  create(t: NewTariff, now: Date): Promise<void>;
}
