import { CONNECTOR_FORMATS, CONNECTOR_STANDARDS, FACILITIES, PARKING_RESTRICTIONS, PARKING_TYPES, POWER_TYPES, isOneOf } from '../../core/feed/feed-vocabulary.ts';
import type { ConnectorData } from '../../core/feed/connector-data.ts';
import { readOpeningHours } from '../../core/feed/opening-hours.ts';
import type { SiteData } from '../../core/feed/site-data.ts';
import type { ConnectorsTable, SitesTable } from './schema.ts';

// The feed data of sites and connectors as stored (migration 0016) and as
// read back: JSON for the hours and the lists, 0/1 for the card terminal.
// Written only after the core has checked it; anything else found in a column
// reads as not known rather than passing through.

type SiteColumns = Pick<SitesTable, 'city' | 'postal_code' | 'country' | 'latitude' | 'longitude' | 'time_zone' | 'opening_hours' | 'parking_type' | 'parking_restrictions' | 'facilities' | 'owner_name'>;
type ConnectorColumns = Pick<ConnectorsTable, 'standard' | 'format' | 'power_type' | 'max_voltage' | 'max_amperage' | 'card_terminal'>;

function parsed(json: string | null): unknown {
  if (json === null) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

function listOf<T extends string>(words: readonly T[], json: string): T[] {
  const list = parsed(json);
  return Array.isArray(list) ? words.filter((w) => list.includes(w)) : [];
}

export function readStoredSiteData(row: SiteColumns): SiteData {
  const hours = readOpeningHours(parsed(row.opening_hours));
  return {
    city: row.city,
    postalCode: row.postal_code,
    country: row.country,
    coordinates: row.latitude !== null && row.longitude !== null ? { latitude: row.latitude, longitude: row.longitude } : null,
    timeZone: row.time_zone,
    openingHours: hours.ok ? hours.value : null,
    parkingType: isOneOf(PARKING_TYPES, row.parking_type) ? row.parking_type : null,
    parkingRestrictions: listOf(PARKING_RESTRICTIONS, row.parking_restrictions),
    facilities: listOf(FACILITIES, row.facilities),
    ownerName: row.owner_name,
  };
}

// Only the fields given: a patch writes what it names and nothing else.
export function siteDataColumns(d: Partial<SiteData>): Partial<SiteColumns> {
  const columns: Partial<SiteColumns> = {
    city: d.city,
    postal_code: d.postalCode,
    country: d.country,
    time_zone: d.timeZone,
    parking_type: d.parkingType,
    owner_name: d.ownerName,
    ...(d.coordinates !== undefined ? { latitude: d.coordinates?.latitude ?? null, longitude: d.coordinates?.longitude ?? null } : {}),
    ...(d.openingHours !== undefined ? { opening_hours: d.openingHours === null ? null : JSON.stringify(d.openingHours) } : {}),
    ...(d.parkingRestrictions !== undefined ? { parking_restrictions: JSON.stringify(d.parkingRestrictions) } : {}),
    ...(d.facilities !== undefined ? { facilities: JSON.stringify(d.facilities) } : {}),
  };
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined));
}

export function readStoredConnectorData(row: ConnectorColumns): ConnectorData {
  return {
    standard: isOneOf(CONNECTOR_STANDARDS, row.standard) ? row.standard : null,
    format: isOneOf(CONNECTOR_FORMATS, row.format) ? row.format : null,
    powerType: isOneOf(POWER_TYPES, row.power_type) ? row.power_type : null,
    maxVoltage: row.max_voltage,
    maxAmperage: row.max_amperage,
    cardTerminal: row.card_terminal === 1,
  };
}

export function connectorDataColumns(d: Partial<ConnectorData>): Partial<ConnectorColumns> {
  const columns: Partial<ConnectorColumns> = {
    standard: d.standard,
    format: d.format,
    power_type: d.powerType,
    max_voltage: d.maxVoltage,
    max_amperage: d.maxAmperage,
    card_terminal: d.cardTerminal === undefined ? undefined : d.cardTerminal ? 1 : 0,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined));
}
