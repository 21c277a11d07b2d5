import { Outbox } from '../src/adapters/storage/outbox.ts';
import { KyselySessionRepository } from '../src/adapters/storage/session-repository.ts';
import type { VippsSimulator } from '../simulators/vipps/index.ts';
import type { BenchDatabase, BenchStation } from './bench-database.ts';
import { approveOnPhone, pay, pressStop, sessionJson, stopCheck, type DriverIdentity } from './bench-driver.ts';
import type { DriverTimeline } from './cluster-run.ts';
import type { TimedChargePoint } from './timed-charge-point.ts';

// A driver of the cluster benchmark, over plain HTTP as a browser posts
// (bench-driver.ts), and how their session is checked once it has settled.

export const AMOUNT_ORE = 35_000;
// The benchmark's tariff: 5 kr/kWh and nothing else (seedStations).
const ORE_PER_KWH = 500;

export interface FlowStation {
  station: BenchStation;
  cp: TimedChargePoint;
}

// What the settlement check needs of a session once it is over.
export interface SessionToCheck {
  token: string;
  reference: string;
  station: FlowStation;
  meterAtStartWh: number; // the station's register before the charge
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs: number, everyMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

// Each driver on a phone of their own (the nodes trust HAProxy's X-Forwarded-For).
export function driverAddress(i: number): DriverIdentity {
  return { address: `172.${16 + ((i >> 16) & 15)}.${(i >> 8) & 255}.${i & 255}` };
}

export function tokenOf(statusUrl: string): string {
  const token = /\/s\/([^/?#]+)/.exec(statusUrl)?.[1];
  if (!token) throw new Error(`no session token in ${statusUrl}`);
  return token;
}

// From Vipps' books: the capture and the release of the rest both answered.
export function untilReleased(vipps: VippsSimulator, reference: string, timeoutMs: number): Promise<number> {
  return until(
    () => {
      const a = vipps.books(reference)?.payment.aggregate;
      return a && a.authorizedAmount.value > 0 && a.capturedAmount.value + a.cancelledAmount.value === a.authorizedAmount.value ? Date.now() : undefined;
    },
    `release of ${reference}`,
    timeoutMs,
    20,
  );
}

export function authorizedAt(vipps: VippsSimulator, reference: string): number | undefined {
  const e = vipps.books(reference)?.events.find((x) => x.name === 'AUTHORIZED' && x.success);
  return e ? Date.parse(e.timestamp) : undefined;
}

// The driver's session is charging, as their status page says; answers the page's stop check.
export async function whenCharging(statusUrl: string, d: DriverIdentity): Promise<string> {
  await until(async () => ((await sessionJson(statusUrl, d)).phase === 'charging' ? true : undefined), 'charging', 60_000, 250);
  return stopCheck(statusUrl, d);
}

// Through the balancer: pay, approve on the Vipps phone, charge in real time,
// stop on the status page, and wait for the release at Vipps.
export async function driveThroughBalancer(o: { base: string; index: number; fs: FlowStation; vipps: VippsSimulator; chargeMs: number }): Promise<{ t: DriverTimeline; check?: SessionToCheck }> {
  const { fs, vipps } = o;
  const t: DriverTimeline = { startedAt: Date.now() };
  const driver = driverAddress(o.index);
  const meterAtStartWh = fs.cp.cp.connector(1).energyWh;
  fs.cp.forget();
  let check: SessionToCheck | undefined;
  try {
    const phoneUrl = await pay(o.base, fs.station.code, driver, AMOUNT_ORE);
    const reference = vipps.paymentOfPhone(phoneUrl)?.reference;
    if (!reference) throw new Error('no payment behind the phone page');
    const statusUrl = await approveOnPhone(phoneUrl);
    check = { token: tokenOf(statusUrl), reference, station: fs, meterAtStartWh };
    t.remoteStartAt = await fs.cp.waitFor('remoteStart', 60_000);
    t.approvedAt = authorizedAt(vipps, reference);
    await fs.cp.waitFor('startAnswered', 60_000);
    const stop = await whenCharging(statusUrl, driver);
    await sleep(o.chargeMs);
    t.stopPressedAt = Date.now();
    await pressStop(statusUrl, stop, driver);
    t.remoteStopAt = await fs.cp.waitFor('remoteStop', 60_000);
    t.stopSentAt = await fs.cp.waitFor('stopSent', 60_000);
    t.releasedAt = await untilReleased(vipps, reference, 60_000);
  } catch (err) {
    t.failure = err instanceof Error ? err.message : String(err);
  }
  return { t, check };
}

// Settled, and right to the øre: the price of what the station's own meter
// counted, captured once, the rest released, as Vipps' books say
// (test/cluster/cluster.e2e.ts). Answers what is wrong, if anything.
export async function settledWrong(database: BenchDatabase, vipps: VippsSimulator, c: SessionToCheck): Promise<string | undefined> {
  const repo = new KyselySessionRepository(database.db, database.dialect, new Outbox(database.db, database.dialect));
  const s = await until(
    async () => {
      const x = (await repo.byToken(c.token))?.session;
      return x?.state === 'settled' ? x : undefined;
    },
    `${c.station.station.id} settled`,
    60_000,
    200,
  ).catch(() => undefined);
  if (!s) return 'not settled';
  const meteredWh = c.station.cp.cp.connector(1).energyWh - c.meterAtStartWh;
  const priced = Math.round((meteredWh * ORE_PER_KWH) / 1000);
  const books = vipps.books(c.reference)?.payment.aggregate;
  const problems = [
    (s.meterLastWh ?? 0) - (s.meterStartWh ?? 0) !== meteredWh && `metered ${(s.meterLastWh ?? 0) - (s.meterStartWh ?? 0)} Wh, the station counted ${meteredWh} Wh`,
    s.priced?.totalOre !== priced && `priced ${s.priced?.totalOre} øre, the meter says ${priced}`,
    s.capturedOre !== s.priced?.totalOre && `captured ${s.capturedOre} øre of ${s.priced?.totalOre} priced`,
    s.capturedOre + s.cancelledOre !== AMOUNT_ORE && `captured + released ${s.capturedOre + s.cancelledOre} øre of ${AMOUNT_ORE}`,
    books?.capturedAmount.value !== s.capturedOre && `Vipps captured ${books?.capturedAmount.value}, Ladepay ${s.capturedOre}`,
    books?.cancelledAmount.value !== s.cancelledOre && `Vipps released ${books?.cancelledAmount.value}, Ladepay ${s.cancelledOre}`,
  ].filter((p): p is string => typeof p === 'string');
  return problems.length > 0 ? `${c.station.station.id}: ${problems.join('; ')}` : undefined;
}
