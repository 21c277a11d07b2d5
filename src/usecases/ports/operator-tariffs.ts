import type { Tariff } from '../../core/tariff.ts';

// A tariff in the book: its prices (the core Tariff, so the console, the API
// and pricing read the same value), for one site or operator-wide, valid from
// a time (ISO 8601 UTC text) until a later one replaces it.
export interface TariffEntry {
  id: string;
  siteId: string | null; // null: the operator-wide default
  name: string;
  tariff: Tariff;
  validFrom: string;
  createdAt: string;
}

export interface NewTariff {
  id: string;
  siteId: string | null;
  name: string;
  tariff: Tariff;
  validFrom: Date;
}

// Tariffs are never edited in place: a new price is a new tariff with a later
// validity start, so sessions keep the tariff they started with.
export interface TariffBook {
  // Newest validity first.
  list(): Promise<TariffEntry[]>;
  byId(id: string): Promise<TariffEntry | undefined>;
  create(t: NewTariff, now: Date): Promise<void>;
}
