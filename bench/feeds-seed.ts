import type { Kysely } from 'kysely';
import type { Database } from '../src/adapters/storage/schema.ts';
import { StationStore } from '../src/adapters/storage/station-store.ts';
import { TariffStore } from '../src/adapters/storage/tariff-store.ts';
import type { OpeningHours } from '../src/core/feed/opening-hours.ts';
import type { Facility, ParkingType } from '../src/core/feed/feed-vocabulary.ts';
import type { Tariff } from '../src/core/tariff.ts';
import type { PowerClass } from '../src/core/tariff-assignment.ts';
import { validatePeriods } from '../src/core/tariff-schedule.ts';
import type { ConnectorStatus } from '../src/core/vocabulary/connector-status.ts';
import type { NewConnector, StationWrite } from '../src/usecases/ports/operator-stations.ts';
import { aTariff } from '../test/support/tariff-builder.ts';

// A fleet as an operator with many sites has it, written through Ladepay's
// own stores: complete sites (feed data filled in) of two stations with two
// connectors each, every other site fast DC and the rest 22 kW AC; tariffs
// operator-wide, per power class, per site and per connector, with
// time-of-day periods, one replaced and one not yet begun; stations online
// and offline, connectors in every status the feeds say.

export interface FleetShape {
  sites: number;
  stationsPerSite: number;
  connectorsPerStation: number;
}

export interface SeededFleet {
  sites: number;
  stations: number;
  connectors: number;
  tariffs: number;
  online: number;
  statuses: Record<string, number>;
}

const CITIES = [
  { city: 'Oslo', postalCode: '0150', lat: 59.9139, lon: 10.7522 },
  { city: 'Bergen', postalCode: '5003', lat: 60.3913, lon: 5.3221 },
  { city: 'Trondheim', postalCode: '7011', lat: 63.4305, lon: 10.3951 },
  { city: 'Stavanger', postalCode: '4006', lat: 58.97, lon: 5.7331 },
  { city: 'Tromsø', postalCode: '9008', lat: 69.6492, lon: 18.9553 },
  { city: 'Kristiansand', postalCode: '4611', lat: 58.1467, lon: 7.9956 },
];
const PARKING: ParkingType[] = ['PARKING_LOT', 'ON_STREET', 'PARKING_GARAGE', 'ALONG_MOTORWAY', 'UNDERGROUND_GARAGE'];
const FACILITIES: Facility[][] = [[], ['CAFE'], ['SUPERMARKET', 'WIFI'], ['RESTAURANT', 'HOTEL'], []];
const SHOP_HOURS: OpeningHours = {
  twentyFourSeven: false,
  regularHours: [
    ...([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, periodBegin: '06:00', periodEnd: '23:00' })),
    ...([6, 7] as const).map((weekday) => ({ weekday, periodBegin: '08:00', periodEnd: '22:00' })),
  ],
};
// Per 100 connectors, what they last reported (the rest never reported: unknown).
const STATUS_MIX: Array<[ConnectorStatus, number]> = [
  ['available', 58],
  ['charging', 20],
  ['preparing', 5],
  ['suspended_ev', 3],
  ['finishing', 5],
  ['faulted', 3],
  ['unavailable', 2],
  ['reserved', 1],
];

const pad = (n: number) => String(n).padStart(5, '0');
export const benchSiteId = (i: number) => `fs${pad(i)}`;

function statusOf(n: number): ConnectorStatus | undefined {
  let slot = n % 100;
  for (const [status, share] of STATUS_MIX) {
    if (slot < share) return status;
    slot -= share;
  }
  return undefined;
}

function connectorsOf(site: number, station: number, count: number): NewConnector[] {
  const dc = site % 2 === 0;
  return Array.from({ length: count }, (_, k) => {
    const code = `F${pad(site)}${station}${k + 1}`;
    if (!dc) return { connectorNo: k + 1, type: 'Type2', maxPowerW: 22_000, code };
    // A card terminal at every tenth fast site.
    const cardTerminal = site % 20 === 0;
    return k % 2 === 0
      ? { connectorNo: k + 1, type: 'CCS', maxPowerW: 150_000, code, maxVoltage: 920, maxAmperage: 200, cardTerminal }
      : { connectorNo: k + 1, type: 'CHAdeMO', maxPowerW: 50_000, code, maxVoltage: 500, maxAmperage: 125, cardTerminal };
  });
}

async function inTransactions(db: Kysely<Database>, count: number, size: number, fn: (trx: Kysely<Database>, from: number, to: number) => Promise<void>): Promise<void> {
  for (let from = 1; from <= count; from += size) {
    const to = Math.min(count, from + size - 1);
    await db.transaction().execute((trx) => fn(trx, from, to));
  }
}

export async function seedFleet(db: Kysely<Database>, shape: FleetShape, now: Date, log: (line: string) => void): Promise<SeededFleet> {
  const made = new Date(now.getTime() - 90 * 86_400_000);
  const fleet: SeededFleet = { sites: shape.sites, stations: 0, connectors: 0, tariffs: 0, online: 0, statuses: {} };
  const pending: StationWrite[][] = [];
  await inTransactions(db, shape.sites, 100, async (trx, from, to) => {
    const store = new StationStore(trx, () => made);
    // The stations after their sites, in a transaction of their own (writeAll opens one).
    const writes: StationWrite[] = [];
    for (let i = from; i <= to; i++) {
      const place = CITIES[i % CITIES.length]!;
      await store.createSite(
        {
          id: benchSiteId(i),
          name: `Ladepark ${place.city} ${i}`,
          address: `Benkegata ${i}`,
          city: place.city,
          postalCode: place.postalCode,
          coordinates: { latitude: (place.lat + (i % 97) / 1000).toFixed(6), longitude: (place.lon + (i % 89) / 1000).toFixed(6) },
          openingHours: i % 5 === 0 ? SHOP_HOURS : { twentyFourSeven: true },
          parkingType: PARKING[i % PARKING.length]!,
          parkingRestrictions: i % 3 === 0 ? ['EV_ONLY'] : [],
          facilities: FACILITIES[i % FACILITIES.length]!,
          ownerName: i % 7 === 0 ? `Eiendom ${i} AS` : null,
        },
        made,
      );
      for (let s = 1; s <= shape.stationsPerSite; s++) {
        const connectors = connectorsOf(i, s, shape.connectorsPerStation);
        writes.push({ kind: 'create_station', station: { id: `FS${pad(i)}-${s}`, siteId: benchSiteId(i), name: `Lader ${s}`, passwordHash: 'not-used', connectors } });
        fleet.stations++;
        fleet.connectors += connectors.length;
      }
    }
    pending.push(writes);
  });
  for (const writes of pending) await new StationStore(db, () => made).writeAll(writes, made);
  log(`seeded ${fleet.sites} sites, ${fleet.stations} stations, ${fleet.connectors} connectors`);
  fleet.tariffs = await seedTariffs(db, shape, now);
  await seedStatuses(db, shape, now, fleet);
  log(`seeded ${fleet.tariffs} tariffs; ${fleet.online} stations online; statuses ${JSON.stringify(fleet.statuses)}`);
  return fleet;
}

async function seedStatuses(db: Kysely<Database>, shape: FleetShape, now: Date, fleet: SeededFleet): Promise<void> {
  const at = new Date(now.getTime() - 3_600_000);
  let n = 0;
  const faultedStations: string[] = [];
  await inTransactions(db, shape.sites, 100, async (trx, from, to) => {
    const store = new StationStore(trx, () => at);
    for (let i = from; i <= to; i++) {
      for (let s = 1; s <= shape.stationsPerSite; s++) {
        const id = `FS${pad(i)}-${s}`;
        n++;
        // One station in twenty offline, one in two hundred disabled, one in a hundred faulted as a whole.
        if (n % 20 !== 7) {
          await store.markConnected(id, n % 3 === 0 ? 'ocpp2.0.1' : 'ocpp1.6', at);
          fleet.online++;
        }
        if (n % 200 === 13) await store.setStationDisabled(id, true);
        if (n % 100 === 42) faultedStations.push(id);
        for (let k = 1; k <= shape.connectorsPerStation; k++) {
          const status = statusOf(n * shape.connectorsPerStation + k);
          const key = status ?? 'unknown';
          fleet.statuses[key] = (fleet.statuses[key] ?? 0) + 1;
          if (status) await store.setConnectorStatus(id, k, { status, at, ...(status === 'faulted' ? { errorCode: 'PowerSwitchFailure' } : {}) });
        }
      }
    }
  });
  // Outside the batches: a station-wide report opens a transaction of its own.
  const store = new StationStore(db, () => at);
  for (const id of faultedStations) await store.setStationStatus(id, { status: 'faulted', errorCode: 'GroundFailure', at });
}

function periods(base: Tariff, input: unknown[]) {
  const checked = validatePeriods(base, input);
  if (!checked.ok) throw new Error(`bench tariff periods: ${JSON.stringify(checked.error)}`);
  return checked.value;
}

async function seedTariffs(db: Kysely<Database>, shape: FleetShape, now: Date): Promise<number> {
  const store = new TariffStore(db);
  const day = 86_400_000;
  const ago = (days: number) => new Date(now.getTime() - days * day);
  let count = 0;
  const add = async (id: string, name: string, tariff: Tariff, validFrom: Date, more: { siteId?: string; connectorId?: string; powerClass?: PowerClass; periods?: unknown[] } = {}) => {
    const { siteId = null, connectorId = null, powerClass = null } = more;
    await store.create({ id, name, siteId, connectorId, powerClass, tariff, validFrom, periods: periods(tariff, more.periods ?? []) }, validFrom < now ? validFrom : now);
    count++;
  };
  const standard = aTariff({ perKwhOre: 499 });
  // The operator-wide price, replaced a month ago; its successor dearer in the evening and cheaper at night; the next one not yet begun.
  await add('std-old', 'Standard (gammel)', aTariff({ perKwhOre: 449 }), ago(200));
  await add('std', 'Standard', standard, ago(30), {
    periods: [
      { days: [1, 2, 3, 4, 5], from: '17:00', to: '21:00', perKwhOre: 599 },
      { days: [1, 2, 3, 4, 5, 6, 7], from: '22:00', to: '06:00', perKwhOre: 399 },
    ],
  });
  await add('std-next', 'Standard (neste)', aTariff({ perKwhOre: 519 }), new Date(now.getTime() + 30 * day));
  // Fast DC by power class, with an idle fee and rush-hour prices.
  const fast = aTariff({ perKwhOre: 649, idlePerMinuteOre: 100, idleGraceMinutes: 15, idleCapOre: 10_000 });
  await add('dc-fast', 'Hurtiglading', fast, ago(60), {
    powerClass: { current: 'DC', minPowerW: 100_000, maxPowerW: null },
    periods: [
      { days: [1, 2, 3, 4, 5], from: '07:00', to: '09:00', perKwhOre: 749 },
      { days: [1, 2, 3, 4, 5], from: '16:00', to: '20:00', perKwhOre: 749 },
    ],
  });
  await add('dc', 'DC', aTariff({ perKwhOre: 549, startFeeOre: 500 }), ago(60), { powerClass: { current: 'DC', minPowerW: 0, maxPowerW: 100_000 } });
  // One AC site in a hundred with a price of its own, and a few connectors sold by time.
  for (let i = 1; i <= shape.sites; i += 100) {
    if (i % 2 === 0) continue;
    await add(`site-${benchSiteId(i)}`, `Pris ${i}`, aTariff({ perKwhOre: 400 + (i % 97), idlePerMinuteOre: 50, idleGraceMinutes: 30, idleCapOre: 5_000 }), ago(10), { siteId: benchSiteId(i) });
  }
  for (let i = 3; i <= shape.sites; i += 250) {
    await add(`conn-${i}`, `Tid ${i}`, aTariff({ perKwhOre: 333, perHourOre: 6_000 + i }), ago(5), { siteId: benchSiteId(i), connectorId: `FS${pad(i)}-1-1` });
  }
  return count;
}
