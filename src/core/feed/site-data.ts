import { err, ok, type Result } from '../result.ts';
import { isCountryCode } from './country-codes.ts';
import { FACILITIES, PARKING_RESTRICTIONS, PARKING_TYPES, isOneOf, type Facility, type ParkingRestriction, type ParkingType } from './feed-vocabulary.ts';
import { readOpeningHours, type HoursError, type OpeningHours } from './opening-hours.ts';

// What the charger feeds (OCPI 2.2.1 Location, DATEX II) say of a site beyond
// its name and address (docs/feed-data.md). A field not known yet is null;
// country and time zone always have a value (Norway's by default).

/** WGS 84 in decimal degrees, as OCPI's GeoLocation takes them: "59.906900", six decimals. */
export interface Coordinates {
  readonly latitude: string;
  readonly longitude: string;
}

export interface SiteData {
  readonly city: string | null;
  readonly postalCode: string | null;
  readonly country: string; // ISO 3166-1 alpha-2
  readonly coordinates: Coordinates | null;
  readonly timeZone: string; // IANA
  readonly openingHours: OpeningHours | null;
  readonly parkingType: ParkingType | null;
  readonly parkingRestrictions: readonly ParkingRestriction[];
  readonly facilities: readonly Facility[];
  readonly ownerName: string | null; // set only when the owner is not the operator
}

export const SITE_DATA_DEFAULTS: SiteData = Object.freeze({
  city: null,
  postalCode: null,
  country: 'NO',
  coordinates: null,
  timeZone: 'Europe/Oslo',
  openingHours: null,
  parkingType: null,
  parkingRestrictions: Object.freeze([]),
  facilities: Object.freeze([]),
  ownerName: null,
});

/** As given by a form or an API body: a field left out (undefined) keeps its current value; null or "" clears it. */
export interface SiteDataInput {
  city?: string | null;
  postalCode?: string | null;
  country?: string;
  coordinates?: { latitude?: unknown; longitude?: unknown } | null;
  timeZone?: string;
  openingHours?: unknown;
  parkingType?: string | null;
  parkingRestrictions?: readonly unknown[];
  facilities?: readonly unknown[];
  ownerName?: string | null;
}

export type SiteDataErrorCode = 'too_long' | 'bad_postal_code' | 'bad_country' | 'bad_coordinate' | 'missing_coordinate' | 'bad_time_zone' | 'bad_hours' | 'unknown_value';

export interface SiteDataError {
  /** As in the API body; the coordinates' are "coordinates.latitude" and "coordinates.longitude". */
  readonly field: string;
  readonly code: SiteDataErrorCode;
  readonly limit?: number;
  readonly value?: string;
  readonly hours?: HoursError;
  readonly country?: string; // bad_postal_code: the country whose rule it breaks
}

// OCPI 2.2.1 string lengths: city string(45), BusinessDetails.name string(100), postal_code string(10).
export const CITY_MAX = 45;
export const OWNER_MAX = 100;

/** The site's data with the input applied, or every field the input gets wrong. */
export function readSiteData(input: SiteDataInput, current: SiteData = SITE_DATA_DEFAULTS): Result<SiteData, SiteDataError[]> {
  const errors: SiteDataError[] = [];
  const city = text(input.city, current.city, 'city', CITY_MAX, errors);
  const ownerName = text(input.ownerName, current.ownerName, 'ownerName', OWNER_MAX, errors);
  const country = input.country === undefined ? current.country : input.country.trim().toUpperCase();
  if (!isCountryCode(country)) errors.push({ field: 'country', code: 'bad_country', value: country });
  const postalCode = input.postalCode === undefined ? current.postalCode : emptyAsNull(input.postalCode)?.toUpperCase() ?? null;
  if (postalCode !== null && !postalCodeFits(postalCode, country)) errors.push({ field: 'postalCode', code: 'bad_postal_code', country });
  const coordinates = input.coordinates === undefined ? current.coordinates : readCoordinates(input.coordinates, errors);
  const timeZone = input.timeZone === undefined ? current.timeZone : timeZoneOf(input.timeZone.trim());
  if (timeZone === undefined) errors.push({ field: 'timeZone', code: 'bad_time_zone', value: input.timeZone ?? '' });
  const openingHours = input.openingHours === undefined ? current.openingHours : readHours(input.openingHours, errors);
  const parkingType = input.parkingType === undefined ? current.parkingType : emptyAsNull(input.parkingType);
  if (parkingType !== null && !isOneOf(PARKING_TYPES, parkingType)) errors.push({ field: 'parkingType', code: 'unknown_value', value: parkingType });
  const parkingRestrictions = input.parkingRestrictions === undefined ? current.parkingRestrictions : listOf(PARKING_RESTRICTIONS, input.parkingRestrictions, 'parkingRestrictions', errors);
  const facilities = input.facilities === undefined ? current.facilities : listOf(FACILITIES, input.facilities, 'facilities', errors);
  if (errors.length > 0 || timeZone === undefined) return err(errors);
  return ok(Object.freeze({ city, postalCode, country, coordinates, timeZone, openingHours, parkingType: parkingType as ParkingType | null, parkingRestrictions, facilities, ownerName }));
}

function emptyAsNull(value: string | null): string | null {
  const v = value?.trim() ?? '';
  return v === '' ? null : v;
}

function text(value: string | null | undefined, current: string | null, field: string, max: number, errors: SiteDataError[]): string | null {
  if (value === undefined) return current;
  const v = emptyAsNull(value);
  if (v !== null && v.length > max) errors.push({ field, code: 'too_long', limit: max });
  return v;
}

// Norway's postal codes are four digits (Posten); elsewhere OCPI's string(10) of letters, digits, spaces and dashes.
function postalCodeFits(code: string, country: string): boolean {
  return country === 'NO' ? /^\d{4}$/.test(code) : /^[A-Z0-9][A-Z0-9 -]{1,9}$/.test(code);
}

function readCoordinates(given: { latitude?: unknown; longitude?: unknown } | null, errors: SiteDataError[]): Coordinates | null {
  if (given === null) return null;
  const blank = (v: unknown) => v === undefined || v === null || v === '';
  if (blank(given.latitude) && blank(given.longitude)) return null;
  const read = (field: 'latitude' | 'longitude', limit: number): string | undefined => {
    const value = given[field];
    const parsed = blank(value) ? undefined : coordinate(value, limit);
    if (blank(value)) errors.push({ field: `coordinates.${field}`, code: 'missing_coordinate' });
    else if (parsed === undefined) errors.push({ field: `coordinates.${field}`, code: 'bad_coordinate', limit });
    return parsed;
  };
  const latitude = read('latitude', 90);
  const longitude = read('longitude', 180);
  return latitude !== undefined && longitude !== undefined ? Object.freeze({ latitude, longitude }) : null;
}

/**
 * "59.9069", "-126.104965" → six decimals ("59.906900"): OCPI 2.2.1 GeoLocation
 * wants 5 to 7 (regex -?[0-9]{1,2}\.[0-9]{5,7}), six is about 0.1 m. More
 * than six decimals, a comma or anything beyond ±limit is refused.
 */
export function coordinate(value: unknown, limit: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(-?)(\d{1,3})(?:\.(\d{1,6}))?$/.exec(value.trim());
  if (!m) return undefined;
  const whole = String(Number(m[2]));
  const fraction = (m[3] ?? '').padEnd(6, '0');
  const magnitude = Number(`${whole}.${fraction}`);
  if (magnitude > limit) return undefined;
  return `${m[1] === '-' && magnitude > 0 ? '-' : ''}${whole}.${fraction}`;
}

/** An IANA time zone as the runtime's zone database knows it, in its own spelling ("europe/oslo" → "Europe/Oslo"). */
export function timeZoneOf(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function readHours(given: unknown, errors: SiteDataError[]): OpeningHours | null {
  if (given === null) return null;
  const read = readOpeningHours(given);
  if (read.ok) return read.value;
  errors.push({ field: 'openingHours', code: 'bad_hours', hours: read.error });
  return null;
}

// Each value once, in the vocabulary's order.
function listOf<T extends string>(words: readonly T[], given: readonly unknown[], field: string, errors: SiteDataError[]): readonly T[] {
  const unknown = given.find((v) => !isOneOf(words, v));
  if (unknown !== undefined) errors.push({ field, code: 'unknown_value', value: String(unknown) });
  return Object.freeze(words.filter((w) => given.includes(w)));
}
