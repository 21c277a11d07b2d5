import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { hashStationSecret } from '../../src/adapters/security/station-secret.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { TariffStore } from '../../src/adapters/storage/tariff-store.ts';
import type { Tariff } from '../../src/core/tariff.ts';
import { aTariff } from '../../src/core/tariff-builder.ts';
import type { Session } from '../../src/core/session/session.ts';
import { startLadepay, type RunningLadepay } from '../../src/start-ladepay.ts';
import { startChargePoint, type ChargePoint } from '../../simulators/charge-point/index.ts';
import { startVippsSimulator, type VippsSimulator, type VippsSimulatorOptions } from '../../simulators/vipps/index.ts';
import { createTestDatabase, type TestDialect, type TestDatabase } from './test-database.ts';
import { eventually, WAIT_LIMIT_MS } from './eventually.ts';

export const STATION_PASSWORD = 'station-secret-1';

// 5 kr/kWh and nothing else: easy sums in assertions.
export const standardTariff: Tariff = aTariff({ perKwhOre: 500 });

export interface SystemOptions {
  dialect: TestDialect;
  env?: Record<string, string>;
  tariff?: Tariff;
  vipps?: VippsSimulator; // share one simulator between restarts
  vippsOptions?: VippsSimulatorOptions; // over the defaults, for the simulator made here (e.g. its logger)
}

// The whole system in this process on port 0: Ladepay on a real database, the
// Vipps simulator, and charge points connecting over real WebSockets.
export interface TestSystem {
  ladepay: RunningLadepay;
  vipps: VippsSimulator;
  database: TestDatabase;
  env: Record<string, string>;
  addStation(id: string, protocol: 'ocpp1.6' | 'ocpp2.0.1', code: string): Promise<void>;
  connect(id: string, protocol: 'ocpp1.6' | 'ocpp2.0.1', extra?: Partial<Parameters<typeof startChargePoint>[0]>): Promise<ChargePoint>;
  // Moves Ladepay's clock forward (deadlines, silence timeouts) without waiting.
  advance(ms: number): Promise<void>;
  session(token: string): Promise<Session>;
  waitForState(token: string, state: Session['state'] | Array<Session['state']>, timeoutMs?: number): Promise<Session>;
  stop(): Promise<void>;
}

export function systemEnv(database: TestDatabase, vipps: VippsSimulator, extra: Record<string, string> = {}): Record<string, string> {
  const m = vipps.merchants[0]!;
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: database.databaseUrl,
    LOG_LEVEL: 'silent',
    VIPPS_BASE_URL: vipps.url,
    VIPPS_CLIENT_ID: m.clientId,
    VIPPS_CLIENT_SECRET: m.clientSecret,
    VIPPS_SUBSCRIPTION_KEY: m.subscriptionKey,
    VIPPS_MSN: m.msn,
    OCPP_METER_INTERVAL_SECONDS: '10',
    OCPP_CALL_TIMEOUT_MS: '3000',
    ...extra,
  };
}

export async function startSystem(o: SystemOptions): Promise<TestSystem> {
  const database = await createTestDatabase(o.dialect);
  const vipps = o.vipps ?? (await startVippsSimulator({ port: 0, webhookRetry: { backoffMs: [20, 50, 100, 200], timeoutMs: 2000 }, ...o.vippsOptions }));
  const stations = new StationStore(database.db);
  const now = new Date();
  await stations.createSite({ id: 'site', name: 'Testgata lading', address: 'Testgata 1, 0150 Oslo' }, now);
  await new TariffStore(database.db).create({ id: 't1', siteId: null, name: 'Standard', tariff: o.tariff ?? standardTariff, validFrom: new Date('2020-01-01T00:00:00Z') }, now);
  const env = systemEnv(database, vipps, o.env);
  let offsetMs = 0;
  const ladepay = await startLadepay(loadConfig(env, 'serve'), {
    logger: pino({ level: 'silent' }),
    now: () => new Date(Date.now() + offsetMs),
    reconcileEveryMs: 300,
    outboxPollMs: 100,
    vippsRetry: { baseDelayMs: 5, maxDelayMs: 50 },
  });
  const chargePoints: ChargePoint[] = [];
  const passwordHash = await hashStationSecret(STATION_PASSWORD);

  const system: TestSystem = {
    ladepay,
    vipps,
    database,
    env,
    async addStation(id, _protocol, code) {
      await stations.createStation(
        { id, siteId: 'site', name: `Lader ${id}`, passwordHash, connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 50_000, code }] },
        new Date(),
      );
    },
    async connect(id, protocol, extra = {}) {
      const cp = await startChargePoint({
        csmsUrl: `${ladepay.url.replace(/^http/, 'ws')}/ocpp`,
        stationId: id,
        password: STATION_PASSWORD,
        protocol,
        timeScale: 0,
        // plugIn(), tick() … return once Ladepay has answered what they sent.
        settleTimeoutMs: WAIT_LIMIT_MS,
        reconnectInitialDelayMs: 100,
        reconnectMaxDelayMs: 500,
        ...extra,
      });
      chargePoints.push(cp);
      await eventually(async () => (await stations.station(id))?.online === 1, `${id} online`);
      return cp;
    },
    async advance(ms) {
      offsetMs += ms;
      await ladepay.reconcileNow();
    },
    async session(token) {
      const stored = await ladepay.repo.byToken(token);
      if (!stored) throw new Error(`no session for ${token}`);
      return stored.session;
    },
    async waitForState(token, state, timeoutMs) {
      const states = Array.isArray(state) ? state : [state];
      return eventually(
        async () => {
          const s = await system.session(token);
          return states.includes(s.state) ? s : undefined;
        },
        `session in ${states.join('/')}`,
        timeoutMs,
      );
    },
    async stop() {
      await Promise.all(chargePoints.map((c) => c.stop().catch(() => undefined)));
      await ladepay.stop();
      if (!o.vipps) await vipps.stop();
      await database.drop();
    },
  };
  return system;
}
