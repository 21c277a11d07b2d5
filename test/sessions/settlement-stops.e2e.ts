import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChargePoint } from '../../simulators/charge-point/index.ts';
import type { Session } from '../../src/core/session/session.ts';
import { eventually } from '../support/eventually.ts';
import { REMOTE_STOP, connectScriptedStation, type Protocol } from '../support/scripted-station.ts';
import { STATION_PASSWORD, startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';

// Invariant 9: settling a session always ends the charge at the station, and
// energy after settlement is never billed. And a driver's stop that never
// reaches the station: the page says so at once, and the energy after the
// press is not billed.

const MAX = 35_000;
const protocols: Protocol[] = ['ocpp1.6', 'ocpp2.0.1'];

describe.each(protocols)('settling ends the charge (%s)', (protocol) => {
  let sys: TestSystem;
  let n = 0;
  const tag = protocol === 'ocpp1.6' ? '16' : '201';

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect() });
  });
  afterAll(async () => sys?.stop());

  async function paid(code: string): Promise<string> {
    const r = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: MAX, method: 'WALLET' });
    if (!r.ok) throw new Error(r.reason);
    sys.vipps.phone.approve((await sys.session(r.token)).reference);
    return r.token;
  }

  // A simulated station charging a paid session, with energy on the meter.
  async function charging(): Promise<{ cp: ChargePoint; token: string; session: Session }> {
    n += 1;
    const id = `CP-S${tag}-${n}`;
    const code = `STOP${tag}X${n}`;
    await sys.addStation(id, protocol, code);
    const cp = await sys.connect(id, protocol);
    await cp.plugIn(1, { batteryWh: 100_000, socPercent: 10, maxPowerW: 11_000 });
    const token = await paid(code);
    await sys.waitForState(token, 'charging');
    await cp.tick(10 * 60_000);
    const session = await eventually(async () => {
      const s = await sys.session(token);
      return (s.meterLastWh ?? 0) > (s.meterStartWh ?? 0) ? s : undefined;
    }, 'meter values');
    return { cp, token, session };
  }

  const books = (reference: string) => sys.vipps.books(reference)!.payment.aggregate;
  const stopsReceived = (cp: ChargePoint) =>
    cp.frames().filter((f) => f.dir === 'in' && f.text.includes(`"${REMOTE_STOP[protocol]}"`)).length;

  it('a session settled on silence gets its station stopped when the station is back, and nothing after settlement is billed', async () => {
    const { cp, token } = await charging();
    await cp.goOffline();
    await cp.tick(30 * 60_000); // the car charges on; the station keeps its messages
    await sys.advance(16 * 60_000);
    const settled = await sys.waitForState(token, 'settled');
    expect(settled.flags).toContain('settled_on_last_meter');
    const captured = settled.capturedOre;

    await cp.goOnline();
    await eventually(() => cp.connector(1).transactionId === undefined, 'the station ended the transaction');
    expect(stopsReceived(cp)).toBeGreaterThan(0);
    const after = await eventually(async () => {
      const s = await sys.session(token);
      return s.flags.includes('late_stop_after_settlement') ? s : undefined;
    }, 'late stop recorded');
    expect(after.capturedOre).toBe(captured);
    expect(after.chargedAfterSettlementWh ?? 0).toBeGreaterThan(0); // the operator sees what went unbilled
    expect(books(after.reference).capturedAmount.value).toBe(captured);
  });

  it('a session the operator settles gets its station stopped at once', async () => {
    const { cp, token, session } = await charging();
    expect((await sys.ladepay.operator.settleNow(session.id)).ok).toBe(true);
    await eventually(() => cp.connector(1).transactionId === undefined, 'the station ended the transaction');
    const s = await eventually(async () => {
      const now = await sys.session(token);
      return now.state === 'settled' && now.flags.includes('late_stop_after_settlement') ? now : undefined;
    }, 'settled, and the station’s stop recorded');
    expect(s.flags).toContain('settled_by_operator');
    expect(s.stopOwed).toBe(false);
    expect(books(s.reference).capturedAmount.value).toBe(s.capturedOre);
  });

  it('a station that accepts the stop but charges on is stopped again on reconnect and on its next reading; that energy is not billed', async () => {
    n += 1;
    const id = `CP-K${tag}-${n}`;
    const code = `STOP${tag}K${n}`;
    await sys.addStation(id, protocol, code);
    const station = await connectScriptedStation(sys.ocppUrl, id, STATION_PASSWORD, protocol, { clock: sys.clockTo, now: sys.now });
    await station.boot();
    await station.status('plugged');
    const token = await paid(code);
    const t0 = sys.now().getTime();
    const { transactionId } = await station.startAsAsked(5_000_000, new Date(t0));
    await sys.waitForState(token, 'charging');
    await station.meter(transactionId, 5_002_000, new Date(t0 + 600_000));
    await eventually(async () => (await sys.session(token)).meterLastWh === 5_002_000, 'reading applied');

    const session = await sys.session(token);
    expect((await sys.ladepay.operator.settleNow(session.id)).ok).toBe(true);
    await station.waitForCall(REMOTE_STOP[protocol], 1); // answered Accepted, and nothing happens
    const settled = await sys.waitForState(token, 'settled');
    expect(settled.capturedOre).toBe(1000); // 2 kWh at 5 kr

    await station.reconnect();
    await station.waitForCall(REMOTE_STOP[protocol], 2);

    await station.meter(transactionId, 5_003_500, new Date(t0 + 1_200_000));
    await station.waitForCall(REMOTE_STOP[protocol], 3);
    const flagged = await sys.session(token);
    expect(flagged.flags).toContain('charging_after_settlement');
    expect(flagged.chargedAfterSettlementWh).toBe(1500);
    expect(flagged.capturedOre).toBe(1000);

    await station.end(transactionId, 5_004_000, new Date(t0 + 1_220_000), { reason: 'Remote' });
    const ended = await eventually(async () => {
      const s = await sys.session(token);
      return s.stopOwed === false ? s : undefined;
    }, 'stop no longer owed');
    expect(ended.capturedOre).toBe(1000);
    expect(books(ended.reference).capturedAmount.value).toBe(1000);
    await station.reconnect();
    await station.boot(); // an answered call: the reconnect was handled
    expect(station.callsOf(REMOTE_STOP[protocol])).toHaveLength(3);
    await station.close();
  });

  it('a driver stop the station never gets: the page says so at once, and the energy after the press is not billed', async () => {
    const { cp, token } = await charging();
    await cp.goOffline();
    const pressed = await sys.session(token);
    await sys.ladepay.driver.stop(token);

    const page = async (lang: string) => (await fetch(`${sys.ladepay.url}/s/${token}?lang=${lang}`)).text();
    const notice = '<div id="station-note" class="alert" role="alert"><p>The station is not answering: stop the charge at the station.</p></div>';
    await eventually(async () => (await page('en')).includes(notice), 'the page says the station is not answering');
    expect(await page('nb')).toContain('Ladestasjonen svarer ikke: stopp ladingen på ladestasjonen.');
    expect((await sys.ladepay.driver.session(token))?.stationNotAnswering).toBe(true);
    // The stop waits for the station's reconnect, not for retries that would end dead in the outbox.
    const stopItems = () => sys.database.db.selectFrom('outbox').select(['key', 'state']).where('key', 'like', `stop-${pressed.id}-%`).execute();
    await eventually(async () => {
      const items = await stopItems();
      return items.length > 0 && items.every((i) => i.state === 'done');
    }, 'the first stop done, waiting for the reconnect');

    await cp.tick(10 * 60_000); // charging on, within the silence timeout: the station never heard the stop
    await cp.goOnline();
    const s = await sys.waitForState(token, 'settled');
    expect(s.flags).toContain('stop_not_delivered');
    expect(s.meterLastWh!).toBeGreaterThan(pressed.meterLastWh! + 1000);
    const pressedWh = pressed.meterLastWh! - pressed.meterStartWh!;
    // 5 kr/kWh: half an øre per Wh, the energy up to the press only.
    expect(Math.abs(s.capturedOre - pressedWh / 2)).toBeLessThanOrEqual(1);
    expect(books(s.reference).capturedAmount.value).toBe(s.capturedOre);
  });
});
