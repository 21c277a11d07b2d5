import type { CompleteSiteData, PublishedEvse, PublishedOperator, PublishedSite, PublishedView } from '../../src/core/feed/published-site.ts';
import type { Tariff } from '../../src/core/tariff.ts';

// The published view of a demo-like site for tests of the feeds' mappings:
// one station with a 50 kW CCS and a 22 kW Type 2 at Tjuvholmen, 4.99 kr/kWh.
// Fixed values throughout; each part can be overridden.

export const anOperator = (over: Partial<PublishedOperator> = {}): PublishedOperator => ({
  name: 'Ladepay Demo Lading AS',
  orgNumber: '999999999',
  countryCode: 'NO',
  partyId: 'LDP',
  helpLine: '+47 22 12 34 56',
  email: 'kundeservice@ladepay-demo.example',
  website: undefined,
  termsUrl: 'https://lade.example/terms',
  publicUrl: 'https://lade.example',
  ...over,
});

const base: Tariff = { currency: 'NOK', perKwhOre: 499, startFeeOre: 0, perHourOre: 0, idlePerMinuteOre: 100, idleGraceMinutes: 30, idleCapOre: 10_000, vatRateBasisPoints: 2500 };

// A site's feed data with everything a feed requires (docs/feed-data.md).
export const aCompleteSiteData = (over: Partial<CompleteSiteData> = {}): CompleteSiteData => ({
  city: 'Oslo',
  postalCode: '0252',
  country: 'NO',
  coordinates: { latitude: '59.907400', longitude: '10.721900' },
  timeZone: 'Europe/Oslo',
  openingHours: { twentyFourSeven: true },
  parkingType: 'PARKING_LOT',
  parkingRestrictions: [],
  facilities: [],
  ownerName: null,
  ...over,
});

export const anEvse = (over: Partial<PublishedEvse> = {}): PublishedEvse => ({
  uid: 'DEMO01',
  evseId: 'NO*LDP*EDEMO01',
  code: 'DEMO01',
  connectorId: 'DEMO-01-1',
  landingUrl: 'https://lade.example/c/DEMO01',
  connector: { type: 'CCS', standard: 'IEC_62196_T2_COMBO', format: 'CABLE', powerType: 'DC', maxVoltage: 500, maxAmperage: 125, maxPowerW: 50_000, cardTerminal: false },
  status: 'available',
  describedAt: '2026-03-01T10:00:00.000Z',
  statusAt: '2026-03-02T08:30:00.000Z',
  tariff: { id: 'T0123456789abcdef0123456789abcdef', schedule: { base, periods: [] }, since: '2026-01-01T00:00:00.000Z' },
  priceNow: { tariff: base, since: '2026-01-01T00:00:00.000Z' },
  ...over,
});

export const aSecondEvse = (over: Partial<PublishedEvse> = {}): PublishedEvse =>
  anEvse({
    uid: 'DEMO02',
    evseId: 'NO*LDP*EDEMO02',
    code: 'DEMO02',
    connectorId: 'DEMO-02-1',
    landingUrl: 'https://lade.example/c/DEMO02',
    connector: { type: 'Type2', standard: 'IEC_62196_T2', format: 'SOCKET', powerType: 'AC_3_PHASE', maxVoltage: 230, maxAmperage: 32, maxPowerW: 22_000, cardTerminal: true },
    status: 'charging',
    ...over,
  });

export const aPublishedSite = (over: Partial<PublishedSite> = {}): PublishedSite => ({
  id: 'demo',
  name: 'Ladepay Demo – Tjuvholmen',
  address: 'Tjuvholmen allé 1, 0252 Oslo',
  data: aCompleteSiteData({ parkingRestrictions: ['EV_ONLY', 'PLUGGED'], facilities: ['RESTAURANT', 'CAFE', 'MUSEUM'] }),
  disabled: false,
  updatedAt: '2026-02-01T12:00:00.000Z',
  stations: [
    { id: 'DEMO-01', name: 'Lader 01', updatedAt: '2026-02-01T12:00:00.000Z', evses: [anEvse()] },
    { id: 'DEMO-02', name: 'Lader 02', updatedAt: '2026-02-01T12:00:00.000Z', evses: [aSecondEvse()] },
  ],
  ...over,
});

export const aPublishedView = (over: Partial<PublishedView> = {}): PublishedView => ({
  at: '2026-03-02T09:00:00.000Z',
  operator: anOperator(),
  sites: [aPublishedSite()],
  ...over,
});
