// What a charger feed says, reduced to plain facts both formats can carry, so
// the OCPI 2.2.1 pull (ocpi-facts.ts) and the AFIR DATEX II feed
// (datex2-facts.ts) can be compared equal. Each reader is written from its own
// format's text and shares nothing with Ladepay's mappings: a mapping bug on
// either side shows as a difference. Words are OCPI's where a format must be
// chosen (connector standard, EVSE status); the id mapping is
// docs/feed-mapping.md's: a site is a Location, a refill point an EVSE.

export interface Prices {
  perKwhOre: number; // incl. VAT, øre per kWh
  startFeeOre: number; // incl. VAT, øre once
  perHourOre: number; // incl. VAT, øre per hour of charging
  idlePerMinuteOre: number; // incl. VAT, øre per minute
  vatPercent: number;
}

// Where and when: a site's, or a point's (an EVSE's own coordinates, else its
// Location's; a DATEX II station's own location and hours).
export interface Place {
  latitude: string; // 6 decimals, as OCPI writes it
  longitude: string;
  hours: 'twentyfourseven' | string[]; // "1 07:00-22:00" (1 = Monday), sorted
}

export interface SiteFacts extends Place {
  id: string;
  name: string;
  address: string; // the street and number, without postal code and city
  postalCode: string;
  city: string;
  country: string; // ISO 3166-1 alpha-2
}

export interface ConnectorFacts {
  standard: string; // OCPI ConnectorType
  format: 'SOCKET' | 'CABLE';
  maxPowerW: number;
  maxVoltage: number;
  maxAmperage: number;
}

export interface PointFacts extends Place {
  evseId: string;
  siteId: string;
  current: 'AC' | 'DC';
  maxPowerW: number;
  connectors: ConnectorFacts[];
  status: string; // OCPI EVSE status
  // The ad hoc price in force now, and the base price (outside every period of the week); null: none.
  priceNow: Prices | null;
  basePrice: Prices | null;
}

export interface FeedFacts {
  sites: SiteFacts[];
  points: PointFacts[];
}

export function sortedFacts(sites: SiteFacts[], points: PointFacts[]): FeedFacts {
  return { sites: [...sites].sort((a, b) => a.id.localeCompare(b.id)), points: [...points].sort((a, b) => a.evseId.localeCompare(b.evseId)) };
}

// A coordinate to OCPI's precision (6 decimals); DATEX II carries a number.
export function sixDecimals(value: string | number): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new Error(`not a coordinate: ${String(value)}`);
  return n.toFixed(6);
}
