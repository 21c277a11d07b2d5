import { sixDecimals, sortedFacts, type ConnectorFacts, type FeedFacts, type Place, type PointFacts, type Prices, type SiteFacts } from './feed-facts.ts';
import { activeComponent, pricesAt, type Moment } from './ocpi-tariff-reader.ts';

// OCPI 2.2.1 Locations and Tariffs, as a partner pulled them, read into plain
// facts (feed-facts.ts), written from the OCPI 2.2.1 text and sharing nothing
// with Ladepay's OCPI module. A Tariff's prices are read as a partner reads
// them (ocpi-tariff-reader.ts) at a moment in the Location's time_zone: now,
// and a moment of the week outside every element limited to some days or
// times of day (the base price).

interface GeoLocation {
  latitude: string;
  longitude: string;
}
interface Connector {
  standard: string;
  format: string;
  power_type: string;
  max_voltage: number;
  max_amperage: number;
  max_electric_power?: number;
  tariff_ids?: string[];
}
interface Evse {
  evse_id?: string;
  uid: string;
  status: string;
  coordinates?: GeoLocation;
  connectors: Connector[];
}
interface Location {
  id: string;
  name?: string;
  address: string;
  city: string;
  postal_code?: string;
  country: string;
  coordinates: GeoLocation;
  time_zone: string;
  opening_times?: { twentyfourseven: boolean; regular_hours?: Array<{ weekday: number; period_begin: string; period_end: string }> };
  evses?: Evse[];
}
type Restrictions = { day_of_week?: string[]; start_time?: string; end_time?: string };
interface Tariff {
  id: string;
  elements: Array<{ price_components: Array<{ type: string; price: number; vat?: number; step_size: number }>; restrictions?: Restrictions & Record<string, unknown> }>;
}

// ISO 3166-1 alpha-3 (OCPI's Location.country) → alpha-2, for the countries the feeds are read in.
const ALPHA2: Readonly<Record<string, string>> = { NOR: 'NO', SWE: 'SE', DNK: 'DK', FIN: 'FI', ISL: 'IS', DEU: 'DE', NLD: 'NL' };
const DAY_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

// The weekday (1 = Monday) and "HH:MM" of an instant in a time zone.
export function localMoment(at: Date, timeZone: string): Omit<Moment, 'durationSeconds'> {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: DAY_NAMES.indexOf(part('weekday').toUpperCase()) + 1, time: `${part('hour')}:${part('minute')}` };
}

// Whether an element's day and time-of-day restrictions hold at a moment (OCPI
// 2.2.1 TariffRestrictions: an end_time before the start_time runs past midnight).
function inPeriod(r: Restrictions, m: Omit<Moment, 'durationSeconds'>): boolean {
  if (r.day_of_week && !r.day_of_week.includes(DAY_NAMES[m.weekday - 1] ?? '')) return false;
  const { start_time: start, end_time: end } = r;
  if (start !== undefined && end !== undefined) return end > start ? m.time >= start && m.time < end : m.time >= start || m.time < end;
  if (start !== undefined) return m.time >= start;
  if (end !== undefined) return end === '00:00' || m.time < end;
  return true;
}

// The first quarter hour of the week no element limited to some days or times matches.
function baseMoment(t: Tariff): Moment | undefined {
  const limited = t.elements.map((e) => e.restrictions).filter((r): r is Restrictions => r?.day_of_week !== undefined || r?.start_time !== undefined || r?.end_time !== undefined);
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let minute = 0; minute < 24 * 60; minute += 15) {
      const m = { weekday, time: `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`, durationSeconds: 0 };
      if (!limited.some((r) => inPeriod(r, m))) return m;
    }
  }
  return undefined;
}

function pricesOf(t: Tariff, m: Moment): Prices {
  return { ...pricesAt(t, m), vatPercent: activeComponent(t, 'ENERGY', m)?.vat ?? 0 };
}

function hoursOf(l: Location): Place['hours'] {
  const o = l.opening_times;
  // OCPI 2.2.1: opening_times absent means "24/7 open".
  if (!o || o.twentyfourseven) return 'twentyfourseven';
  return (o.regular_hours ?? []).map((h) => `${h.weekday} ${h.period_begin}-${h.period_end}`).sort();
}

function siteFacts(l: Location): SiteFacts {
  const country = ALPHA2[l.country];
  if (!country) throw new Error(`${l.id}: a country this reader does not know: ${l.country}`);
  return { id: l.id, name: l.name ?? '', address: l.address, postalCode: l.postal_code ?? '', city: l.city, country, latitude: sixDecimals(l.coordinates.latitude), longitude: sixDecimals(l.coordinates.longitude), hours: hoursOf(l) };
}

// OCPI 2.2.1 Connector: without max_electric_power, the power is "the calculated
// value from voltage and amperage" (three phases of max_voltage line to neutral).
function connectorFacts(c: Connector): ConnectorFacts {
  const calculated = c.max_voltage * c.max_amperage * (c.power_type === 'AC_3_PHASE' ? 3 : 1);
  return { standard: c.standard, format: c.format === 'SOCKET' ? 'SOCKET' : 'CABLE', maxPowerW: c.max_electric_power ?? calculated, maxVoltage: c.max_voltage, maxAmperage: c.max_amperage };
}

function tariffOf(e: Evse, tariffs: ReadonlyMap<string, Tariff>): Tariff | undefined {
  const ids = [...new Set(e.connectors.flatMap((c) => c.tariff_ids ?? []))];
  if (ids.length > 1) throw new Error(`${e.uid}: sold by several tariffs: ${ids.join(', ')}`);
  if (ids[0] === undefined) return undefined;
  const t = tariffs.get(ids[0]);
  if (!t) throw new Error(`${e.uid}: tariff ${ids[0]} was not pulled`);
  return t;
}

function pointFacts(l: Location, e: Evse, tariffs: ReadonlyMap<string, Tariff>, at: Date): PointFacts {
  if (!e.evse_id) throw new Error(`${l.id}/${e.uid}: no evse_id`);
  const at0 = e.coordinates ?? l.coordinates;
  const t = tariffOf(e, tariffs);
  const base = t && baseMoment(t);
  return {
    evseId: e.evse_id,
    siteId: l.id,
    latitude: sixDecimals(at0.latitude),
    longitude: sixDecimals(at0.longitude),
    hours: hoursOf(l),
    current: e.connectors.some((c) => c.power_type === 'DC') ? 'DC' : 'AC',
    maxPowerW: Math.max(0, ...e.connectors.map((c) => connectorFacts(c).maxPowerW)),
    connectors: e.connectors.map(connectorFacts),
    status: e.status,
    priceNow: t ? pricesOf(t, { ...localMoment(at, l.time_zone), durationSeconds: 0 }) : null,
    basePrice: t && base ? pricesOf(t, base) : null,
  };
}

// What a partner holds after pulls: Locations and Tariffs by id, each pulled one replacing the one held.
export class OcpiCopy {
  readonly locations = new Map<string, Location>();
  readonly tariffs = new Map<string, Tariff>();

  takeLocations(objects: unknown[]): string[] {
    for (const l of objects as Location[]) this.locations.set(l.id, l);
    return (objects as Location[]).map((l) => l.id);
  }

  takeTariffs(objects: unknown[]): string[] {
    for (const t of objects as Tariff[]) this.tariffs.set(t.id, t);
    return (objects as Tariff[]).map((t) => t.id);
  }

  // The facts with the prices read at `at`.
  facts(at: Date): FeedFacts {
    const locations = [...this.locations.values()];
    return sortedFacts(
      locations.map(siteFacts),
      // OCPI 2.2.1 EVSEStatus REMOVED: "the EVSE/Location has been removed".
      locations.flatMap((l) => (l.evses ?? []).filter((e) => e.status !== 'REMOVED').map((e) => pointFacts(l, e, this.tariffs, at))),
    );
  }
}
