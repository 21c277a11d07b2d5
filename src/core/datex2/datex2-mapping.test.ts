import { describe, expect, it } from 'vitest';
import { aPublishedSite, aPublishedView, anEvse } from '../../../test/support/published-site-builder.ts';
import { aTariff } from '../../../test/support/tariff-builder.ts';
import type { FeedStatus } from '../feed/feed-status.ts';
import { datexTime } from './datex2-json.ts';
import { energyPrices } from './energy-rate.ts';
import { operatingHours } from './operating-hours.ts';
import { refillPointStatus } from './refill-point-status.ts';
import { statusPublication } from './status-publication.ts';
import { tablePublication } from './table-publication.ts';
import { standardUtcOffset } from './utc-offset.ts';

const options = { informationStatus: 'real' as const, cardPayments: false };

describe('the DATEX II mapping', () => {
  it.each<[FeedStatus, string]>([
    ['available', 'available'],
    ['charging', 'charging'],
    ['occupied', 'occupied'],
    ['blocked', 'blocked'],
    ['reserved', 'reserved'],
    ['unavailable', 'unavailable'],
    ['faulted', 'faulted'],
    ['unknown', 'unknown'],
  ])('says %s as %s', (status, datex) => expect(refillPointStatus(status)).toBe(datex));

  it('prices incl. VAT, saying so: energy per kWh, the start fee as a base price, time per minute, the idle fee as another price with its cap', () => {
    const prices = energyPrices(aTariff({ perKwhOre: 499, startFeeOre: 1000, perHourOre: 6001, idlePerMinuteOre: 100, idleGraceMinutes: 30, idleCapOre: 10_000 }));
    expect(prices.map((p) => [p.priceType, p.value, p.taxIncluded, p.taxRate])).toEqual([
      [{ value: 'pricePerKWh' }, 4.99, true, 25],
      [{ value: 'basePrice' }, 10, true, 25],
      [{ value: 'pricePerMinute' }, 1.0002, true, 25],
      [{ value: 'other' }, 1, true, 25],
    ]);
    expect(prices[3]).toMatchObject({ priceCap: 100, additionalInformation: { values: [{ lang: 'nb', value: expect.stringContaining('30 min') }, { lang: 'en', value: expect.stringContaining('at most NOK 100.00') }] } });
    expect(energyPrices(aTariff({ perKwhOre: 390 }))).toHaveLength(1);
  });

  it('writes opening hours per weekday in local time with the profile’s Z, or open all hours', () => {
    expect(operatingHours({ twentyFourSeven: true }, 'h', '2026-01-01T00:00:00.000Z')).toEqual({ afacOpenAllHours: {} });
    const hours = operatingHours({ twentyFourSeven: false, regularHours: [{ weekday: 1, periodBegin: '07:00', periodEnd: '11:30' }, { weekday: 1, periodBegin: '12:00', periodEnd: '22:00' }, { weekday: 7, periodBegin: '10:00', periodEnd: '16:00' }] }, 'h', '2026-01-01T00:00:00.000Z');
    expect(hours).toEqual({
      afacOperatingHoursSpecification: {
        idG: 'h',
        versionG: '2026-01-01T00:00:00.000+00:00',
        operatingAllYear: true,
        overallPeriod: {
          overallStartTime: '2026-01-01T00:00:00.000+00:00',
          validPeriod: [
            {
              recurringTimePeriodOfDay: [
                { startTimeOfPeriod: '07:00:00Z', endTimeOfPeriod: '11:30:00Z' },
                { startTimeOfPeriod: '12:00:00Z', endTimeOfPeriod: '22:00:00Z' },
              ],
              recurringDayWeekMonthPeriod: [{ comDayWeekMonth: { applicableDay: [{ value: 'monday' }] } }],
            },
            { recurringTimePeriodOfDay: [{ startTimeOfPeriod: '10:00:00Z', endTimeOfPeriod: '16:00:00Z' }], recurringDayWeekMonthPeriod: [{ comDayWeekMonth: { applicableDay: [{ value: 'sunday' }] } }] },
          ],
        },
      },
    });
  });

  it.each([
    ['Europe/Oslo', '+01:00'],
    ['Arctic/Longyearbyen', '+01:00'],
    ['UTC', '+00:00'],
    ['America/St_Johns', '-03:30'],
  ])('gives %s its standard time’s offset, %s, summer or winter', (zone, offset) => expect(standardUtcOffset(zone, 2026)).toBe(offset));

  it('writes times with milliseconds and a numeric offset', () => expect(datexTime('2026-03-02T08:00:00Z')).toBe('2026-03-02T08:00:00.000+00:00'));

  it('versions a point by its description and tariff, a station and a site by their latest part, never by the status', () => {
    const site = aPublishedSite();
    const changed = aPublishedSite({ stations: [{ ...site.stations[0]!, evses: [anEvse({ describedAt: '2026-03-05T00:00:00.000Z', statusAt: '2026-03-09T00:00:00.000Z' })] }] });
    const table = JSON.stringify(tablePublication(aPublishedView({ sites: [changed] }), options));
    expect(table).toContain('"idG":"NO*LDP*EDEMO01","versionG":"2026-03-05T00:00:00.000+00:00"');
    expect(table).toContain('"idG":"NO*LDP/station/DEMO-01","versionG":"2026-03-05T00:00:00.000+00:00"');
    expect(table).toContain('"idG":"NO*LDP/site/demo","versionG":"2026-03-05T00:00:00.000+00:00"');
    expect(table).not.toContain('2026-03-09');
  });

  it('takes in a delta only the sites or stations changed after `since`', () => {
    const view = aPublishedView();
    expect(tablePublication(view, options, '2026-03-01T10:00:00.000Z')).toBeUndefined();
    expect(tablePublication(view, options, '2026-03-01T09:59:59.999Z')).toBeDefined();
    const status = JSON.stringify(statusPublication(view, { ...options, delivery: 'push' }, '2026-03-02T08:29:00.000Z'));
    expect(status).toContain('"deltaPush"');
    expect(status).toContain('NO*LDP/station/DEMO-01');
  });
});
