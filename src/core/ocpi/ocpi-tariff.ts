import type { Weekday } from '../oslo-clock.ts';
import type { PublishedOperator } from '../feed/published-site.ts';
import type { TariffInUse } from '../feed/tariffs-in-use.ts';
import { hasIdleFee, type Tariff } from '../tariff.ts';
import type { PeriodPrices, TariffPeriod } from '../tariff-schedule.ts';
import { netKroner, vatPercent } from './ocpi-price.ts';
import { tariffAltText } from './tariff-alt-text.ts';
import type { OcpiDayOfWeek, OcpiPriceComponent, OcpiTariff, OcpiTariffDimension, OcpiTariffElement, OcpiTariffRestrictions } from './ocpi-types.ts';

// A Ladepay tariff as an OCPI 2.2.1 Tariff (mod_tariffs; docs/feed-mapping.md):
// AD_HOC_PAYMENT in NOK, each price excl. VAT with its VAT percentage:
// ENERGY per kWh (billed per Wh), FLAT the start fee, TIME per hour of
// charging (per second), PARKING_TIME the idle fee per hour (per started
// minute, as Ladepay bills it) from the grace on (`min_duration`). Each
// period of the week is its own elements with `day_of_week`, `start_time`
// and `end_time`, before the base prices, which have no restrictions.
//
// OCPI picks, per dimension, the first element with a component for it whose
// restrictions match (mod_tariffs, Tariff object), so every element carries
// every dimension the tariff has anywhere, at 0 where it has no such price:
// a period without a start fee must not fall through to the base's.

const DAYS: readonly OcpiDayOfWeek[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

type Dimensions = ReadonlySet<OcpiTariffDimension>;

function dimensionsOf(all: readonly Tariff[]): Dimensions {
  const d = new Set<OcpiTariffDimension>(['ENERGY']);
  for (const t of all) {
    if (t.startFeeOre > 0) d.add('FLAT');
    if (t.perHourOre > 0) d.add('TIME');
    if (hasIdleFee(t)) d.add('PARKING_TIME');
  }
  return d;
}

function component(type: OcpiTariffDimension, grossOre: number, vatBp: number, step: number): OcpiPriceComponent {
  return { type, price: netKroner(grossOre, vatBp), vat: vatPercent(vatBp), step_size: step };
}

function chargingComponents(t: Tariff, d: Dimensions): OcpiPriceComponent[] {
  const vat = t.vatRateBasisPoints;
  return [
    component('ENERGY', t.perKwhOre, vat, 1),
    ...(d.has('FLAT') ? [component('FLAT', t.startFeeOre, vat, 1)] : []),
    ...(d.has('TIME') ? [component('TIME', t.perHourOre, vat, 1)] : []),
  ];
}

/**
 * The idle fee as PARKING_TIME per hour, billed per started minute. Its grace
 * becomes `min_duration`, which OCPI counts from the session's start, while
 * Ladepay counts it from when charging stops: a reader may bill idle minutes
 * Ladepay does not (docs/feed-mapping.md; the alternative text says it). The
 * cap cannot be said in OCPI at all.
 */
function parkingElements(t: Tariff, times: OcpiTariffRestrictions | undefined, last: boolean): OcpiTariffElement[] {
  const fee = hasIdleFee(t);
  const grace = fee ? t.idleGraceMinutes * 60 : 0;
  const parking = component('PARKING_TIME', fee ? t.idlePerMinuteOre * 60 : 0, t.vatRateBasisPoints, 60);
  const restrictions = { ...times, ...(grace > 0 ? { min_duration: grace } : {}) };
  const main: OcpiTariffElement = { price_components: [parking], ...(Object.keys(restrictions).length > 0 ? { restrictions } : {}) };
  // Within its grace, a period's parking must not fall through to a later element's.
  const shadow: OcpiTariffElement[] = grace > 0 && !last ? [{ price_components: [{ ...parking, price: 0 }], ...(times ? { restrictions: times } : {}) }] : [];
  return [main, ...shadow];
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * A period's times as restrictions. OCPI checks `day_of_week` at each moment,
 * so a period running past midnight ("22:00"–"06:00" on Friday) is two: Friday
 * from 22:00 to the day's end ("00:00"), and Saturday from 00:00 to 06:00.
 * "00:00"–"24:00" is the whole day: the days alone.
 */
export function restrictionsOf(p: Pick<TariffPeriod, 'days' | 'from' | 'to'>): OcpiTariffRestrictions[] {
  const from = minutesOf(p.from);
  const to = minutesOf(p.to); // "24:00" → 1440
  const days = (list: readonly Weekday[]) => list.map((d) => DAYS[d - 1] as OcpiDayOfWeek);
  if (from === 0 && to === 1440) return [{ day_of_week: days(p.days) }];
  if (to > from) return [{ start_time: hhmm(from), end_time: hhmm(to), day_of_week: days(p.days) }];
  const next = p.days.map((d) => ((d % 7) + 1) as Weekday).sort((a, b) => a - b);
  return [{ start_time: hhmm(from), end_time: '00:00', day_of_week: days(p.days) }, ...(to > 0 ? [{ start_time: '00:00', end_time: hhmm(to), day_of_week: days(next) }] : [])];
}

function elementsOf(t: Tariff, d: Dimensions, times: OcpiTariffRestrictions | undefined, last: boolean): OcpiTariffElement[] {
  return [{ price_components: chargingComponents(t, d), ...(times ? { restrictions: times } : {}) }, ...(d.has('PARKING_TIME') ? parkingElements(t, times, last) : [])];
}

export function ocpiTariff(t: TariffInUse, operator: Pick<PublishedOperator, 'countryCode' | 'partyId'>): OcpiTariff {
  const { base, periods } = t.schedule;
  const withPrices = (prices: PeriodPrices): Tariff => ({ ...base, ...prices });
  const d = dimensionsOf([base, ...periods.map((p) => withPrices(p.prices))]);
  const elements = [
    ...periods.flatMap((p) => restrictionsOf(p).flatMap((times) => elementsOf(withPrices(p.prices), d, times, false))),
    ...elementsOf(base, d, undefined, true),
  ];
  return {
    country_code: operator.countryCode,
    party_id: operator.partyId,
    id: t.id,
    currency: base.currency,
    type: 'AD_HOC_PAYMENT',
    tariff_alt_text: tariffAltText(t.schedule),
    elements,
    last_updated: t.lastUpdated,
  };
}
