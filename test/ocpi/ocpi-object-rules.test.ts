import { describe, expect, it } from 'vitest';
import { locationProblems, tariffProblems } from '../support/ocpi-object-rules.ts';
import { pricesAt } from '../support/ocpi-tariff-reader.ts';

// The test access point's own checks find what they look for (the checks
// themselves), on objects shaped as the OCPI 2.2.1 examples are.
const location = {
  country_code: 'SE',
  party_id: 'EVC',
  id: 'cbb0df21-d17d-40ba-a4aa-dc588c8f98cb',
  publish: true,
  address: 'Claesgatan 6',
  city: 'Malmö',
  postal_code: '214 26',
  country: 'SWE',
  coordinates: { latitude: '55.590325', longitude: '13.008307' },
  evses: [
    {
      uid: 'eccb8dd9',
      evse_id: 'SE*EVC*E000000123',
      status: 'AVAILABLE',
      connectors: [{ id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 32, max_electric_power: 22_000, tariff_ids: ['12'], last_updated: '2017-03-07T02:21:22Z' }],
      parking_restrictions: [],
      last_updated: '2017-03-07T02:21:22Z',
    },
  ],
  time_zone: 'Europe/Stockholm',
  opening_times: { twentyfourseven: false, regular_hours: [{ weekday: 1, period_begin: '07:00', period_end: '18:00' }] },
  energy_mix: { is_green_energy: false },
  last_updated: '2017-03-07T02:21:22Z',
};

describe('the OCPI object checks', () => {
  it('pass a Location as the spec shows one, with the Dutch NAP’s fields', () => {
    expect(locationProblems(location)).toEqual([]);
  });

  it('name every problem with its path', () => {
    const { energy_mix: _mix, ...noMix } = location;
    const bad = { ...noMix, country: 'SE', city: 'x'.repeat(46), name: null, evses: [{ ...location.evses[0], status: 'FREE', connectors: [{ ...location.evses[0]!.connectors[0], max_electric_power: undefined }] }] };
    expect(locationProblems(bad)).toEqual(
      expect.arrayContaining([
        'location.name: null (an optional field is left out, never null)',
        'location.city: longer than 45',
        expect.stringMatching(/^location\.country: "SE" does not match/),
        'location.evses[0].status: "FREE" is not one of the enum',
        'location.evses[0].connectors[0].max_electric_power: required',
        'location.energy_mix: required (Dutch NAP)',
      ]),
    );
  });

  it('read a Tariff as a partner does: the first matching element per dimension, a period past midnight, the grace as min_duration', () => {
    const tariff = {
      country_code: 'NO',
      party_id: 'LDP',
      id: 't',
      currency: 'NOK',
      elements: [
        { price_components: [{ type: 'ENERGY', price: 3.12, vat: 25, step_size: 1 }], restrictions: { start_time: '22:00', end_time: '06:00', day_of_week: ['FRIDAY'] } },
        { price_components: [{ type: 'PARKING_TIME', price: 48, vat: 25, step_size: 60 }], restrictions: { min_duration: 1800 } },
        { price_components: [{ type: 'ENERGY', price: 3.992, vat: 25, step_size: 1 }, { type: 'FLAT', price: 8, vat: 25, step_size: 1 }] },
      ],
      last_updated: '2025-01-01T00:00:00Z',
    };
    expect(tariffProblems(tariff)).toEqual([]);
    expect(pricesAt(tariff, { weekday: 5, time: '23:00', durationSeconds: 0 })).toEqual({ perKwhOre: 390, startFeeOre: 1000, perHourOre: 0, idlePerMinuteOre: 100 });
    expect(pricesAt(tariff, { weekday: 5, time: '05:00', durationSeconds: 0 })).toMatchObject({ perKwhOre: 390 });
    expect(pricesAt(tariff, { weekday: 5, time: '12:00', durationSeconds: 0 })).toMatchObject({ perKwhOre: 499 });
    expect(tariffProblems({ ...tariff, currency: 'KR', elements: [] })).toEqual(['tariff.currency: "KR" is not one of the enum', 'tariff.elements: fewer than 1']);
  });
});
