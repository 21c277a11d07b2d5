// OCPI 2.2.1 objects checked field by field, written from the specification's
// text (mod_locations, mod_tariffs, types) and sharing no code with Ladepay:
// required fields, types, enums, string lengths, ISO codes and patterns, and
// the five fields the Dutch NAP (NDW, DOT-NL) makes mandatory for AFIR:
// Location.opening_times, Location.energy_mix, EVSE.parking_restrictions,
// Connector.max_electric_power and Connector.tariff_ids. Each check returns
// the problems found, each naming its path; none is all good.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const CONNECTOR_TYPES = [
  'CHADEMO', 'CHAOJI', 'DOMESTIC_A', 'DOMESTIC_B', 'DOMESTIC_C', 'DOMESTIC_D', 'DOMESTIC_E', 'DOMESTIC_F', 'DOMESTIC_G', 'DOMESTIC_H', 'DOMESTIC_I',
  'DOMESTIC_J', 'DOMESTIC_K', 'DOMESTIC_L', 'DOMESTIC_M', 'DOMESTIC_N', 'DOMESTIC_O', 'GBT_AC', 'GBT_DC', 'IEC_60309_2_single_16', 'IEC_60309_2_three_16',
  'IEC_60309_2_three_32', 'IEC_60309_2_three_64', 'IEC_62196_T1', 'IEC_62196_T1_COMBO', 'IEC_62196_T2', 'IEC_62196_T2_COMBO', 'IEC_62196_T3A',
  'IEC_62196_T3C', 'NEMA_5_20', 'NEMA_6_30', 'NEMA_6_50', 'NEMA_10_30', 'NEMA_10_50', 'NEMA_14_30', 'NEMA_14_50', 'PANTOGRAPH_BOTTOM_UP',
  'PANTOGRAPH_TOP_DOWN', 'TESLA_R', 'TESLA_S',
];
const CONNECTOR_FORMATS = ['SOCKET', 'CABLE'];
const POWER_TYPES = ['AC_1_PHASE', 'AC_2_PHASE', 'AC_2_PHASE_SPLIT', 'AC_3_PHASE', 'DC'];
const STATUSES = ['AVAILABLE', 'BLOCKED', 'CHARGING', 'INOPERATIVE', 'OUTOFORDER', 'PLANNED', 'REMOVED', 'RESERVED', 'UNKNOWN'];
const CAPABILITIES = [
  'CHARGING_PROFILE_CAPABLE', 'CHARGING_PREFERENCES_CAPABLE', 'CHIP_CARD_SUPPORT', 'CONTACTLESS_CARD_SUPPORT', 'CREDIT_CARD_PAYABLE', 'DEBIT_CARD_PAYABLE',
  'PED_TERMINAL', 'REMOTE_START_STOP_CAPABLE', 'RESERVABLE', 'RFID_READER', 'START_SESSION_CONNECTOR_REQUIRED', 'TOKEN_GROUP_CAPABLE', 'UNLOCK_CAPABLE',
];
const PARKING_RESTRICTIONS = ['EV_ONLY', 'PLUGGED', 'DISABLED', 'CUSTOMERS', 'MOTORCYCLES'];
const PARKING_TYPES = ['ALONG_MOTORWAY', 'PARKING_GARAGE', 'PARKING_LOT', 'ON_DRIVEWAY', 'ON_STREET', 'UNDERGROUND_GARAGE'];
const FACILITIES = [
  'HOTEL', 'RESTAURANT', 'CAFE', 'MALL', 'SUPERMARKET', 'SPORT', 'RECREATION_AREA', 'NATURE', 'MUSEUM', 'BIKE_SHARING', 'BUS_STOP', 'TAXI_STAND', 'TRAM_STOP',
  'METRO_STATION', 'TRAIN_STATION', 'AIRPORT', 'PARKING_LOT', 'CARPOOL_PARKING', 'FUEL_STATION', 'WIFI',
];
const ENERGY_SOURCES = ['NUCLEAR', 'GENERAL_FOSSIL', 'COAL', 'GAS', 'GENERAL_GREEN', 'SOLAR', 'WIND', 'WATER'];
const TARIFF_TYPES = ['AD_HOC_PAYMENT', 'PROFILE_CHEAP', 'PROFILE_FAST', 'PROFILE_GREEN', 'REGULAR'];
const DIMENSIONS = ['ENERGY', 'FLAT', 'PARKING_TIME', 'TIME'];
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

// ISO 3166-1 of the EEA, the United Kingdom and Switzerland: alpha-2 → alpha-3.
export const ISO_COUNTRIES: Record<string, string> = {
  AT: 'AUT', BE: 'BEL', BG: 'BGR', CH: 'CHE', CY: 'CYP', CZ: 'CZE', DE: 'DEU', DK: 'DNK', EE: 'EST', ES: 'ESP', FI: 'FIN', FR: 'FRA', GB: 'GBR',
  GR: 'GRC', HR: 'HRV', HU: 'HUN', IE: 'IRL', IS: 'ISL', IT: 'ITA', LI: 'LIE', LT: 'LTU', LU: 'LUX', LV: 'LVA', MT: 'MLT', NL: 'NLD', NO: 'NOR',
  PL: 'POL', PT: 'PRT', RO: 'ROU', SE: 'SWE', SI: 'SVN', SK: 'SVK',
};
// ISO 4217 codes of the same countries' currencies.
const CURRENCIES = ['BGN', 'CHF', 'CZK', 'DKK', 'EUR', 'GBP', 'HUF', 'ISK', 'NOK', 'PLN', 'RON', 'SEK'];

// types: DateTime, "formatted as string(25) following RFC 3339", UTC; the only formats the examples allow.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?$/;
const HH_MM = /^([0-1][0-9]|2[0-3]):[0-5][0-9]$/;
const LATITUDE = /^-?[0-9]{1,2}\.[0-9]{5,7}$/;
const LONGITUDE = /^-?[0-9]{1,3}\.[0-9]{5,7}$/;
// eMI3 EVSE ID: <country>*<operator>*E<power outlet id>; the separators are optional in eMI3.
const EVSE_ID = /^[A-Z]{2}\*?[A-Z0-9]{3}\*?E[A-Z0-9*]{1,30}$/;

class Problems {
  readonly list: string[] = [];
  add(path: string, what: string): void {
    this.list.push(`${path}: ${what}`);
  }
  // CiString: printable ASCII; string: printable UTF-8 (no control characters).
  str(o: Obj, key: string, path: string, max: number, o2: { required?: boolean; ascii?: boolean; pattern?: RegExp; oneOf?: readonly string[] } = {}): void {
    const v = o[key];
    if (v === undefined) {
      if (o2.required) this.add(`${path}.${key}`, 'required');
      return;
    }
    if (typeof v !== 'string') return this.add(`${path}.${key}`, 'not a string');
    if (v.length > max) this.add(`${path}.${key}`, `longer than ${max}`);
    if (o2.required && v.length === 0) this.add(`${path}.${key}`, 'empty');
    if (o2.ascii ? !/^[\x20-\x7e]*$/.test(v) : [...v].some((ch) => (ch.codePointAt(0) ?? 0) < 0x20 || ch === '\x7f')) this.add(`${path}.${key}`, 'not printable');
    if (o2.pattern && !o2.pattern.test(v)) this.add(`${path}.${key}`, `"${v}" does not match ${o2.pattern}`);
    if (o2.oneOf && !o2.oneOf.includes(v)) this.add(`${path}.${key}`, `"${v}" is not one of the enum`);
  }
  int(o: Obj, key: string, path: string, required: boolean, min = Number.MIN_SAFE_INTEGER): void {
    const v = o[key];
    if (v === undefined) return required ? this.add(`${path}.${key}`, 'required') : undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) this.add(`${path}.${key}`, `not an integer ≥ ${min}`);
  }
  num(o: Obj, key: string, path: string, required: boolean): void {
    const v = o[key];
    if (v === undefined) return required ? this.add(`${path}.${key}`, 'required') : undefined;
    // types: number, "numbers use 4 decimals".
    if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v * 10_000 - Math.round(v * 10_000)) > 1e-6) this.add(`${path}.${key}`, 'not a number of at most 4 decimals');
  }
  bool(o: Obj, key: string, path: string, required: boolean): void {
    const v = o[key];
    if (v === undefined) return required ? this.add(`${path}.${key}`, 'required') : undefined;
    if (typeof v !== 'boolean') this.add(`${path}.${key}`, 'not a boolean');
  }
  list_<T>(o: Obj, key: string, path: string, o2: { required?: boolean; min?: number }, each: (v: unknown, path: string) => T): void {
    const v = o[key];
    if (v === undefined) return o2.required ? this.add(`${path}.${key}`, 'required') : undefined;
    if (!Array.isArray(v)) return this.add(`${path}.${key}`, 'not a list');
    if (v.length < (o2.min ?? 0)) this.add(`${path}.${key}`, `fewer than ${o2.min}`);
    v.forEach((item, i) => each(item, `${path}.${key}[${i}]`));
  }
  enumList(o: Obj, key: string, path: string, values: readonly string[], required = false): void {
    this.list_(o, key, path, { required }, (v, p) => (typeof v === 'string' && values.includes(v) ? undefined : this.add(p, `${JSON.stringify(v)} is not one of the enum`)));
  }
  date(o: Obj, key: string, path: string, required: boolean): void {
    this.str(o, key, path, 25, { required, ascii: true, pattern: DATE_TIME });
  }
  noNulls(v: unknown, path: string): void {
    if (v === null) this.add(path, 'null (an optional field is left out, never null)');
    else if (Array.isArray(v)) v.forEach((x, i) => this.noNulls(x, `${path}[${i}]`));
    else if (isObj(v)) for (const [k, x] of Object.entries(v)) this.noNulls(x, `${path}.${k}`);
  }
}

function businessDetails(p: Problems, v: unknown, path: string): void {
  if (!isObj(v)) return p.add(path, 'not an object');
  p.str(v, 'name', path, 100, { required: true });
  p.str(v, 'website', path, 255);
}

function hours(p: Problems, v: unknown, path: string): void {
  if (!isObj(v)) return p.add(path, 'not an object');
  p.bool(v, 'twentyfourseven', path, true);
  if (v.twentyfourseven === false && (!Array.isArray(v.regular_hours) || v.regular_hours.length === 0)) p.add(`${path}.regular_hours`, 'needed when not twentyfourseven');
  p.list_(v, 'regular_hours', path, {}, (r, rp) => {
    if (!isObj(r)) return p.add(rp, 'not an object');
    p.int(r, 'weekday', rp, true, 1);
    if (typeof r.weekday === 'number' && r.weekday > 7) p.add(`${rp}.weekday`, 'above 7');
    p.str(r, 'period_begin', rp, 5, { required: true, pattern: HH_MM });
    p.str(r, 'period_end', rp, 5, { required: true, pattern: HH_MM });
    if (typeof r.period_begin === 'string' && typeof r.period_end === 'string' && r.period_end <= r.period_begin) p.add(rp, 'period_end must be later than period_begin');
  });
}

function energyMix(p: Problems, v: unknown, path: string): void {
  if (!isObj(v)) return p.add(path, 'not an object');
  p.bool(v, 'is_green_energy', path, true);
  p.list_(v, 'energy_sources', path, {}, (s, sp) => {
    if (!isObj(s)) return p.add(sp, 'not an object');
    p.str(s, 'source', sp, 20, { required: true, oneOf: ENERGY_SOURCES });
    p.num(s, 'percentage', sp, true);
  });
  p.str(v, 'supplier_name', path, 64);
  p.str(v, 'energy_product_name', path, 64);
}

export function connectorProblems(c: unknown, path = 'connector'): string[] {
  const p = new Problems();
  if (!isObj(c)) return [`${path}: not an object`];
  p.noNulls(c, path);
  p.str(c, 'id', path, 36, { required: true, ascii: true });
  p.str(c, 'standard', path, 30, { required: true, oneOf: CONNECTOR_TYPES });
  p.str(c, 'format', path, 10, { required: true, oneOf: CONNECTOR_FORMATS });
  p.str(c, 'power_type', path, 20, { required: true, oneOf: POWER_TYPES });
  p.int(c, 'max_voltage', path, true, 1);
  p.int(c, 'max_amperage', path, true, 1);
  // Dutch NAP: max_electric_power and tariff_ids are mandatory.
  p.int(c, 'max_electric_power', path, true, 1);
  p.list_(c, 'tariff_ids', path, { required: true }, (t, tp) => (typeof t === 'string' && t.length >= 1 && t.length <= 36 && /^[\x20-\x7e]+$/.test(t) ? undefined : p.add(tp, 'not a CiString(36)')));
  p.str(c, 'terms_and_conditions', path, 255, { pattern: /^https?:\/\// });
  p.date(c, 'last_updated', path, true);
  return p.list;
}

export function evseProblems(e: unknown, path = 'evse'): string[] {
  const p = new Problems();
  if (!isObj(e)) return [`${path}: not an object`];
  p.noNulls(e, path);
  p.str(e, 'uid', path, 36, { required: true, ascii: true });
  p.str(e, 'evse_id', path, 48, { ascii: true, pattern: EVSE_ID });
  p.str(e, 'status', path, 20, { required: true, oneOf: STATUSES });
  p.enumList(e, 'capabilities', path, CAPABILITIES);
  p.list_(e, 'connectors', path, { required: true, min: 1 }, (c, cp) => p.list.push(...connectorProblems(c, cp)));
  if (Array.isArray(e.connectors)) {
    const ids = e.connectors.map((c: unknown) => (isObj(c) ? String(c.id).toUpperCase() : ''));
    if (new Set(ids).size !== ids.length) p.add(`${path}.connectors`, 'two connectors with one id');
    // A Connector updated is its EVSE updated.
    for (const c of e.connectors) if (isObj(c) && typeof c.last_updated === 'string' && typeof e.last_updated === 'string' && Date.parse(c.last_updated) > Date.parse(e.last_updated)) p.add(`${path}.last_updated`, 'before a connector’s');
  }
  p.str(e, 'floor_level', path, 4);
  p.str(e, 'physical_reference', path, 16);
  // Dutch NAP: parking_restrictions is mandatory.
  p.enumList(e, 'parking_restrictions', path, PARKING_RESTRICTIONS, true);
  p.date(e, 'last_updated', path, true);
  return p.list;
}

export function locationProblems(l: unknown, path = 'location'): string[] {
  const p = new Problems();
  if (!isObj(l)) return [`${path}: not an object`];
  p.noNulls(l, path);
  p.str(l, 'country_code', path, 2, { required: true, ascii: true, pattern: /^[A-Za-z]{2}$/ });
  if (typeof l.country_code === 'string' && !ISO_COUNTRIES[l.country_code.toUpperCase()]) p.add(`${path}.country_code`, 'not an ISO 3166-1 alpha-2 code');
  p.str(l, 'party_id', path, 3, { required: true, ascii: true, pattern: /^[A-Za-z0-9]{3}$/ });
  p.str(l, 'id', path, 36, { required: true, ascii: true });
  p.bool(l, 'publish', path, true);
  p.str(l, 'name', path, 255);
  p.str(l, 'address', path, 45, { required: true });
  p.str(l, 'city', path, 45, { required: true });
  p.str(l, 'postal_code', path, 10);
  p.str(l, 'state', path, 20);
  p.str(l, 'country', path, 3, { required: true, pattern: /^[A-Z]{3}$/ });
  if (typeof l.country === 'string' && !Object.values(ISO_COUNTRIES).includes(l.country)) p.add(`${path}.country`, 'not an ISO 3166-1 alpha-3 code');
  if (!isObj(l.coordinates)) p.add(`${path}.coordinates`, 'required');
  else {
    p.str(l.coordinates, 'latitude', `${path}.coordinates`, 10, { required: true, pattern: LATITUDE });
    p.str(l.coordinates, 'longitude', `${path}.coordinates`, 11, { required: true, pattern: LONGITUDE });
  }
  p.str(l, 'parking_type', path, 20, { oneOf: PARKING_TYPES });
  p.list_(l, 'evses', path, {}, (e, ep) => p.list.push(...evseProblems(e, ep)));
  for (const key of ['operator', 'suboperator', 'owner']) if (l[key] !== undefined) businessDetails(p, l[key], `${path}.${key}`);
  p.enumList(l, 'facilities', path, FACILITIES);
  p.str(l, 'time_zone', path, 255, { required: true });
  if (typeof l.time_zone === 'string') {
    try {
      new Intl.DateTimeFormat('en', { timeZone: l.time_zone });
    } catch {
      p.add(`${path}.time_zone`, 'not an IANA time zone');
    }
  }
  // Dutch NAP: opening_times and energy_mix are mandatory.
  if (l.opening_times === undefined) p.add(`${path}.opening_times`, 'required (Dutch NAP)');
  else hours(p, l.opening_times, `${path}.opening_times`);
  p.bool(l, 'charging_when_closed', path, false);
  if (l.energy_mix === undefined) p.add(`${path}.energy_mix`, 'required (Dutch NAP)');
  else energyMix(p, l.energy_mix, `${path}.energy_mix`);
  p.date(l, 'last_updated', path, true);
  // An EVSE updated is its Location updated.
  if (Array.isArray(l.evses))
    for (const e of l.evses) if (isObj(e) && typeof e.last_updated === 'string' && typeof l.last_updated === 'string' && Date.parse(e.last_updated) > Date.parse(l.last_updated)) p.add(`${path}.last_updated`, 'before an EVSE’s');
  return p.list;
}

export function tariffProblems(t: unknown, path = 'tariff'): string[] {
  const p = new Problems();
  if (!isObj(t)) return [`${path}: not an object`];
  p.noNulls(t, path);
  p.str(t, 'country_code', path, 2, { required: true, ascii: true, pattern: /^[A-Za-z]{2}$/ });
  p.str(t, 'party_id', path, 3, { required: true, ascii: true, pattern: /^[A-Za-z0-9]{3}$/ });
  p.str(t, 'id', path, 36, { required: true, ascii: true });
  p.str(t, 'currency', path, 3, { required: true, oneOf: CURRENCIES });
  p.str(t, 'type', path, 20, { oneOf: TARIFF_TYPES });
  p.list_(t, 'tariff_alt_text', path, {}, (d, dp) => {
    if (!isObj(d)) return p.add(dp, 'not an object');
    p.str(d, 'language', dp, 2, { required: true, pattern: /^[a-z]{2}$/ });
    p.str(d, 'text', dp, 512, { required: true });
    if (typeof d.text === 'string' && /<[a-z/][^>]*>/i.test(d.text)) p.add(`${dp}.text`, 'markup');
  });
  p.str(t, 'tariff_alt_url', path, 255);
  p.list_(t, 'elements', path, { required: true, min: 1 }, (el, elp) => {
    if (!isObj(el)) return p.add(elp, 'not an object');
    p.list_(el, 'price_components', elp, { required: true, min: 1 }, (c, cp) => {
      if (!isObj(c)) return p.add(cp, 'not an object');
      p.str(c, 'type', cp, 20, { required: true, oneOf: DIMENSIONS });
      p.num(c, 'price', cp, true);
      if (typeof c.price === 'number' && c.price < 0) p.add(`${cp}.price`, 'negative');
      p.num(c, 'vat', cp, false);
      p.int(c, 'step_size', cp, true, 1);
    });
    if (el.restrictions === undefined) return;
    if (!isObj(el.restrictions)) return p.add(`${elp}.restrictions`, 'not an object');
    const r = el.restrictions;
    const rp = `${elp}.restrictions`;
    p.str(r, 'start_time', rp, 5, { pattern: HH_MM });
    p.str(r, 'end_time', rp, 5, { pattern: HH_MM });
    p.str(r, 'start_date', rp, 10, { pattern: /^([12][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/ });
    p.str(r, 'end_date', rp, 10, { pattern: /^([12][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/ });
    for (const k of ['min_kwh', 'max_kwh', 'min_current', 'max_current', 'min_power', 'max_power']) p.num(r, k, rp, false);
    p.int(r, 'min_duration', rp, false, 0);
    p.int(r, 'max_duration', rp, false, 0);
    p.enumList(r, 'day_of_week', rp, DAYS);
    p.str(r, 'reservation', rp, 20, { oneOf: ['RESERVATION', 'RESERVATION_EXPIRES'] });
  });
  p.date(t, 'start_date_time', path, false);
  p.date(t, 'end_date_time', path, false);
  if (t.energy_mix !== undefined) energyMix(p, t.energy_mix, `${path}.energy_mix`);
  p.date(t, 'last_updated', path, true);
  return p.list;
}
