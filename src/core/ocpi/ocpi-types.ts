import type { ConnectorFormat, ConnectorStandard, Facility, ParkingRestriction, ParkingType, PowerType } from '../feed/feed-vocabulary.ts';

// The OCPI 2.2.1 objects Ladepay sends as a CPO (mod_locations: Location, EVSE,
// Connector; mod_tariffs: Tariff), with only the fields Ladepay fills in. An
// optional field Ladepay has nothing for is left out, never sent as null.
// DateTime is RFC 3339 in UTC with "Z" (types: DateTime), e.g. "2026-03-02T08:00:00.000Z".

export const OCPI_EVSE_STATUSES = ['AVAILABLE', 'BLOCKED', 'CHARGING', 'INOPERATIVE', 'OUTOFORDER', 'PLANNED', 'REMOVED', 'RESERVED', 'UNKNOWN'] as const;
export type OcpiEvseStatus = (typeof OCPI_EVSE_STATUSES)[number];

export type OcpiCapability = 'CREDIT_CARD_PAYABLE' | 'DEBIT_CARD_PAYABLE';

export interface OcpiDisplayText {
  language: string; // ISO 639-1
  text: string; // string(512), no markup
}

export interface OcpiGeoLocation {
  latitude: string; // -?[0-9]{1,2}\.[0-9]{5,7}
  longitude: string; // -?[0-9]{1,3}\.[0-9]{5,7}
}

export interface OcpiBusinessDetails {
  name: string; // string(100)
  website?: string;
}

export interface OcpiRegularHours {
  weekday: number; // 1 = Monday … 7 = Sunday
  period_begin: string; // "HH:MM", local time
  period_end: string;
}

export interface OcpiHours {
  twentyfourseven: boolean;
  regular_hours?: OcpiRegularHours[];
}

export interface OcpiEnergyMix {
  is_green_energy: boolean;
  supplier_name?: string; // string(64)
  energy_product_name?: string; // string(64)
}

export interface OcpiConnector {
  id: string;
  standard: ConnectorStandard;
  format: ConnectorFormat;
  power_type: PowerType;
  max_voltage: number;
  max_amperage: number;
  max_electric_power?: number;
  tariff_ids?: string[];
  terms_and_conditions?: string;
  last_updated: string;
}

export interface OcpiEvse {
  uid: string; // CiString(36)
  evse_id?: string; // CiString(48), eMI3
  status: OcpiEvseStatus;
  capabilities?: OcpiCapability[];
  connectors: OcpiConnector[];
  physical_reference?: string; // string(16)
  parking_restrictions?: ParkingRestriction[];
  last_updated: string;
}

export interface OcpiLocation {
  country_code: string; // CiString(2)
  party_id: string; // CiString(3)
  id: string; // CiString(36)
  publish: boolean;
  name?: string; // string(255)
  address: string; // string(45)
  city: string; // string(45)
  postal_code?: string; // string(10)
  country: string; // ISO 3166-1 alpha-3
  coordinates: OcpiGeoLocation;
  parking_type?: ParkingType;
  evses?: OcpiEvse[];
  operator?: OcpiBusinessDetails;
  owner?: OcpiBusinessDetails;
  facilities?: Facility[];
  time_zone: string; // IANA
  opening_times?: OcpiHours;
  energy_mix?: OcpiEnergyMix;
  last_updated: string;
}

export type OcpiTariffDimension = 'ENERGY' | 'FLAT' | 'PARKING_TIME' | 'TIME';
export type OcpiDayOfWeek = 'MONDAY' | 'TUESDAY' | 'WEDNESDAY' | 'THURSDAY' | 'FRIDAY' | 'SATURDAY' | 'SUNDAY';

export interface OcpiPriceComponent {
  type: OcpiTariffDimension;
  price: number; // per unit, excl. VAT: per kWh (ENERGY), per hour (TIME, PARKING_TIME), each (FLAT)
  vat?: number; // percent
  step_size: number; // Wh for ENERGY, seconds for TIME and PARKING_TIME
}

export interface OcpiTariffRestrictions {
  start_time?: string; // "HH:MM", local time of the Location
  end_time?: string; // "00:00" is the end of the day
  min_duration?: number; // seconds of the session
  day_of_week?: OcpiDayOfWeek[];
}

export interface OcpiTariffElement {
  price_components: OcpiPriceComponent[];
  restrictions?: OcpiTariffRestrictions;
}

export interface OcpiTariff {
  country_code: string;
  party_id: string;
  id: string; // CiString(36)
  currency: string; // ISO 4217
  type?: 'AD_HOC_PAYMENT';
  tariff_alt_text?: OcpiDisplayText[];
  elements: OcpiTariffElement[];
  last_updated: string;
}
