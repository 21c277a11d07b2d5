import type { Tariff } from '../../core/tariff.ts';

// A tariff as stored: prices in øre (VAT included), the VAT rate in basis
// points, valid from a time (ISO 8601 UTC text) until a later one replaces it.
export interface TariffRow {
  id: string;
  site_id: string | null; // null: the operator-wide default
  name: string;
  per_kwh_ore: number;
  start_fee_ore: number;
  per_hour_ore: number;
  idle_per_minute_ore: number;
  idle_grace_minutes: number;
  idle_cap_ore: number;
  vat_rate_bp: number;
  valid_from: string;
  created_at: string;
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
  list(): Promise<TariffRow[]>;
  byId(id: string): Promise<TariffRow | undefined>;
  create(t: NewTariff, now: Date): Promise<void>;
}
