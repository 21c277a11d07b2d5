import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashStationSecret } from '../../src/adapters/security/station-secret.ts';
import { KyselySessionRepository } from '../../src/adapters/storage/session-repository.ts';
import { Outbox } from '../../src/adapters/storage/outbox.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { TariffStore } from '../../src/adapters/storage/tariff-store.ts';
import { freePort } from '../../src/adapters/web/free-port.ts';
import type { Session } from '../../src/core/session/session.ts';
import { startChargePoint, type ChargePoint } from '../../simulators/charge-point/index.ts';
import { startVippsSimulator, type VippsSimulator } from '../../simulators/vipps/index.ts';
import { eventually, WAIT_LIMIT_MS } from '../support/eventually.ts';
import { startLadepayProcess, type LadepayProcess } from '../support/ladepay-process.ts';
import { STATION_PASSWORD, standardTariff, systemEnv } from '../support/system.ts';
import { createTestDatabase, primaryDialect, type TestDatabase } from '../support/test-database.ts';

// Ladepay killed with SIGKILL at every moment that matters, then started again
// on the same database: every session still ends settled with the right
// amounts, and no Vipps call has a second effect.
const MAX = 35_000;
const CHARGE_MS = 20_000;

describe('crash safety: kill -9 and restart', () => {
  let database: TestDatabase;
  let vipps: VippsSimulator;
  let repo: KyselySessionRepository;
  let env: Record<string, string>;
  let port: number;
  let ladepay: LadepayProcess | undefined;
  const chargePoints: ChargePoint[] = [];
  let n = 0;

  beforeAll(async () => {
    database = await createTestDatabase(primaryDialect());
    vipps = await startVippsSimulator({ port: 0, webhookRetry: { backoffMs: [50, 100, 200], timeoutMs: 2000 } });
    repo = new KyselySessionRepository(database.db, database.dialect, new Outbox(database.db, database.dialect));
    const stations = new StationStore(database.db);
    await stations.createSite({ id: 'site', name: 'Krasjtest', address: 'Testveien 2' }, new Date());
    await new TariffStore(database.db).create({ id: 't', siteId: null, name: 'Standard', tariff: standardTariff, validFrom: new Date('2020-01-01Z') }, new Date());
    port = await freePort('127.0.0.1');
    env = systemEnv(database, vipps, { OUTBOX_LEASE_SECONDS: '1', RECONCILE_SECONDS: '1', LOG_LEVEL: 'warn', PUBLIC_URL: `http://127.0.0.1:${port}` });
    ladepay = await startLadepayProcess(env, port);
  });

  afterAll(async () => {
    await Promise.all(chargePoints.map((c) => c.stop().catch(() => undefined)));
    await ladepay?.stop();
    await vipps?.stop();
    await database?.drop();
  });

  // whileDown runs between the kill and the start, e.g. to lift a Vipps fault
  // before the new process takes over the calls the old one left unanswered.
  async function restart(whileDown: () => void = () => undefined) {
    await ladepay!.kill9();
    whileDown();
    ladepay = await startLadepayProcess(env, port);
  }

  async function station(protocol: 'ocpp1.6' | 'ocpp2.0.1' = n % 2 === 1 ? 'ocpp2.0.1' : 'ocpp1.6') {
    n += 1;
    const id = `CP-K${n}`;
    const code = `KILL${n}`;
    await new StationStore(database.db).createStation(
      { id, siteId: 'site', name: id, passwordHash: await hashStationSecret(STATION_PASSWORD), connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 50_000, code }] },
      new Date(),
    );
    const cp = await startChargePoint({
      csmsUrl: `ws://127.0.0.1:${port}/ocpp`,
      stationId: id,
      password: STATION_PASSWORD,
      protocol,
      // Ladepay runs on the real clock here and checks station timestamps
      // against it: the station's clock runs with it, and ticks move it at
      // most CHARGE_MS × 2 ahead, within the skew Ladepay allows.
      timeScale: 1,
      reconnectInitialDelayMs: 100,
      reconnectMaxDelayMs: 300,
      settleTimeoutMs: WAIT_LIMIT_MS,
    });
    chargePoints.push(cp);
    await cp.plugIn(1);
    return { cp, code };
  }

  // The driver's browser: the landing form, then the status page's stop form.
  async function startPaying(code: string): Promise<Session> {
    const res = await fetch(`${ladepay!.url}/c/${code}/start`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://127.0.0.1:${port}` },
      body: `amount=${MAX}&terms=yes&method=WALLET`,
    });
    expect(res.status).toBe(303);
    const sessions = await database.db.selectFrom('sessions').select('token').orderBy('created_at', 'desc').execute();
    for (const { token } of sessions) {
      const s = (await repo.byToken(token))!.session;
      if (s.connectorId.startsWith(`CP-K${n}-`)) return s;
    }
    throw new Error('no session made');
  }

  async function pressStop(token: string) {
    const page = await (await fetch(`${ladepay!.url}/s/${token}`)).text();
    const check = /name="check" value="([^"]+)"/.exec(page)?.[1];
    const res = await fetch(`${ladepay!.url}/s/${token}/stop`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://127.0.0.1:${port}` },
      body: `check=${encodeURIComponent(check ?? '')}`,
    });
    expect(res.status).toBe(303);
  }

  const state = async (token: string) => (await repo.byToken(token))!.session;
  const until = (token: string, p: (s: Session) => boolean, what: string) =>
    eventually(async () => {
      const s = await state(token);
      return p(s) ? s : undefined;
    }, what);

  // Ladepay's books and the simulator's agree, with one capture and one release.
  function expectBooksAgree(s: Session) {
    const b = vipps.books(s.reference)!;
    const agg = b.payment.aggregate;
    expect(agg.capturedAmount.value).toBe(s.capturedOre);
    expect(agg.cancelledAmount.value).toBe(s.cancelledOre);
    expect(s.capturedOre + s.cancelledOre).toBe(MAX);
    expect(s.capturedOre).toBe(s.priced?.totalOre);
    expect(s.flags).not.toContain('implausible_meter');
    const done = b.events.filter((e) => e.success);
    expect(done.filter((e) => e.name === 'CAPTURED')).toHaveLength(s.capturedOre > 0 ? 1 : 0);
    expect(done.filter((e) => e.name === 'CANCELLED')).toHaveLength(1);
  }

  async function chargeAndStop(cp: ChargePoint, token: string) {
    await until(token, (s) => s.state === 'charging', 'charging');
    await cp.tick(CHARGE_MS);
    await until(token, (s) => (s.meterLastWh ?? 0) > (s.meterStartWh ?? 0), 'meter values');
    await pressStop(token);
    const s = await until(token, (x) => x.state === 'settled', 'settled');
    return s;
  }

  it('after the payment was created', async () => {
    const { cp, code } = await station();
    const s = await startPaying(code);
    await restart();
    vipps.phone.approve(s.reference);
    expectBooksAgree(await chargeAndStop(cp, s.token));
  });

  it('right after the driver approved', async () => {
    const { cp, code } = await station();
    const s = await startPaying(code);
    vipps.phone.approve(s.reference);
    await restart();
    expectBooksAgree(await chargeAndStop(cp, s.token));
  });

  it('while charging', async () => {
    const { cp, code } = await station();
    const s = await startPaying(code);
    vipps.phone.approve(s.reference);
    await until(s.token, (x) => x.state === 'charging', 'charging');
    await cp.tick(CHARGE_MS);
    await restart();
    expectBooksAgree(await chargeAndStop(cp, s.token));
  });

  // A 2.0.1 station's later TransactionEvents name the transaction but not the
  // idToken or remoteStartId that tied it to the session; after the restart
  // they must still count, and so must the station's own Ended.
  it('while charging on 2.0.1: the readings after the restart and the station’s own stop count', async () => {
    const { cp, code } = await station('ocpp2.0.1');
    const s = await startPaying(code);
    vipps.phone.approve(s.reference);
    await until(s.token, (x) => x.state === 'charging', 'charging');
    await cp.tick(CHARGE_MS);
    const before = await until(s.token, (x) => (x.meterLastWh ?? 0) > (x.meterStartWh ?? 0), 'meter values');
    await restart();
    await eventually(() => cp.isOnline(), 'the station back on the new process');
    await cp.tick(CHARGE_MS);
    await until(s.token, (x) => (x.meterLastWh ?? 0) > (before.meterLastWh ?? 0), 'readings after the restart');
    await cp.pressStop(1);
    const settled = await until(s.token, (x) => x.state === 'settled', 'settled on the station’s stop');
    expect(settled.stopSource).toBe('station');
    expect(settled.meterLastWh).toBe(cp.connector(1).energyWh);
    expectBooksAgree(settled);
  });

  it('after the stop, before the capture', async () => {
    const { cp, code } = await station();
    const s = await startPaying(code);
    vipps.phone.approve(s.reference);
    await until(s.token, (x) => x.state === 'charging', 'charging');
    await cp.tick(CHARGE_MS);
    vipps.faults.set({ hang: { epayment: { share: 1 } } }); // the capture never answers
    await pressStop(s.token);
    await until(s.token, (x) => x.state === 'settling', 'settling');
    await restart(() => vipps.faults.reset());
    expectBooksAgree(await until(s.token, (x) => x.state === 'settled', 'settled after restart'));
  });

  it('between the capture and the release', async () => {
    const { cp, code } = await station();
    const s = await startPaying(code);
    vipps.phone.approve(s.reference);
    await until(s.token, (x) => x.state === 'charging', 'charging');
    await cp.tick(CHARGE_MS);
    // The simulator holds every Vipps call two seconds before it carries it
    // out. Once the capture is in its books, every later call hangs: the
    // release, sent after the capture's answer, then waits two seconds and
    // never comes back, so the process dies while it is on its way.
    vipps.faults.set({ latencyMs: { epayment: 2000 } });
    await pressStop(s.token);
    await eventually(() => (vipps.books(s.reference)?.payment.aggregate.capturedAmount.value ?? 0) > 0, 'capture in the books');
    vipps.faults.set({ hang: { epayment: { share: 1 } } });
    const captured = await until(s.token, (x) => x.capturedOre > 0, 'capture recorded');
    expect(captured.cancelledOre).toBe(0);
    await restart(() => vipps.faults.reset());
    expectBooksAgree(await until(s.token, (x) => x.state === 'settled', 'settled after restart'));
  });
});
