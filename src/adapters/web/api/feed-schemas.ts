import { CONNECTOR_FORMATS, CONNECTOR_STANDARDS, FACILITIES, PARKING_RESTRICTIONS, PARKING_TYPES, POWER_TYPES } from '../../../core/feed/feed-vocabulary.ts';

// The feed data of sites and connectors in the API (docs/feed-data.md), as
// given and as answered. The schemas check shape and vocabulary; the core
// checks the rest (postal code by country, coordinates in range, a power the
// voltage and amperage allow) and its refusal names the field.

const nullable = (type: string, extra: object = {}) => ({ type: [type, 'null'], ...extra });

const regularHours = {
  type: 'object',
  additionalProperties: false,
  required: ['weekday', 'periodBegin', 'periodEnd'],
  properties: {
    weekday: { type: 'integer', description: '1 = Monday … 7 = Sunday' },
    periodBegin: { type: 'string', description: '"HH:MM", local time of the site' },
    periodEnd: { type: 'string', description: '"HH:MM", later than periodBegin (23:59 at the latest)' },
  },
} as const;

const openingHours = {
  type: ['object', 'null'],
  additionalProperties: false,
  description: 'OCPI Hours: {"twentyFourSeven": true}, or {"twentyFourSeven": false, "regularHours": [...]}; a weekday without a period is closed. null: not known',
  properties: { twentyFourSeven: { type: 'boolean' }, regularHours: { type: 'array', maxItems: 28, items: regularHours } },
} as const;

const coordinates = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['latitude', 'longitude'],
  description: 'WGS 84 decimal degrees as text, at most 6 decimals ("59.9069"); answered with 6. null: not known',
  properties: { latitude: { type: 'string' }, longitude: { type: 'string' } },
} as const;

// Given on create or change: any may be left out.
export const siteDataBody = {
  city: nullable('string', { maxLength: 45 }),
  postalCode: nullable('string', { maxLength: 10, description: 'in Norway 4 digits' }),
  country: { type: 'string', maxLength: 2, description: 'ISO 3166-1 alpha-2; NO when left out' },
  coordinates,
  timeZone: { type: 'string', maxLength: 64, description: 'IANA time zone; Europe/Oslo when left out' },
  openingHours,
  parkingType: { type: ['string', 'null'], enum: [...PARKING_TYPES, null], description: 'OCPI ParkingType' },
  parkingRestrictions: { type: 'array', maxItems: PARKING_RESTRICTIONS.length, items: { type: 'string', enum: [...PARKING_RESTRICTIONS] }, description: 'OCPI ParkingRestriction' },
  facilities: { type: 'array', maxItems: FACILITIES.length, items: { type: 'string', enum: [...FACILITIES] }, description: 'OCPI Facility' },
  ownerName: nullable('string', { maxLength: 100, description: 'the owner, when not the operator' }),
} as const;

export const siteDataAnswer = {
  city: nullable('string'),
  postalCode: nullable('string'),
  country: { type: 'string' },
  coordinates,
  timeZone: { type: 'string' },
  openingHours,
  parkingType: nullable('string'),
  parkingRestrictions: { type: 'array', items: { type: 'string' } },
  facilities: { type: 'array', items: { type: 'string' } },
  ownerName: nullable('string'),
} as const;

export const connectorDataBody = {
  standard: { type: ['string', 'null'], enum: [...CONNECTOR_STANDARDS, null], description: 'OCPI ConnectorType; left out: what the type suggests' },
  format: { type: ['string', 'null'], enum: [...CONNECTOR_FORMATS, null], description: 'OCPI ConnectorFormat' },
  powerType: { type: ['string', 'null'], enum: [...POWER_TYPES, null], description: 'OCPI PowerType' },
  maxVoltage: nullable('integer', { description: 'V (line to neutral for AC_3_PHASE)' }),
  maxAmperage: nullable('integer', { description: 'A' }),
  cardTerminal: { type: 'boolean', description: 'a payment card terminal at this connector (its EVSE)' },
} as const;

export const connectorDataAnswer = {
  standard: nullable('string'),
  format: nullable('string'),
  powerType: nullable('string'),
  maxVoltage: nullable('integer'),
  maxAmperage: nullable('integer'),
  cardTerminal: { type: 'boolean' },
  evseId: { type: ['string', 'null'], description: 'the public EVSE id (eMI3), made once the site has all a feed needs; never changes' },
} as const;

const missing = {
  type: 'object',
  properties: { scope: { type: 'string', enum: ['site', 'operator', 'connector'] }, field: { type: 'string' }, connectorId: { type: 'string' }, code: { type: 'string' } },
} as const;

export const siteFeedSchema = {
  type: 'object',
  properties: {
    siteId: { type: 'string' },
    complete: { type: 'boolean', description: 'true: the site has everything the charger feeds require' },
    missing: { type: 'array', items: missing },
    operator: { type: 'object', properties: { countryCode: { type: 'string' }, partyId: nullable('string'), helpLine: nullable('string') } },
    evses: { type: 'array', items: { type: 'object', properties: { connectorId: { type: 'string' }, code: { type: 'string' }, evseId: nullable('string') } } },
  },
} as const;
