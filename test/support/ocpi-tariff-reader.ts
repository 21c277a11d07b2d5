// An OCPI 2.2.1 Tariff read as a partner reads it (mod_tariffs, Tariff
// object), sharing no code with Ladepay: for each dimension "the first Tariff
// Element with a Price Component for that dimension in the list with
// matching Tariff Restrictions will be used"; restrictions are a logical
// AND; an end_time before its start_time wraps past midnight, "00:00" ends
// the day. Prices are excl. VAT with `vat` in percent; gross is priced back
// to whole øre.

const DAY_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

export interface Moment {
  weekday: number; // 1 = Monday … 7 = Sunday, local time of the Location
  time: string; // "HH:MM", local
  durationSeconds: number; // since the session began
}

interface Component {
  type: string;
  price: number;
  vat?: number;
  step_size: number;
}
interface Element {
  price_components: Component[];
  restrictions?: Record<string, unknown>;
}

function matches(r: Record<string, unknown> | undefined, m: Moment): boolean {
  if (!r) return true;
  if (Array.isArray(r.day_of_week) && !r.day_of_week.includes(DAY_NAMES[m.weekday - 1])) return false;
  const start = typeof r.start_time === 'string' ? r.start_time : undefined;
  const end = typeof r.end_time === 'string' ? r.end_time : undefined;
  if (start !== undefined && end !== undefined) {
    const inside = end > start ? m.time >= start && m.time < end : m.time >= start || m.time < end;
    if (!inside) return false;
  } else if (start !== undefined && m.time < start) return false;
  else if (end !== undefined && end !== '00:00' && m.time >= end) return false;
  if (typeof r.min_duration === 'number' && m.durationSeconds < r.min_duration) return false;
  if (typeof r.max_duration === 'number' && m.durationSeconds >= r.max_duration) return false;
  // Energy, power, current and date restrictions: Ladepay's tariffs have none.
  for (const k of ['min_kwh', 'max_kwh', 'min_power', 'max_power', 'min_current', 'max_current', 'start_date', 'end_date', 'reservation']) if (r[k] !== undefined) return false;
  return true;
}

export function activeComponent(tariff: { elements: Element[] }, type: string, m: Moment): Component | undefined {
  for (const el of tariff.elements) {
    const c = el.price_components.find((p) => p.type === type);
    if (c && matches(el.restrictions, m)) return c;
  }
  return undefined;
}

// The gross price of a dimension at a moment, in øre per its unit (kWh, hour, each); 0 when none applies.
export function grossOre(tariff: { elements: Element[] }, type: string, m: Moment): number {
  const c = activeComponent(tariff, type, m);
  if (!c) return 0;
  return Math.round(c.price * (1 + (c.vat ?? 0) / 100) * 100);
}

// What a driver is charged per component at a moment, as Ladepay's landing page lists it.
export function pricesAt(tariff: { elements: Element[] }, m: Moment): { perKwhOre: number; startFeeOre: number; perHourOre: number; idlePerMinuteOre: number } {
  const parkingHour = grossOre(tariff, 'PARKING_TIME', { ...m, durationSeconds: Math.max(m.durationSeconds, 86_400) });
  return {
    perKwhOre: grossOre(tariff, 'ENERGY', m),
    startFeeOre: grossOre(tariff, 'FLAT', m),
    perHourOre: grossOre(tariff, 'TIME', m),
    idlePerMinuteOre: Math.round(parkingHour / 60),
  };
}
