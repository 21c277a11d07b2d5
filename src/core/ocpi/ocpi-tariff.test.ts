import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aTariff } from '../../../test/support/tariff-builder.ts';
import { osloWallClock } from '../oslo-clock.ts';
import { priceSession } from '../pricing.ts';
import { tariffAt, validatePeriods, type ScheduledTariff, type TariffPeriod } from '../tariff-schedule.ts';
import type { Tariff } from '../tariff.ts';
import { netKroner } from './ocpi-price.ts';
import { ocpiTariff, restrictionsOf } from './ocpi-tariff.ts';
import type { OcpiDayOfWeek, OcpiTariff, OcpiTariffRestrictions } from './ocpi-types.ts';

const operator = { countryCode: 'NO', partyId: 'LDP' };
const inUse = (schedule: ScheduledTariff) => ({ id: 'T1', schedule, lastUpdated: '2026-01-01T00:00:00.000Z', siteIds: ['demo'] });
const DAYS: OcpiDayOfWeek[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

// An OCPI 2.2.1 reader of a Tariff, written from mod_tariffs and sharing
// nothing with the mapping: per dimension, the first element with a component
// for it whose restrictions match; the amount is the volume (rounded up to the
// step size) times the price, plus the VAT, rounded to the øre half up per
// dimension (OCPI leaves rounding to the parties: this is Ladepay's, a receipt
// line per dimension). A session is read at its start (Ladepay's price at the
// start holds for the whole session, docs/pricing.md) and lasts its charging
// and then its idle seconds, which `min_duration` counts from the start.
interface Usage {
  energyWh: number;
  chargingSeconds: number;
  idleSeconds: number;
}

function matches(r: OcpiTariffRestrictions | undefined, start: Date): boolean {
  if (!r) return true;
  const wall = osloWallClock(start);
  if (r.day_of_week && !r.day_of_week.includes(DAYS[wall.weekday - 1]!)) return false;
  const minute = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const from = r.start_time === undefined ? 0 : minute(r.start_time);
  const to = r.end_time === undefined || r.end_time === '00:00' ? 1440 : minute(r.end_time);
  return wall.minuteOfDay >= from && wall.minuteOfDay < to;
}

function readBack(t: OcpiTariff, start: Date, u: Usage): number {
  let total = 0n;
  for (const type of ['ENERGY', 'FLAT', 'TIME', 'PARKING_TIME'] as const) {
    const found = t.elements.flatMap((e) => e.price_components.filter((c) => c.type === type).map((c) => ({ c, r: e.restrictions }))).find(({ r }) => matches(r, start));
    if (!found) continue;
    const { c, r } = found;
    const price = BigInt(Math.round(c.price * 10_000)); // hundredths of an øre
    const vat = BigInt(Math.round((c.vat ?? 0) * 100)); // basis points
    const up = (v: number) => BigInt(Math.ceil(v / c.step_size) * c.step_size);
    // Amount in øre = volume × price × (1 + VAT) as a fraction num / den.
    let num: bigint;
    let den: bigint;
    if (type === 'ENERGY') [num, den] = [up(u.energyWh) * price, 1000n * 100n];
    else if (type === 'FLAT') [num, den] = [price, 100n];
    else if (type === 'TIME') [num, den] = [up(u.chargingSeconds) * price, 3600n * 100n];
    else {
      const before = Math.max(0, (r?.min_duration ?? 0) - u.chargingSeconds);
      [num, den] = [up(Math.max(0, u.idleSeconds - before)) * price, 3600n * 100n];
    }
    num *= 10_000n + vat;
    den *= 10_000n;
    total += (2n * num + den) / (2n * den);
  }
  return Number(total);
}

const ladepayPrice = (s: ScheduledTariff, start: Date, u: Usage) => {
  const priced = priceSession(tariffAt(s, start), u);
  if (!priced.ok) throw new Error('not priced');
  return priced.value.totalOre;
};

describe('a Ladepay tariff as an OCPI 2.2.1 Tariff', () => {
  it('is an ad hoc tariff in NOK, each price excl. VAT with its VAT, stepped as Ladepay bills', () => {
    const t = ocpiTariff(inUse({ base: aTariff({ perKwhOre: 499, startFeeOre: 1000, perHourOre: 6000, idlePerMinuteOre: 100, idleGraceMinutes: 30, idleCapOre: 10_000 }), periods: [] }), operator);
    expect(t).toEqual({
      country_code: 'NO',
      party_id: 'LDP',
      id: 'T1',
      currency: 'NOK',
      type: 'AD_HOC_PAYMENT',
      tariff_alt_text: [
        { language: 'nb', text: expect.stringContaining('høyst 100,00 kr per økt') },
        { language: 'en', text: expect.stringContaining('at most NOK 100.00 per session') },
      ],
      elements: [
        {
          price_components: [
            { type: 'ENERGY', price: 3.992, vat: 25, step_size: 1 },
            { type: 'FLAT', price: 8, vat: 25, step_size: 1 },
            { type: 'TIME', price: 48, vat: 25, step_size: 1 },
          ],
        },
        { price_components: [{ type: 'PARKING_TIME', price: 48, vat: 25, step_size: 60 }], restrictions: { min_duration: 1800 } },
      ],
      last_updated: '2026-01-01T00:00:00.000Z',
    });
  });

  it('gives each period its elements before the base, with every dimension, at 0 where the period has none', () => {
    const base = aTariff({ perKwhOre: 390, startFeeOre: 1000 });
    const periods = validatePeriods(base, [{ days: [1, 2, 3, 4, 5], from: '17:00', to: '21:00', perKwhOre: 590, startFeeOre: 0 }]);
    if (!periods.ok) throw new Error('bad periods');
    const t = ocpiTariff(inUse({ base, periods: periods.value }), operator);
    expect(t.elements).toEqual([
      {
        price_components: [
          { type: 'ENERGY', price: 4.72, vat: 25, step_size: 1 },
          { type: 'FLAT', price: 0, vat: 25, step_size: 1 },
        ],
        restrictions: { start_time: '17:00', end_time: '21:00', day_of_week: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] },
      },
      {
        price_components: [
          { type: 'ENERGY', price: 3.12, vat: 25, step_size: 1 },
          { type: 'FLAT', price: 8, vat: 25, step_size: 1 },
        ],
      },
    ]);
  });

  it.each<[Pick<TariffPeriod, 'days' | 'from' | 'to'>, OcpiTariffRestrictions[]]>([
    [{ days: [5], from: '22:00', to: '06:00' }, [{ start_time: '22:00', end_time: '00:00', day_of_week: ['FRIDAY'] }, { start_time: '00:00', end_time: '06:00', day_of_week: ['SATURDAY'] }]],
    [{ days: [7], from: '22:00', to: '00:00' }, [{ start_time: '22:00', end_time: '00:00', day_of_week: ['SUNDAY'] }]],
    [{ days: [6, 7], from: '20:00', to: '24:00' }, [{ start_time: '20:00', end_time: '00:00', day_of_week: ['SATURDAY', 'SUNDAY'] }]],
    [{ days: [6, 7], from: '00:00', to: '24:00' }, [{ day_of_week: ['SATURDAY', 'SUNDAY'] }]],
    [{ days: [3, 7], from: '23:00', to: '01:00' }, [{ start_time: '23:00', end_time: '00:00', day_of_week: ['WEDNESDAY', 'SUNDAY'] }, { start_time: '00:00', end_time: '01:00', day_of_week: ['MONDAY', 'THURSDAY'] }]],
  ])('splits %j at midnight, as OCPI reads day_of_week at each moment', (period, expected) => {
    expect(restrictionsOf(period)).toEqual(expected);
  });

  it('keeps a period’s idle grace from falling through to the base’s parking price', () => {
    const base = aTariff({ idlePerMinuteOre: 100, idleGraceMinutes: 10, idleCapOre: 5000 });
    const periods = validatePeriods(base, [{ days: [6], from: '00:00', to: '24:00', idlePerMinuteOre: 200, idleGraceMinutes: 30 }]);
    if (!periods.ok) throw new Error('bad periods');
    const t = ocpiTariff(inUse({ base, periods: periods.value }), operator);
    const saturday = new Date('2026-03-07T12:00:00.000Z');
    // 20 minutes idle after no charging: within Saturday's 30 minutes of grace.
    expect(readBack(t, saturday, { energyWh: 0, chargingSeconds: 0, idleSeconds: 20 * 60 })).toBe(ladepayPrice({ base, periods: periods.value }, saturday, { energyWh: 0, chargingSeconds: 0, idleSeconds: 20 * 60 }));
  });

  it('says the grace as min_duration, which OCPI counts from the session’s start and Ladepay from the end of charging', () => {
    const s = { base: aTariff({ perKwhOre: 0, perHourOre: 0, startFeeOre: 0, idlePerMinuteOre: 100, idleGraceMinutes: 15, idleCapOre: 10_000 }), periods: [] };
    const t = ocpiTariff(inUse({ ...s, base: { ...s.base, perKwhOre: 499 } }), operator);
    const start = new Date('2026-03-04T12:00:00.000Z');
    // 20 min of idling after 1 h of charging: Ladepay bills 5 min, a reader of the grace as min_duration bills all 20.
    const u = { energyWh: 0, chargingSeconds: 3600, idleSeconds: 20 * 60 };
    expect(ladepayPrice({ ...s, base: { ...s.base, perKwhOre: 499 } }, start, u)).toBe(500);
    expect(readBack(t, start, u)).toBe(2000);
  });

  it('nets each price exactly at 25 % and 0 %', () => {
    expect(netKroner(499, 2500)).toBe(3.992);
    expect(netKroner(1, 2500)).toBe(0.008);
    expect(netKroner(499, 0)).toBe(4.99);
    expect(netKroner(6_000_000, 2500)).toBe(48_000);
    expect(netKroner(100, 1500)).toBe(0.8696);
  });
});

// Sessions of every size on tariffs of every shape, with periods from the
// week's families below, priced by Ladepay and read back from OCPI: the same
// to the øre. Idle time only where OCPI can say it exactly: without a grace,
// and below the cap (docs/feed-mapping.md).
describe('an OCPI reader of the tariff gets Ladepay’s price to the øre', () => {
  const price = (max: number) => fc.oneof(fc.constant(0), fc.integer({ min: 1, max }));
  const prices = fc.record({
    perKwhOre: fc.integer({ min: 0, max: 100_000 }),
    startFeeOre: price(1_000_000),
    perHourOre: price(1_000_000),
    idlePerMinuteOre: price(100_000),
    idleCapOre: fc.integer({ min: 1, max: 10_000_000 }),
  });
  const tariffOf = (p: { perKwhOre: number; startFeeOre: number; perHourOre: number; idlePerMinuteOre: number; idleCapOre: number }, vat: number, grace: number): Tariff => {
    const t = aTariff({ ...p, idleCapOre: p.idlePerMinuteOre > 0 ? p.idleCapOre : 0, idleGraceMinutes: p.idlePerMinuteOre > 0 ? grace : 0, vatRateBasisPoints: vat });
    return t.perKwhOre + t.startFeeOre + t.perHourOre === 0 ? { ...t, perKwhOre: 1 } : t;
  };
  const days = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 });
  // Windows that never meet: morning, evening, a night over midnight; or whole days.
  const periodShapes = fc.oneof(
    fc.tuple(fc.option(days, { nil: undefined }), fc.option(days, { nil: undefined }), fc.option(days, { nil: undefined })).map(([a, b, c]) => [
      ...(a ? [{ days: a, from: '06:00', to: '09:00' }] : []),
      ...(b ? [{ days: b, from: '17:00', to: '21:00' }] : []),
      ...(c ? [{ days: c, from: '22:00', to: '02:00' }] : []),
    ]),
    days.map((d) => [{ days: d, from: '00:00', to: '24:00' }]),
  );
  const schedules = (grace: fc.Arbitrary<number>) =>
    fc
      .record({ vat: fc.constantFrom(2500, 0), grace, base: prices, shapes: periodShapes, periodPrices: fc.array(prices, { minLength: 3, maxLength: 3 }) })
      .map(({ vat, grace: g, base, shapes, periodPrices }) => {
        const b = tariffOf(base, vat, g);
        const raw = shapes.map((shape, i) => {
          const { vatRateBasisPoints: _v, currency: _c, ...rest } = tariffOf(periodPrices[i]!, vat, g);
          return { ...shape, ...rest };
        });
        const periods = validatePeriods(b, raw);
        if (!periods.ok) throw new Error(`periods refused: ${JSON.stringify(periods.error)}`);
        return { base: b, periods: periods.value } satisfies ScheduledTariff;
      });
  const starts = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T23:59:59Z'), noInvalidDate: true });

  it('for sessions without idle time', () => {
    fc.assert(
      fc.property(schedules(fc.integer({ min: 0, max: 120 })), starts, fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 31_622_400 }), (s, start, energyWh, chargingSeconds) => {
        const u = { energyWh, chargingSeconds, idleSeconds: 0 };
        expect(readBack(ocpiTariff(inUse(s), operator), start, u)).toBe(ladepayPrice(s, start, u));
      }),
      { numRuns: 500 },
    );
  });

  it('for sessions that idle, without a grace and below the cap', () => {
    fc.assert(
      fc.property(schedules(fc.constant(0)), starts, fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 36_000 }), fc.integer({ min: 0, max: 36_000 }), (s, start, energyWh, chargingSeconds, idle) => {
        const now = tariffAt(s, start);
        // Below the cap: every billed minute is charged in full.
        const minutes = now.idlePerMinuteOre > 0 ? Math.min(Math.ceil(idle / 60), Math.floor(now.idleCapOre / now.idlePerMinuteOre)) : Math.ceil(idle / 60);
        const u = { energyWh, chargingSeconds, idleSeconds: Math.min(idle, minutes * 60) };
        expect(readBack(ocpiTariff(inUse(s), operator), start, u)).toBe(ladepayPrice(s, start, u));
      }),
      { numRuns: 500 },
    );
  });
});
