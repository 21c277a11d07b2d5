import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { loadConfig, secretsKeyBytes } from '../../src/config.ts';
import { SecretBox } from '../../src/adapters/security/secret-box.ts';
import { SealedSettings } from '../../src/adapters/storage/sealed-settings.ts';
import { SettingsStore } from '../../src/adapters/storage/settings-store.ts';
import { hashStationSecret } from '../../src/adapters/security/station-secret.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { TariffStore } from '../../src/adapters/storage/tariff-store.ts';
import type { Tariff } from '../../src/core/tariff.ts';
import { METER_BOUND } from '../../src/core/meter-plausibility.ts';
import type { Session } from '../../src/core/session/session.ts';
import { startLadepay, type RunningLadepay } from '../../src/start-ladepay.ts';
import { startChargePoint, type ChargePoint } from '../../simulators/charge-point/index.ts';
import { startVippsSimulator, type VippsSimulator, type VippsSimulatorOptions } from '../../simulators/vipps/index.ts';
import { createTestDatabase, type TestDialect, type TestDatabase } from './test-database.ts';
import { eventually, WAIT_LIMIT_MS } from './eventually.ts';
import { aTariff } from './tariff-builder.ts';

export const STATION_PASSWORD = '6f1c9e2a7b4d8035e1f2a9c6d47b0e3a5c8d1f27';
const IN_STEP_MS = 30_000;

// 5 kr/kWh and nothing else: easy sums in assertions.
export const standardTariff: Tariff = aTariff({ perKwhOre: 500 });

export interface SystemOptions {
  dialect: TestDialect;
  env?: Record<string, string>;
  tariff?: Tariff;
  vipps?: VippsSimulator; // share one simulator between restarts
  logger?: Logger; // silent unless a test reads the log
  vippsOptions?: VippsSimulatorOptions; // over the defaults, for the simulator made here (e.g. its logger)
}

// The whole system in this process on port 0: Ladepay on a real database, the
// Vipps simulator, and charge points connecting over real WebSockets.
export interface TestSystem {
  ladepay: RunningLadepay;
  vipps: VippsSimulator;
  ocppUrl: string; // a station connects to {ocppUrl}/{stationId}
  database: TestDatabase;
  env: Record<string, string>;
  // One connector with this code, and one more for each further code (numbered 2, 3 …).
  addStation(id: string, protocol: 'ocpp1.6' | 'ocpp2.0.1' | 'ocpp2.1', code: string, moreCodes?: string[]): Promise<void>;
  connect(id: string, protocol: 'ocpp1.6' | 'ocpp2.0.1' | 'ocpp2.1', extra?: Partial<Parameters<typeof startChargePoint>[0]>): Promise<ChargePoint>;
  // A station started elsewhere, its clock made to move with Ladepay's (connect does this itself).
  keepInStep(cp: ChargePoint): ChargePoint;
  // Moves Ladepay's clock forward (deadlines, silence timeouts) without waiting.
  advance(ms: number): Promise<void>;
  // A station is about to send a message stamped `at`: if that is further ahead
  // of Ladepay's clock than Ladepay accepts, Ladepay's clock moves up to it.
  clockTo(at: Date): Promise<void>;
  // Ladepay's clock: a scripted station stamps its messages from it, as a real one takes its time from the CSMS.
  now(): Date;
  session(token: string): Promise<Session>;
  // A secret Ladepay keeps sealed in the settings (e.g. `vipps.webhook:<url>`), opened with this run's SECRETS_KEY.
  readSecret(key: string): Promise<string | undefined>;
  waitForState(token: string, state: Session['state'] | Array<Session['state']>, timeoutMs?: number): Promise<Session>;
  stop(): Promise<void>;
}

// Silent, unless LADEPAY_TEST_LOG_DIR names a folder: then each system logs
// at debug level into a file of its own there, to read after a failure.
function testLogger(): Logger {
  const dir = process.env.LADEPAY_TEST_LOG_DIR;
  if (!dir) return pino({ level: 'silent' });
  return pino({ level: 'debug' }, pino.destination({ dest: `${dir}/ladepay-${process.pid}-${Date.now()}.log`, sync: true, mkdir: true }));
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
    SECRETS_KEY: randomBytes(32).toString('base64'),
    OCPP_METER_INTERVAL_SECONDS: '10',
    OCPP_CALL_TIMEOUT_MS: '3000',
    OPERATOR_ADDRESS: 'Kaigata 5, 0150 Oslo',
    // A stopped test process need not wait for a balancer to notice.
    DRAIN_SECONDS: '0',
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
    logger: o.logger ?? testLogger(),
    now: () => new Date(Date.now() + offsetMs),
    reconcileEveryMs: 300,
    outboxPollMs: 100,
    vippsRetry: { baseDelayMs: 5, maxDelayMs: 50 },
  });
  const chargePoints: ChargePoint[] = [];
  // A simulated station's clock stands still between ticks. Ladepay checks
  // every station timestamp against its own clock (docs/meter-plausibility.md),
  // so the two move together, as they do in the field where stations take
  // their time from the CSMS: a tick moves Ladepay's clock along, half a minute
  // at a time (a station is never silent for long while time passes), and a
  // station catches up with Ladepay's clock before a car is plugged in.
  const inStep = (cp: ChargePoint): ChargePoint => {
    const tick = cp.tick.bind(cp);
    const plugIn = cp.plugIn.bind(cp);
    cp.plugIn = async (connectorNo, car) => {
      const lag = Date.now() + offsetMs - cp.now().getTime();
      if (lag > 0) await tick(lag);
      await plugIn(connectorNo, car);
    };
    cp.tick = async (ms) => {
      if (!(ms > 0)) return tick(ms);
      for (let left = ms; left > 0; left -= IN_STEP_MS) {
        const step = Math.min(IN_STEP_MS, left);
        offsetMs += step;
        await tick(step);
      }
    };
    return cp;
  };
  const passwordHash = await hashStationSecret(STATION_PASSWORD);

  const system: TestSystem = {
    ladepay,
    vipps,
    ocppUrl: `${ladepay.url.replace(/^http/, 'ws')}/ocpp`,
    database,
    env,
    async addStation(id, _protocol, code, moreCodes = []) {
      const connectors = [code, ...moreCodes].map((c, i) => ({ connectorNo: i + 1, type: 'CCS', maxPowerW: 50_000, code: c }));
      await stations.createStation({ id, siteId: 'site', name: `Lader ${id}`, passwordHash, connectors }, new Date());
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
      await eventually(async () => (await stations.station(id))?.online === true, `${id} online`);
      return inStep(cp);
    },
    keepInStep: inStep,
    async advance(ms) {
      offsetMs += ms;
      await ladepay.reconcileNow();
    },
    async readSecret(key) {
      const box = new SecretBox(secretsKeyBytes(env.SECRETS_KEY as string) as Buffer);
      return new SealedSettings(new SettingsStore(database.db), box, () => new Date()).get(key);
    },
    now: () => new Date(Date.now() + offsetMs),
    async clockTo(at) {
      const ahead = at.getTime() - (Date.now() + offsetMs);
      if (ahead > METER_BOUND.clockSkewSeconds * 1000) await system.advance(ahead);
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
