import { generateStationSecret, hashStationSecret } from '../src/adapters/security/station-secret.ts';
import { ApiTokenStore } from '../src/adapters/storage/api-token-store.ts';
import { StationStore } from '../src/adapters/storage/station-store.ts';
import { TariffStore } from '../src/adapters/storage/tariff-store.ts';
import type { OpenDatabase } from '../src/adapters/storage/open-database.ts';
import { CHAOS_TARIFF } from './chaos-tariff.ts';

// The stations of the chaos world, as registered in Ladepay: a share on OCPP
// 2.0.1, two connectors each, AC at 22 kW or DC at 50 kW, and two hostile
// stations with valid credentials of their own (one per protocol). Each
// password is one Ladepay would make: a random one of its own drawing may be
// rated below the strength Ladepay asks of a station's secret.

export interface ConnectorSpec {
  no: number;
  code: string;
  maxPowerW: number;
}

export interface StationSpec {
  id: string;
  password: string;
  protocol: 'ocpp1.6' | 'ocpp2.0.1';
  connectors: ConnectorSpec[];
  hostile: boolean;
}

export function fleetSpec(count: number): StationSpec[] {
  const digits = Math.max(3, String(count).length);
  const stations: StationSpec[] = [];
  for (let i = 0; i < count; i++) {
    const n = String(i + 1).padStart(digits, '0');
    const maxPowerW = i % 3 === 2 ? 50_000 : 22_000;
    stations.push({
      id: `CHAOS-${n}`,
      password: generateStationSecret(),
      // 2 of every 5 on 2.0.1, spread through the fleet.
      protocol: i % 5 === 1 || i % 5 === 3 ? 'ocpp2.0.1' : 'ocpp1.6',
      connectors: [1, 2].map((no) => ({ no, code: `X${n}${no}`, maxPowerW })),
      hostile: false,
    });
  }
  for (const [id, protocol] of [['CHAOS-H16', 'ocpp1.6'], ['CHAOS-H201', 'ocpp2.0.1']] as const) {
    stations.push({ id, password: generateStationSecret(), protocol, connectors: [{ no: 1, code: `X${id.slice(6)}`, maxPowerW: 22_000 }], hostile: true });
  }
  return stations;
}

// The site, the tariff, the stations with their connectors, and an API token for the operator.
export async function seedChaosWorld(database: OpenDatabase, stations: StationSpec[], now: Date): Promise<{ apiToken: string }> {
  const store = new StationStore(database.db);
  await store.createSite({ id: 'chaos-site', name: 'Kaosgata lading', address: 'Kaosgata 1, 0150 Oslo' }, now);
  await new TariffStore(database.db).create(
    {
      id: 'chaos-tariff',
      siteId: null,
      name: 'Kaos',
      tariff: { currency: 'NOK', ...CHAOS_TARIFF, perHourOre: 0, idlePerMinuteOre: 0, idleGraceMinutes: 0, idleCapOre: 0 },
      validFrom: new Date('2020-01-01T00:00:00Z'),
    },
    now,
  );
  for (const s of stations) {
    await store.createStation(
      {
        id: s.id,
        siteId: 'chaos-site',
        name: `Lader ${s.id}`,
        passwordHash: await hashStationSecret(s.password),
        connectors: s.connectors.map((c) => ({ connectorNo: c.no, type: c.maxPowerW > 22_000 ? 'CCS' : 'Type2', maxPowerW: c.maxPowerW, code: c.code })),
      },
      now,
    );
  }
  const { token } = await new ApiTokenStore(database.db).create('chaos operator', now);
  return { apiToken: token };
}
