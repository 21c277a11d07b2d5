import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { generateStationSecret, hashStationSecret } from '../adapters/security/station-secret.ts';
import type { Database } from '../adapters/storage/schema.ts';
import { StationStore } from '../adapters/storage/station-store.ts';
import { KyselyStationPasswords } from '../adapters/storage/station-password-store.ts';
import { TariffStore } from '../adapters/storage/tariff-store.ts';
import type { ConnectorData } from '../core/feed/connector-data.ts';
import type { SiteData } from '../core/feed/site-data.ts';

// Made anew by every demo process and never printed: the demo's stations get
// it at each start, and only the simulated stations in this process know it.
const DEMO_TARIFF_ID = 'demo-standard';

export const DEMO_STATION_PASSWORD = generateStationSecret();

export interface DemoStation {
  id: string;
  protocol: 'ocpp1.6' | 'ocpp2.0.1' | 'ocpp2.1';
  // A screen of its own: the price on it (docs/price-display.md) and, on 2.1,
  // Vipps' one-time QR when the driver taps Pay there (docs/display-payment.md).
  screen?: 'california' | 'display-messages';
  type: string;
  maxPowerW: number;
  code: string;
  // What the charger feeds say of it (docs/feed-data.md): complete, as a real one is set up.
  feed: ConnectorData;
}

const KINDS: Array<Omit<DemoStation, 'id' | 'code'>> = [
  { protocol: 'ocpp1.6', type: 'CCS', maxPowerW: 50_000, feed: { standard: 'IEC_62196_T2_COMBO', format: 'CABLE', powerType: 'DC', maxVoltage: 500, maxAmperage: 125, cardTerminal: false } },
  { protocol: 'ocpp2.1', screen: 'display-messages', type: 'Type2', maxPowerW: 22_000, feed: { standard: 'IEC_62196_T2', format: 'SOCKET', powerType: 'AC_3_PHASE', maxVoltage: 230, maxAmperage: 32, cardTerminal: false } },
  { protocol: 'ocpp1.6', screen: 'california', type: 'CCS', maxPowerW: 150_000, feed: { standard: 'IEC_62196_T2_COMBO', format: 'CABLE', powerType: 'DC', maxVoltage: 920, maxAmperage: 200, cardTerminal: false } },
];

export function demoStations(count: number): DemoStation[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = KINDS[i % KINDS.length] as (typeof KINDS)[number];
    const n = String(i + 1).padStart(2, '0');
    return { ...kind, id: `DEMO-${n}`, code: `DEMO${n}` };
  });
}

const DEMO_SITE = { id: 'demo', name: 'Ladepay Demo – Tjuvholmen', address: 'Tjuvholmen allé 1, 0252 Oslo' };

// All a charger feed needs of the demo's site: by the Astrup Fearnley museum
// at Tjuvholmen in Oslo, open around the clock.
const DEMO_SITE_DATA: SiteData = {
  city: 'Oslo',
  postalCode: '0252',
  country: 'NO',
  coordinates: { latitude: '59.907400', longitude: '10.721900' },
  timeZone: 'Europe/Oslo',
  openingHours: { twentyFourSeven: true },
  parkingType: 'PARKING_LOT',
  parkingRestrictions: ['EV_ONLY', 'PLUGGED'],
  facilities: ['RESTAURANT', 'CAFE', 'MUSEUM'],
  ownerName: null,
};

// The demo's site, a tariff and its stations, each made when missing; later
// starts find them. Each is looked for by itself, not by whether the database
// is empty: an operator may have added a site and a station with
// `station add` before the first `npm start`.
export async function seedDemo(db: Kysely<Database>, config: Config, now: Date): Promise<DemoStation[]> {
  const stations = new StationStore(db);
  const wanted = demoStations(config.demo.stations);
  const site = await stations.site(DEMO_SITE.id);
  if (!site) await stations.createSite({ ...DEMO_SITE, ...DEMO_SITE_DATA }, now);
  // A demo database made before the feed data gets it; an operator's own changes stay.
  else if (site.coordinates === null) await stations.updateSite(DEMO_SITE.id, DEMO_SITE_DATA);
  const tariffs = new TariffStore(db);
  // Operator-wide, so a station added before the demo (on another site, with
  // no tariff of its own) has a price too; an existing tariff is left alone.
  if (!(await tariffs.current(DEMO_SITE.id, now)) && !(await tariffs.byId(DEMO_TARIFF_ID))) {
    await tariffs.create(
      {
        id: DEMO_TARIFF_ID,
        siteId: null,
        name: 'Standard',
        tariff: {
          currency: 'NOK',
          perKwhOre: 499,
          startFeeOre: 0,
          perHourOre: 0,
          idlePerMinuteOre: 100,
          idleGraceMinutes: 30,
          idleCapOre: 10_000,
          vatRateBasisPoints: 2500,
        },
        validFrom: new Date('2020-01-01T00:00:00.000Z'),
      },
      now,
    );
  }
  const passwordHash = await hashStationSecret(DEMO_STATION_PASSWORD);
  const passwords = new KyselyStationPasswords(db);
  for (const s of wanted) {
    if (await stations.station(s.id)) {
      await passwords.setPassword(s.id, passwordHash);
      const connector = await stations.connectorAt(s.id, 1);
      if (connector && connector.maxVoltage === null && connector.type === s.type && connector.maxPowerW === s.maxPowerW) await stations.updateConnector(connector.id, s.feed);
      continue;
    }
    await stations.createStation(
      { id: s.id, siteId: DEMO_SITE.id, name: `Lader ${s.id.slice(5)}`, passwordHash, connectors: [{ connectorNo: 1, type: s.type, maxPowerW: s.maxPowerW, code: s.code, ...s.feed }] },
      now,
    );
  }
  return wanted;
}
