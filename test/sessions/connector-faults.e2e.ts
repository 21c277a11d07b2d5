import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { primaryDialect } from '../support/test-database.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import type { ChargePoint } from '../../simulators/charge-point/charge-point.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';

// A connector that faults, pauses or ends a charge for a reason of its own
// (docs/session-states.md, "What a connector's status does to a session"),
// with the charge-point simulator on both protocols against the real server,
// the Vipps simulator and a real database. Ladepay's clock moves with the
// station's (the test system keeps them in step); the grace and the limit are
// the defaults: 30 s and 15 minutes.

const MINUTE = 60_000;
const GRACE_MS = 30_000;
const STOP = { 'ocpp1.6': 'RemoteStopTransaction', 'ocpp2.0.1': 'RequestStopTransaction' } as const;

describe.each(['ocpp1.6', 'ocpp2.0.1'] as const)('connector faults, pauses and end reasons over %s', (protocol) => {
  let sys: TestSystem;
  let n = 0;
  const tag = protocol === 'ocpp1.6' ? '16' : '201';

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect() });
  });
  afterAll(async () => sys?.stop());

  async function paidCharge(cp: ChargePoint, code: string, connectorNo = 1) {
    await cp.plugIn(connectorNo, { socPercent: 20 });
    const started = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: 35_000, method: 'WALLET' });
    if (!started.ok) throw new Error(started.reason);
    const reference = (await sys.session(started.token)).reference;
    sys.vipps.phone.approve(reference);
    await sys.waitForState(started.token, 'charging');
    return { token: started.token, reference };
  }

  async function charging(minutes = 10) {
    n += 1;
    const id = `CP-FLT-${tag}-${n}`;
    const code = `FLT${tag}X${n}`;
    await sys.addStation(id, protocol, code);
    const cp = await sys.connect(id, protocol);
    const paid = await paidCharge(cp, code);
    await cp.tick(minutes * MINUTE);
    return { cp, ...paid };
  }

  const page = async (token: string, lang: 'nb' | 'en') => (await fetch(`${sys.ladepay.url}/s/${token}?lang=${lang}`)).text();
  const isStop = (f: { dir: string; message: unknown[] }) => f.dir === 'in' && f.message[0] === 2 && f.message[2] === STOP[protocol];

  it('a fault mid-charge on a station that charges on: the page names it, a stop goes out at the end of the grace, nothing after it is billed', async () => {
    const { cp, token, reference } = await charging();
    const before = await sys.session(token);
    await cp.setFault(1, 'GroundFailure', { keepCharging: true });

    // 1.6 names the fault in its StatusNotification; 2.0.1 in a NotifyEvent (the Problem variable's techCode).
    const faulted = await eventually(async () => ((await sys.session(token)).fault?.errorCode === 'GroundFailure' ? sys.session(token) : undefined), 'the fault noted with its code');
    expect(faulted.fault).toMatchObject({ scope: 'connector', errorCode: 'GroundFailure' });
    expect(faulted.state).toBe('charging');
    // The driver is told at once, in plain words.
    expect((await sys.ladepay.driver.session(token))?.condition).toEqual({ kind: 'fault', fault: 'ground_fault' });
    expect(await page(token, 'nb')).toContain('Ladestasjonen melder feil: jordfeil');
    expect(await page(token, 'en')).toContain('The charging station reports a fault: ground fault');
    // The operator sees the station's own word for it.
    const stored = await new StationStore(sys.database.db).connectorAt(cp.stationId, 1);
    expect(stored).toMatchObject({ status: 'faulted', errorCode: 'GroundFailure' });

    // The station keeps delivering through the grace (Ladepay's clock also runs on in real time: the
    // first 20 s of it, then the rest).
    await cp.tick(GRACE_MS - 10_000);
    await sys.ladepay.reconcileNow();
    const inGrace = await sys.session(token);
    expect(inGrace.state).toBe('charging');
    expect(inGrace.meterLastWh).toBeGreaterThan(before.meterLastWh ?? 0);

    // Ladepay's clock to the end of the grace, counted from when it noted the fault: the tick there stops and settles.
    const noted = Date.parse(faulted.fault?.at ?? '');
    await sys.advance(Math.max(0, noted + GRACE_MS - sys.now().getTime()));
    await cp.waitFor(isStop);
    const settled = await sys.waitForState(token, 'settled');
    const events = await sys.ladepay.repo.events(settled.id);
    const when = (type: string) => Date.parse(events.find((e) => e.type === type)?.at ?? '');
    // On Ladepay's clock: the stop went out with the decision, within the grace plus 5 s; settled within 60 s.
    expect(when('settled_on_fault') - noted).toBeGreaterThanOrEqual(GRACE_MS);
    expect(when('settled_on_fault') - noted).toBeLessThanOrEqual(GRACE_MS + 5000);
    expect(Math.max(...events.filter((e) => e.type === 'released' || e.type === 'captured').map((e) => Date.parse(e.at))) - noted).toBeLessThanOrEqual(60_000);
    expect(settled.flags).toContain('settled_on_fault');
    expect(settled.stopSource).toBe('station');
    // Billed up to the last reading in the grace, not a watt-hour more.
    const lastInGrace = settled.meterLastWh ?? 0;
    expect(lastInGrace).toBeGreaterThanOrEqual(inGrace.meterLastWh ?? 0);
    expect(settled.meterCapWh).toBe(lastInGrace);
    const energyWh = lastInGrace - (settled.meterStartWh ?? 0);
    expect(settled.priced?.lines.find((l) => l.kind === 'energy')?.quantity).toBe(energyWh);
    expect(settled.capturedOre).toBe(Math.round((energyWh * 500) / 1000)); // 5 kr/kWh
    await sys.ladepay.outboxWorker.drain();
    expect(sys.vipps.books(reference)!.payment.aggregate.capturedAmount.value).toBe(settled.capturedOre);

    expect(await page(token, 'en')).toContain('reported a fault (ground fault) that did not clear');
    // What the station reports after the grace moves no money.
    await cp.tick(MINUTE);
    await sys.ladepay.outboxWorker.drain();
    const after = await sys.session(token);
    expect(after.capturedOre).toBe(settled.capturedOre);
    expect(after.priced?.totalOre).toBe(settled.priced?.totalOre);
  });

  it('a fault that clears within the grace lets the charge go on, and the page says so', async () => {
    const { cp, token } = await charging();
    await cp.setFault(1, 'OverCurrentFailure', { keepCharging: true });
    await eventually(async () => (await sys.session(token)).fault !== undefined, 'the fault noted');
    await cp.tick(10_000);
    await cp.clearFault(1);
    const cleared = await eventually(async () => ((await sys.session(token)).fault === undefined ? sys.session(token) : undefined), 'the fault cleared');
    expect(cleared.faultClearedAt).toBeDefined();
    expect((await sys.ladepay.driver.session(token))?.condition).toEqual({ kind: 'fault_cleared' });
    expect(await page(token, 'nb')).toContain('Feilen gikk over, og ladingen fortsetter.');

    await cp.tick(2 * GRACE_MS);
    await sys.ladepay.reconcileNow();
    const still = await sys.session(token);
    expect(still.state).toBe('charging');
    expect(still.meterLastWh).toBeGreaterThan(cleared.meterLastWh ?? 0);
    expect(await sys.ladepay.driver.stop(token)).toEqual({ ok: true });
    await sys.waitForState(token, ['settled', 'idling']);
  });

  it('a station-wide fault settles every session on the station, and its connectors are not sold while it lasts', async () => {
    n += 1;
    const id = `CP-FLT-${tag}-${n}`;
    const [a, b] = [`FLT${tag}A${n}`, `FLT${tag}B${n}`];
    await sys.addStation(id, protocol, a, [b]);
    const cp = await sys.connect(id, protocol, { connectors: 2 });
    const first = await paidCharge(cp, a, 1);
    const second = await paidCharge(cp, b, 2);
    await cp.tick(5 * MINUTE);

    await cp.setStationFault('PowerSwitchFailure');
    await eventually(async () => (await sys.session(first.token)).fault?.scope === 'station' && (await sys.session(second.token)).fault?.scope === 'station', 'both faults noted');
    expect((await sys.ladepay.driver.landing(a))?.canStart).toBe(false);
    await cp.tick(GRACE_MS);
    await sys.ladepay.reconcileNow();
    for (const { token } of [first, second]) {
      const s = await sys.waitForState(token, 'settled');
      expect(s.flags).toContain('settled_on_fault');
    }
    await cp.setStationFault(undefined);
  });

  it('a charger that pauses the charge past the limit has it stopped and settled', async () => {
    const { cp, token } = await charging(5);
    await cp.pauseCharging(1, true);
    await eventually(async () => (await sys.session(token)).pausedByCharger !== undefined, 'the pause noted');
    expect((await sys.ladepay.driver.session(token))?.condition).toEqual({ kind: 'paused_by_charger' });
    expect(await page(token, 'en')).toContain('The charging station has paused charging.');

    await cp.tick(14 * MINUTE);
    await sys.ladepay.reconcileNow();
    expect((await sys.session(token)).state).toBe('charging');
    await cp.tick(MINUTE + 1000);
    await sys.ladepay.reconcileNow();
    const settled = await sys.waitForState(token, 'settled');
    expect(settled.flags).toContain('settled_on_charger_pause');
    await cp.waitFor(isStop);
    expect(await page(token, 'en')).toContain('kept charging paused without delivering energy for too long');
  });

  it.each([
    ['EmergencyStop', 'The emergency stop on the charging station was pressed.', 'Nødstoppen på ladestasjonen ble trykket inn.'],
    ['PowerLoss', 'The charging station lost power, so charging stopped.', 'Ladestasjonen mistet strømmen, så ladingen stoppet.'],
    ...(protocol === 'ocpp2.0.1'
      ? ([
          ['GroundFault', 'because of a ground fault', 'på grunn av jordfeil'],
          ['SOCLimitReached', 'The car reached the charge level it was set to.', 'Bilen nådde ladenivået den var satt til.'],
        ] as const)
      : []),
  ] as const)('a charge the station ends with %s shows why on the page', async (reason, en, nb) => {
    const { cp, token } = await charging(2);
    await cp.endTransaction(1, reason);
    const s = await sys.waitForState(token, ['settled', 'idling']);
    expect(s.stopSource).toBe('station');
    expect(await page(token, 'en')).toContain(en);
    expect(await page(token, 'nb')).toContain(nb);
  });

  describe('bad input', () => {
    let raw = 0;
    // A StatusNotification sent as is; resolves once Ladepay has answered it (CallResult).
    async function status(cp: ChargePoint, connectorNo: number, value: '1.6' | '2.0.1', status: string, at: Date): Promise<void> {
      raw += 1;
      const payload =
        value === '1.6'
          ? { connectorId: connectorNo, errorCode: status === 'Faulted' ? 'GroundFailure' : 'NoError', status, timestamp: at.toISOString() }
          : { timestamp: at.toISOString(), connectorStatus: status, evseId: connectorNo, connectorId: 1 };
      const answer = await cp.sendRaw(JSON.stringify([2, `raw-${raw}`, 'StatusNotification', payload]));
      expect(JSON.parse(answer ?? '[]')[0], `answer to status ${status}`).toBe(3);
    }
    const v = protocol === 'ocpp1.6' ? '1.6' : '2.0.1';

    it('a status for a connector the station was not set up with is accepted, kept for the operator and never sold', async () => {
      n += 1;
      const id = `CP-FLT-${tag}-${n}`;
      await sys.addStation(id, protocol, `FLT${tag}U${n}`);
      const cp = await sys.connect(id, protocol);
      await status(cp, 7, v, 'Faulted', sys.now());
      await status(cp, 7, v, 'Available', sys.now());
      const reports = await new StationStore(sys.database.db).hardwareReports();
      expect(reports.find((r) => r.stationId === id)?.undeclared).toEqual([expect.objectContaining({ connectorNo: 7, status: 'available' })]);
      expect(await new StationStore(sys.database.db).connectorAt(id, 7)).toBeUndefined();
    });

    it('a status stamped far in the future counts from when it arrived, so later statuses still count', async () => {
      n += 1;
      const id = `CP-FLT-${tag}-${n}`;
      const code = `FLT${tag}F${n}`;
      await sys.addStation(id, protocol, code);
      const cp = await sys.connect(id, protocol);
      await status(cp, 1, v, 'Faulted', new Date(sys.now().getTime() + 24 * 3600_000));
      expect((await sys.ladepay.driver.landing(code))?.status).toBe('faulted');
      await status(cp, 1, v, 'Available', sys.now());
      expect((await sys.ladepay.driver.landing(code))?.status).toBe('available');
    });

    it('a reserved connector is not sold, and one reported Unavailable stays unsold until it reports Available', async () => {
      n += 1;
      const id = `CP-FLT-${tag}-${n}`;
      const code = `FLT${tag}R${n}`;
      await sys.addStation(id, protocol, code);
      const cp = await sys.connect(id, protocol);
      const canStart = async () => (await sys.ladepay.driver.landing(code))?.canStart;
      expect(await canStart()).toBe(true);
      await status(cp, 1, v, 'Reserved', sys.now());
      expect(await canStart()).toBe(false);
      await status(cp, 1, v, 'Unavailable', sys.now());
      // A charge that ran on while it was taken out of service ends; the connector stays out of service.
      await status(cp, 1, v, v === '1.6' ? 'Finishing' : 'Occupied', sys.now());
      expect((await sys.ladepay.driver.landing(code))?.status).toBe('unavailable');
      expect(await canStart()).toBe(false);
      await status(cp, 1, v, 'Available', sys.now());
      expect(await canStart()).toBe(true);
    });

    it('a storm of the same fault is stored once and noted on the session once', async () => {
      const { cp, token } = await charging(2);
      const first = sys.now();
      for (let i = 0; i < 100; i += 1) await status(cp, 1, v, 'Faulted', new Date(first.getTime() + i));
      const connector = await new StationStore(sys.database.db).connectorAt(cp.stationId, 1);
      expect(connector?.statusAt).toBe(first.toISOString());
      const events = await sys.ladepay.repo.events((await sys.session(token)).id);
      expect(events.filter((e) => e.type === 'connector_faulted')).toHaveLength(1);
    });
  });
});
