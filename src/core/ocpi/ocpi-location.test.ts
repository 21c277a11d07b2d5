import { describe, expect, it } from 'vitest';
import { aPublishedSite, aSecondEvse, anEvse, anOperator } from '../../../test/support/published-site-builder.ts';
import type { FeedStatus } from '../feed/feed-status.ts';
import { ocpiEvseStatus } from './evse-status.ts';
import { ocpiLocation, ocpiLocationId } from './ocpi-location.ts';
import { cut, ocpiId, streetOf } from './ocpi-text.ts';
import { OCPI_EVSE_STATUSES } from './ocpi-types.ts';

const operator = anOperator();

// Every null-valued or undefined field anywhere in an object: OCPI gets an
// optional field left out, never null.
function nulls(value: unknown, path = ''): string[] {
  if (value === null || value === undefined) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nulls(v, `${path}/${i}`));
  if (typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nulls(v, `${path}/${k}`));
  return [];
}

describe('a published site as an OCPI 2.2.1 Location', () => {
  it('carries every field Ladepay has, as OCPI spells it', () => {
    const location = ocpiLocation(aPublishedSite(), operator);
    expect(location).toEqual({
      country_code: 'NO',
      party_id: 'LDP',
      id: 'demo',
      publish: true,
      name: 'Ladepay Demo – Tjuvholmen',
      address: 'Tjuvholmen allé 1',
      city: 'Oslo',
      postal_code: '0252',
      country: 'NOR',
      coordinates: { latitude: '59.907400', longitude: '10.721900' },
      parking_type: 'PARKING_LOT',
      evses: [
        {
          uid: 'DEMO01',
          evse_id: 'NO*LDP*EDEMO01',
          status: 'AVAILABLE',
          connectors: [
            {
              id: '1',
              standard: 'IEC_62196_T2_COMBO',
              format: 'CABLE',
              power_type: 'DC',
              max_voltage: 500,
              max_amperage: 125,
              max_electric_power: 50_000,
              tariff_ids: ['T0123456789abcdef0123456789abcdef'],
              terms_and_conditions: 'https://lade.example/terms',
              last_updated: '2026-03-01T10:00:00.000Z',
            },
          ],
          physical_reference: 'DEMO01',
          parking_restrictions: ['EV_ONLY', 'PLUGGED'],
          last_updated: '2026-03-02T08:30:00.000Z',
        },
        expect.objectContaining({ uid: 'DEMO02', status: 'CHARGING', capabilities: ['CREDIT_CARD_PAYABLE', 'DEBIT_CARD_PAYABLE'] }),
      ],
      operator: { name: 'Ladepay Demo Lading AS' },
      facilities: ['RESTAURANT', 'CAFE', 'MUSEUM'],
      time_zone: 'Europe/Oslo',
      opening_times: { twentyfourseven: true },
      energy_mix: { is_green_energy: false },
      last_updated: '2026-03-02T08:30:00.000Z',
    });
    expect(nulls(location)).toEqual([]);
  });

  it('has the five fields the Dutch NAP requires on every EVSE and Connector, even when there is nothing in them', () => {
    const site = aPublishedSite({ data: { ...aPublishedSite().data, parkingRestrictions: [] }, stations: [{ id: 'S', name: 'S', updatedAt: '2026-01-01T00:00:00.000Z', evses: [anEvse({ tariff: undefined, priceNow: undefined })] }] });
    const location = ocpiLocation(site, operator);
    const evse = location.evses?.[0];
    expect(location.opening_times).toBeDefined();
    expect(location.energy_mix).toEqual({ is_green_energy: false });
    expect(evse?.parking_restrictions).toEqual([]);
    expect(evse?.connectors[0]?.max_electric_power).toBe(50_000);
    expect(evse?.connectors[0]?.tariff_ids).toEqual([]);
  });

  it('leaves out what the site does not have, and says the energy mix the operator gives', () => {
    const site = aPublishedSite({ data: { ...aPublishedSite().data, facilities: [], ownerName: 'Tjuvholmen Eiendom AS' } });
    const location = ocpiLocation(site, operator, { energyMix: { is_green_energy: true, supplier_name: 'Kraft AS' } });
    expect(location).not.toHaveProperty('facilities');
    expect(location.owner).toEqual({ name: 'Tjuvholmen Eiendom AS' });
    expect(location.energy_mix).toEqual({ is_green_energy: true, supplier_name: 'Kraft AS' });
    expect(location.evses?.[0]).not.toHaveProperty('capabilities');
  });

  it('gives regular hours in local time, weekday 1 = Monday', () => {
    const hours = { twentyFourSeven: false as const, regularHours: [{ weekday: 1 as const, periodBegin: '07:00', periodEnd: '22:00' }, { weekday: 6 as const, periodBegin: '10:00', periodEnd: '16:00' }] };
    const location = ocpiLocation(aPublishedSite({ data: { ...aPublishedSite().data, openingHours: hours } }), operator);
    expect(location.opening_times).toEqual({
      twentyfourseven: false,
      regular_hours: [
        { weekday: 1, period_begin: '07:00', period_end: '22:00' },
        { weekday: 6, period_begin: '10:00', period_end: '16:00' },
      ],
    });
  });

  it('dates each object by its latest change: a connector by its description or tariff, an EVSE also by its status, a Location by all of them', () => {
    const newTariff = { ...anEvse().tariff!, since: '2026-03-05T00:00:00.000Z' };
    const site = aPublishedSite({ stations: [{ id: 'S', name: 'S', updatedAt: '2026-01-01T00:00:00.000Z', evses: [anEvse({ tariff: newTariff }), aSecondEvse({ statusAt: '2026-03-06T00:00:00.000Z' })] }] });
    const location = ocpiLocation(site, operator);
    expect(location.evses?.[0]?.connectors[0]?.last_updated).toBe('2026-03-05T00:00:00.000Z');
    expect(location.evses?.[0]?.last_updated).toBe('2026-03-05T00:00:00.000Z');
    expect(location.evses?.[1]?.connectors[0]?.last_updated).toBe('2026-03-01T10:00:00.000Z');
    expect(location.evses?.[1]?.last_updated).toBe('2026-03-06T00:00:00.000Z');
    expect(location.last_updated).toBe('2026-03-06T00:00:00.000Z');
    expect(ocpiLocation(aPublishedSite({ updatedAt: '2026-04-01T00:00:00.000Z' }), operator).last_updated).toBe('2026-04-01T00:00:00.000Z');
  });

  it('keeps within OCPI’s lengths and formats', () => {
    const long = 'x'.repeat(300);
    const location = ocpiLocation(aPublishedSite({ id: `site-${'a'.repeat(43)}`, name: long, address: `${'Veien'.repeat(20)} 1, 0252 Oslo` }), anOperator({ name: long }));
    expect(location.id.length).toBeLessThanOrEqual(36);
    expect(location.name?.length).toBe(255);
    expect(location.address.length).toBeLessThanOrEqual(45);
    expect(location.operator?.name.length).toBe(100);
    expect(location.coordinates.latitude).toMatch(/^-?[0-9]{1,2}\.[0-9]{5,7}$/);
    expect(location.coordinates.longitude).toMatch(/^-?[0-9]{1,3}\.[0-9]{5,7}$/);
    expect(location.country).toMatch(/^[A-Z]{3}$/);
    for (const e of location.evses ?? []) {
      expect(e.uid.length).toBeLessThanOrEqual(36);
      expect(e.evse_id?.length).toBeLessThanOrEqual(48);
      expect(e.last_updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    }
  });
});

describe('OCPI texts and ids', () => {
  it.each([
    ['Tjuvholmen allé 1, 0252 Oslo', 'Tjuvholmen allé 1'],
    ['Tjuvholmen allé 1 0252 OSLO', 'Tjuvholmen allé 1'],
    ['Tjuvholmen allé 1', 'Tjuvholmen allé 1'],
    ['0252 Oslo', '0252 Oslo'],
  ])('the street of %j is %j', (address, street) => expect(streetOf(address, '0252', 'Oslo')).toBe(street));

  it('cuts at a character, never inside one', () => expect(cut('Ålesund 😀 havn', 9)).toBe('Ålesund 😀'));

  it('keeps an id that fits, and makes a long one fit, stable and distinct', () => {
    expect(ocpiLocationId({ id: 'oslo-sentrum' })).toBe('oslo-sentrum');
    const a = ocpiId(`${'a'.repeat(32)}-nord`);
    const b = ocpiId(`${'a'.repeat(32)}-syd`);
    expect(a).toHaveLength(36);
    expect(a).not.toBe(b);
    expect(ocpiId(`${'a'.repeat(32)}-nord`)).toBe(a);
  });
});

describe('the EVSE status in OCPI', () => {
  it.each<[FeedStatus, string]>([
    ['available', 'AVAILABLE'],
    ['charging', 'CHARGING'],
    ['occupied', 'CHARGING'],
    ['blocked', 'BLOCKED'],
    ['reserved', 'RESERVED'],
    ['unavailable', 'INOPERATIVE'],
    ['faulted', 'OUTOFORDER'],
    ['unknown', 'UNKNOWN'],
  ])('%s is %s', (status, ocpi) => {
    expect(ocpiEvseStatus(status)).toBe(ocpi);
    expect(OCPI_EVSE_STATUSES).toContain(ocpi);
  });
});
