import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../adapters/storage/schema.ts';
import { startChargePoint, type ChargePoint } from '../../simulators/charge-point/index.ts';
import { hashPassword } from '../adapters/security/password-hash.ts';
import { UserStore } from '../adapters/storage/user-store.ts';
import { DEMO_STATION_PASSWORD, seedDemo, type DemoStation } from './seed-demo.ts';

// The demo's console login, printed at start. Only made when no operator
// exists yet (ADMIN_EMAIL/ADMIN_PASSWORD or `admin create` take precedence).
export const DEMO_OPERATOR = { email: 'demo@ladepay.no', password: 'ladepay-demo-password' };

export interface RunningDemo {
  stations: DemoStation[];
  chargePoints: ChargePoint[];
  landingUrls: string[];
  consoleLogin?: { email: string; password: string };
  stop(): Promise<void>;
}

// `npm start`: demo data, and simulated stations connected over real
// WebSockets. Their car plugs in by itself when a session starts, so a person
// can click through the whole flow in a browser.
export async function startDemo(o: { config: Config; db: Kysely<Database>; url: string; publicUrl: string; logger: Logger; now: () => Date }): Promise<RunningDemo> {
  const stations = await seedDemo(o.db, o.config, o.now());
  const users = new UserStore(o.db);
  const madeOperator = await users.createFirst({ email: DEMO_OPERATOR.email, passwordHash: await hashPassword(DEMO_OPERATOR.password) }, o.now());
  const existing = madeOperator ? undefined : await users.byEmail(DEMO_OPERATOR.email);
  const csmsUrl = `${o.url.replace(/^http/, 'ws')}/ocpp`;
  const chargePoints: ChargePoint[] = [];
  for (const s of stations) {
    try {
      chargePoints.push(
        await startChargePoint({
          csmsUrl,
          stationId: s.id,
          password: DEMO_STATION_PASSWORD,
          protocol: s.protocol,
          ...(s.screen ? { display: s.screen } : {}),
          ...(s.protocol === 'ocpp2.1' ? { tariffs: true } : {}),
          connectorMaxPowerW: s.maxPowerW,
          meterIntervalSeconds: o.config.ocpp.meterIntervalSeconds,
          autoPlugIn: true,
          // The demo's car leaves when its charge ends: a demo driver cannot
          // unplug it, and the idle fee would otherwise hold the reservation.
          autoUnplug: true,
          // Real time: Ladepay checks every reading against what the connector
          // could have delivered since the last (docs/meter-plausibility.md), so
          // a station running its meter faster than its clock is flagged. The
          // car takes the connector's full power, so the meter still moves.
          car: { maxPowerW: s.maxPowerW },
          vendor: 'Ladepay',
          model: 'Simulated charger',
        }),
      );
    } catch (e) {
      o.logger.warn({ stationId: s.id, err: e }, 'demo station did not connect');
    }
  }
  return {
    stations,
    chargePoints,
    landingUrls: stations.map((s) => `${o.publicUrl}/c/${s.code}`),
    consoleLogin: madeOperator || existing ? DEMO_OPERATOR : undefined,
    async stop() {
      await Promise.all(chargePoints.map((c) => c.stop().catch(() => undefined)));
    },
  };
}
