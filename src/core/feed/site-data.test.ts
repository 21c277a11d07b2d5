import { describe, expect, it } from 'vitest';
import { coordinate, readSiteData, SITE_DATA_DEFAULTS, timeZoneOf, type SiteData, type SiteDataInput } from './site-data.ts';

const complete: SiteData = {
  city: 'Oslo',
  postalCode: '0252',
  country: 'NO',
  coordinates: { latitude: '59.906900', longitude: '10.721300' },
  timeZone: 'Europe/Oslo',
  openingHours: { twentyFourSeven: true },
  parkingType: 'PARKING_LOT',
  parkingRestrictions: ['EV_ONLY'],
  facilities: ['CAFE'],
  ownerName: null,
};

function errorsOf(input: SiteDataInput, current?: SiteData) {
  const r = readSiteData(input, current);
  return r.ok ? [] : r.error.map((e) => `${e.field}:${e.code}`);
}

describe('site data', () => {
  it('reads a whole site, trimmed, codes in capitals, lists in the vocabulary order and once', () => {
    const r = readSiteData({
      city: ' Oslo ',
      postalCode: '0252',
      country: 'no',
      coordinates: { latitude: '59.9069', longitude: '10.7213' },
      timeZone: 'europe/oslo',
      openingHours: { twentyFourSeven: true },
      parkingType: 'PARKING_LOT',
      parkingRestrictions: ['EV_ONLY'],
      facilities: ['WIFI', 'CAFE', 'WIFI'],
      ownerName: '',
    });
    expect(r).toEqual({ ok: true, value: { ...complete, facilities: ['CAFE', 'WIFI'] } });
  });

  it('keeps what the input leaves out, and clears what it sets to null or ""', () => {
    expect(readSiteData({ city: 'Bergen' }, complete)).toEqual({ ok: true, value: { ...complete, city: 'Bergen' } });
    expect(readSiteData({ coordinates: null, openingHours: null, postalCode: '', parkingType: null }, complete)).toEqual({
      ok: true,
      value: { ...complete, coordinates: null, openingHours: null, postalCode: null, parkingType: null },
    });
  });

  it('defaults to Norway and its time zone, with nothing else known', () => {
    expect(readSiteData({})).toEqual({ ok: true, value: SITE_DATA_DEFAULTS });
    expect(SITE_DATA_DEFAULTS).toMatchObject({ country: 'NO', timeZone: 'Europe/Oslo', coordinates: null, parkingRestrictions: [], facilities: [] });
  });

  it.each<[string, SiteDataInput, string[]]>([
    ['a Norwegian postal code of 5 digits', { postalCode: '01500' }, ['postalCode:bad_postal_code']],
    ['a Norwegian postal code with letters', { postalCode: 'O150' }, ['postalCode:bad_postal_code']],
    ['a country that is not ISO 3166-1', { country: 'XX' }, ['country:bad_country']],
    ['a country as alpha-3', { country: 'NOR' }, ['country:bad_country']],
    ['a latitude beyond 90', { coordinates: { latitude: '90.5', longitude: '10' } }, ['coordinates.latitude:bad_coordinate']],
    ['a longitude beyond 180', { coordinates: { latitude: '59', longitude: '-180.000001' } }, ['coordinates.longitude:bad_coordinate']],
    ['seven decimals', { coordinates: { latitude: '59.9069001', longitude: '10.7213' } }, ['coordinates.latitude:bad_coordinate']],
    ['a decimal comma', { coordinates: { latitude: '59,9069', longitude: '10.7213' } }, ['coordinates.latitude:bad_coordinate']],
    ['a number, not text', { coordinates: { latitude: 59.9, longitude: '10.7213' } }, ['coordinates.latitude:bad_coordinate']],
    ['a latitude without a longitude', { coordinates: { latitude: '59.9' } }, ['coordinates.longitude:missing_coordinate']],
    ['a longitude without a latitude', { coordinates: { latitude: '', longitude: '10.7' } }, ['coordinates.latitude:missing_coordinate']],
    ['a time zone that does not exist', { timeZone: 'Europe/Trondheim' }, ['timeZone:bad_time_zone']],
    ['an offset for a time zone', { timeZone: '+01:00' }, ['timeZone:bad_time_zone']],
    ['hours that are not hours', { openingHours: { twentyFourSeven: 'yes' } }, ['openingHours:bad_hours']],
    ['a parking type OCPI does not have', { parkingType: 'GARAGE' }, ['parkingType:unknown_value']],
    ['a parking restriction OCPI does not have', { parkingRestrictions: ['EV_ONLY', 'TAXI'] }, ['parkingRestrictions:unknown_value']],
    ['a facility OCPI does not have', { facilities: ['SAUNA'] }, ['facilities:unknown_value']],
    ['a city longer than OCPI takes', { city: 'x'.repeat(46) }, ['city:too_long']],
    ['an owner longer than OCPI takes', { ownerName: 'x'.repeat(101) }, ['ownerName:too_long']],
  ])('refuses %s, naming the field', (_what, input, expected) => {
    expect(errorsOf(input, complete)).toEqual(expected);
  });

  it('checks the postal code by the country it ends up with', () => {
    expect(errorsOf({ country: 'SE' }, complete)).toEqual([]);
    expect(errorsOf({ country: 'SE', postalCode: '411 01' }, complete)).toEqual([]);
    expect(errorsOf({ country: 'NO', postalCode: '411 01' }, complete)).toEqual(['postalCode:bad_postal_code']);
    expect(errorsOf({ country: 'NO' }, { ...complete, country: 'SE', postalCode: '41101' })).toEqual(['postalCode:bad_postal_code']);
  });

  it('lists every wrong field at once', () => {
    expect(errorsOf({ postalCode: '1', country: 'ZZ', parkingType: 'X' })).toEqual(['country:bad_country', 'postalCode:bad_postal_code', 'parkingType:unknown_value']);
  });
});

describe('a coordinate', () => {
  it.each([
    ['59.9069', 90, '59.906900'],
    ['59', 90, '59.000000'],
    ['-126.104965', 180, '-126.104965'],
    ['-0.0', 90, '0.000000'],
    ['007.5', 90, '7.500000'],
    ['90', 90, '90.000000'],
    ['-180.000000', 180, '-180.000000'],
  ])('%s (±%d) is kept as %s, as OCPI GeoLocation takes it', (text, limit, kept) => {
    expect(coordinate(text, limit)).toBe(kept);
    expect(kept).toMatch(/^-?[0-9]{1,3}\.[0-9]{5,7}$/);
  });

  it.each([['90.000001', 90], ['1e3', 180], ['', 90], ['.5', 90], ['5.', 90], ['1234', 180], ['59.1234567', 90]])('refuses %j', (text, limit) => {
    expect(coordinate(text, limit)).toBeUndefined();
  });
});

describe('a time zone', () => {
  it.each([
    ['Europe/Oslo', 'Europe/Oslo'],
    ['europe/oslo', 'Europe/Oslo'],
    ['Arctic/Longyearbyen', 'Arctic/Longyearbyen'],
    ['UTC', 'UTC'],
  ])('%s is %s', (name, zone) => expect(timeZoneOf(name)).toBe(zone));

  it.each(['', 'Oslo', 'Europe/Nowhere', 'Europe//Oslo', '../etc', 'CET+1'])('%j is none', (name) => expect(timeZoneOf(name)).toBeUndefined());
});
