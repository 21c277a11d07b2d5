import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { createOcppServer, type OcppServer, type StationLinks } from '../adapters/ocpp/ocpp-server.ts';
import { createStationAuthLimiter } from '../adapters/ocpp/station-auth-limiter.ts';
import { createStationLockouts, type StationLockouts } from '../adapters/ocpp/station-lockouts.ts';
import { KyselyLockoutStore } from '../adapters/storage/station-lockout-store.ts';
import { KyselyStationPasswords } from '../adapters/storage/station-password-store.ts';
import { addressKey } from '../adapters/web/address-key.ts';
import { clientAddressReader } from '../adapters/web/client-address.ts';
import type { LadepayMetrics } from '../adapters/web/metrics.ts';
import { stationDoorMetrics } from '../adapters/web/station-door-metrics.ts';
import type { StationHolding } from '../adapters/ocpp/station-lifecycle.ts';
import type { ChargerEvents } from '../usecases/ports/charger.ts';
import type { StationReports } from '../usecases/ports/charger-operations.ts';
import type { Storage } from './storage.ts';

export interface StationSide {
  ocpp: OcppServer;
  passwords: KyselyStationPasswords;
  lockouts: StationLockouts;
}

// The CSMS endpoint and its door: passwords, and failed-upgrade lockouts kept
// in the database and read again every 15 s, so every process honours them.
export async function openStationSide(
  w: { config: Config; storage: Storage; links: StationLinks; holding: StationHolding; events: ChargerEvents; reports: StationReports; metrics: LadepayMetrics; logger: Logger; now: () => Date },
): Promise<StationSide> {
  const { config, metrics, now } = w;
  const logger = w.logger.child({ component: 'ocpp' });
  const db = w.storage.database.db;
  const passwords = new KyselyStationPasswords(db);
  const lockouts = createStationLockouts({ store: new KyselyLockoutStore(db), limiter: createStationAuthLimiter(config.stationDoor), logger, now });
  await lockouts.start(15_000);
  // Behind a trusted proxy, the address it names; an IPv6 client counts as its /64.
  const readClientAddress = clientAddressReader(config.http.trustedProxies);
  const ocpp: OcppServer = createOcppServer({
    links: w.links,
    holding: w.holding,
    stations: passwords,
    limits: config.stationDoor,
    lockouts,
    metrics: stationDoorMetrics(metrics.registry, () => ({ upgradesInProgress: () => ocpp.upgradesInProgress(), activeLockouts: () => lockouts.activeCounts() })),
    clientAddress: (req) => addressKey(readClientAddress(req)),
    now,
    log: metrics.countOcppFrames(w.storage.ocppLog),
    events: w.events,
    reports: w.reports,
    logger,
    callTimeoutMs: config.ocpp.callTimeoutMs,
    heartbeatIntervalSeconds: config.ocpp.heartbeatSeconds,
    meterIntervalSeconds: config.ocpp.meterIntervalSeconds,
  });
  return { ocpp, passwords, lockouts };
}
