import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/core/session/session.ts';
import { eventually } from '../support/eventually.ts';
import { REMOTE_STOP, connectScriptedStation, type Protocol, type ScriptedStation } from '../support/scripted-station.ts';
import { STATION_PASSWORD, startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';

// A station that lost its transaction without saying so (it rebooted and
// forgot it, its connector shows no transaction, it refuses to stop a
// transaction it does not know) gets its session settled on the last reading
// within a minute of Ladepay's clock, not after the 15-minute silence; and a
// station that did not lose it is left alone.

const MAX = 35_000;
const protocols: Protocol[] = ['ocpp1.6', 'ocpp2.0.1'];
const START_WH = 7_000_000;

describe.each(protocols)('strong end signals (%s)', (protocol) => {
  let sys: TestSystem;
  let n = 0;
  const tag = protocol === 'ocpp1.6' ? '16' : '201';

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect() });
  });
  afterAll(async () => sys?.stop());

  // A scripted station charging a paid session: 2 kWh on the meter.
  async function charging(): Promise<{ station: ScriptedStation; token: string; transactionId: string; t0: number }> {
    n += 1;
    const id = `CP-E${tag}-${n}`;
    const code = `END${tag}X${n}`;
    await sys.addStation(id, protocol, code);
    const station = await connectScriptedStation(sys.ocppUrl, id, STATION_PASSWORD, protocol, { clock: sys.clockTo, now: sys.now });
    await station.boot();
    await station.status('plugged');
    const r = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: MAX, method: 'WALLET' });
    if (!r.ok) throw new Error(r.reason);
    sys.vipps.phone.approve((await sys.session(r.token)).reference);
    const t0 = sys.now().getTime();
    const { transactionId } = await station.startAsAsked(START_WH, new Date(t0));
    await sys.waitForState(r.token, 'charging');
    await station.meter(transactionId, START_WH + 2000, new Date(t0 + 600_000));
    await eventually(async () => (await sys.session(r.token)).meterLastWh === START_WH + 2000, 'reading applied');
    return { station, token: r.token, transactionId, t0 };
  }

  const withFlag = (token: string, flag: string) =>
    eventually(async () => {
      const s = await sys.session(token);
      return s.flags.includes(flag) ? s : undefined;
    }, `flag ${flag}`);

  it('a station that rebooted and reports its connector Available has the session settled within a minute, on its last reading', async () => {
    const { station, token, transactionId, t0 } = await charging();
    station.answer(REMOTE_STOP[protocol], () => ({ status: 'Rejected' })); // it no longer knows the transaction
    await station.reconnect();
    await station.boot();
    await station.status('available');
    // The grace for the station's own stop (which carries the real register).
    expect((await sys.session(token)).state).toBe('charging');

    await sys.advance(25_000);
    const s = await sys.waitForState(token, 'settled');
    expect(s.flags).toContain('settled_on_station_rebooted');
    expect(s.stopSource).toBe('station');
    expect(s.capturedOre).toBe(1000); // 2 kWh at 5 kr
    expect(sys.vipps.books(s.reference)!.payment.aggregate.capturedAmount.value).toBe(1000);
    // A stop still goes to the station (harmless); its Rejected settles that too.
    await station.waitForCall(REMOTE_STOP[protocol]);
    await eventually(async () => (await sys.session(token)).stopOwed === false, 'no stop owed');

    // A stop that arrives afterwards is recorded, not billed a second time.
    await station.end(transactionId, START_WH + 2600, new Date(t0 + 700_000), { reason: 'PowerLoss' });
    const late = await withFlag(token, 'late_stop_after_settlement');
    expect(late.capturedOre).toBe(1000);
    await station.close();
  });

  it('a connector reported Available mid-charge, without a reboot, settles after the grace', async () => {
    const { station, token } = await charging();
    await station.status('available');
    await sys.advance(25_000);
    const s = await sys.waitForState(token, 'settled');
    expect(s.flags).toContain('settled_on_connector_available');
    expect(s.capturedOre).toBe(1000);
    await station.close();
  });

  it('a stop answered Rejected (no such transaction) settles, and nothing after the press is billed', async () => {
    const { station, token, transactionId, t0 } = await charging();
    station.answer(REMOTE_STOP[protocol], () => ({ status: 'Rejected' }));
    await sys.ladepay.driver.stop(token);
    await station.waitForCall(REMOTE_STOP[protocol]);
    await eventually(async () => (await sys.session(token)).endSignal !== undefined, 'end signal noted');
    await sys.advance(25_000);
    const s = await sys.waitForState(token, 'settled');
    expect(s.flags).toContain('settled_on_stop_not_found');
    expect(s.capturedOre).toBe(1000);
    // Readings after the press that arrive late are not billed either.
    await station.end(transactionId, START_WH + 5000, new Date(t0 + 900_000));
    expect((await withFlag(token, 'late_stop_after_settlement')).capturedOre).toBe(1000);
    await station.close();
  });

  it('a station that kept its transaction through a boot is not settled', async () => {
    const { station, token, transactionId, t0 } = await charging();
    // 2.0.1: asked, it says the transaction goes on. 1.6: asked for its
    // meter values, it sends them with the transaction id.
    station.answer('GetTransactionStatus', () => ({ ongoingIndicator: true, messagesInQueue: false }));
    station.answer('TriggerMessage', (p) => {
      if (p.requestedMessage === 'MeterValues') {
        setImmediate(() => void station.meter(transactionId, START_WH + 2100, new Date(t0 + 660_000)).catch(() => undefined));
      }
      return { status: 'Accepted' };
    });
    await station.reconnect();
    await station.boot();
    await eventually(async () => {
      const s = await sys.session(token);
      return s.endSignal === undefined && s.flags.length === 0 && (await sys.ladepay.repo.events(s.id)).some((e) => e.type === 'end_signal_withdrawn');
    }, 'end signal withdrawn');
    await sys.advance(25_000);
    const s: Session = await sys.session(token);
    expect(s.state).toBe('charging');
    // It goes on charging and is billed as usual.
    await station.meter(transactionId, START_WH + 3000, new Date(t0 + 900_000));
    await sys.ladepay.driver.stop(token);
    await station.end(transactionId, START_WH + 3000, new Date(t0 + 910_000), { reason: 'Remote' });
    expect((await sys.waitForState(token, 'settled')).capturedOre).toBe(1500);
    await station.close();
  });

  it('a reading taken before the boot, held back and sent after it, does not keep a lost transaction alive', async () => {
    const { station, token, transactionId, t0 } = await charging();
    station.answer(REMOTE_STOP[protocol], () => ({ status: 'Rejected' }));
    await sys.advance(200_000);
    await station.reconnect();
    await station.boot();
    await eventually(async () => (await sys.session(token)).endSignal !== undefined, 'end signal noted');
    // From its queue: newer than the last reading Ladepay had, but minutes old.
    await station.meter(transactionId, START_WH + 2100, new Date(t0 + 620_000));
    await eventually(async () => (await sys.session(token)).meterLastWh === START_WH + 2100, 'old reading applied');
    await sys.advance(25_000);
    const s = await sys.waitForState(token, 'settled');
    expect(s.flags).toContain('settled_on_station_rebooted');
    expect((await sys.ladepay.repo.events(s.id)).map((e) => e.type)).not.toContain('end_signal_withdrawn');
    expect(s.capturedOre).toBe(1050);
    await station.close();
  });

  it('a transient Available before the transaction starts does not end a starting session', async () => {
    n += 1;
    const id = `CP-T${tag}-${n}`;
    const code = `END${tag}T${n}`;
    await sys.addStation(id, protocol, code);
    const station = await connectScriptedStation(sys.ocppUrl, id, STATION_PASSWORD, protocol, { clock: sys.clockTo, now: sys.now });
    await station.boot();
    await station.status('plugged');
    const r = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: MAX, method: 'WALLET' });
    if (!r.ok) throw new Error(r.reason);
    sys.vipps.phone.approve((await sys.session(r.token)).reference);
    await sys.waitForState(r.token, 'starting');
    const before = new Date();
    await station.status('available', before);
    await station.startAsAsked(START_WH, new Date(before.getTime() + 1000));
    await sys.waitForState(r.token, 'charging');
    await sys.advance(25_000);
    expect((await sys.session(r.token)).state).toBe('charging');
    await station.close();
  });
});

// The usual ends, on the charge-point simulator: the station's own stop (with
// its real final register) settles the session, and the Available or the boot
// that comes with it changes nothing more.
describe.each(protocols)('no false end signal (%s)', (protocol) => {
  let sys: TestSystem;
  let n = 0;
  const tag = protocol === 'ocpp1.6' ? '16' : '201';

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect() });
  });
  afterAll(async () => sys?.stop());

  async function charging(extra: { bootOnReconnect?: boolean } = {}) {
    n += 1;
    const id = `CP-N${tag}-${n}`;
    const code = `NOSIG${tag}${n}`;
    await sys.addStation(id, protocol, code);
    const cp = await sys.connect(id, protocol, extra);
    await cp.plugIn(1);
    const r = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: MAX, method: 'WALLET' });
    if (!r.ok) throw new Error(r.reason);
    sys.vipps.phone.approve((await sys.session(r.token)).reference);
    await sys.waitForState(r.token, 'charging');
    await cp.tick(10 * 60_000);
    return { cp, token: r.token };
  }

  it('a power cut: the stop the station sends after booting settles the session, on its own register', async () => {
    const { cp, token } = await charging();
    const endedAt = cp.now();
    await cp.reboot({ powerLoss: true });
    const s = await sys.waitForState(token, 'settled');
    expect(s.flags.filter((f) => f.startsWith('settled_on_'))).toEqual([]);
    expect(s.stopSource).toBe('station');
    expect(Math.abs(Date.parse(s.endedAt!) - endedAt.getTime())).toBeLessThan(1000);
    await sys.advance(25_000);
    expect((await sys.session(token)).capturedOre).toBe(s.capturedOre);
  });

  it('a station that boots on every reconnect keeps its session through a network blip: asked, it shows the transaction', async () => {
    const { cp, token } = await charging({ bootOnReconnect: true });
    const id = (await sys.session(token)).id;
    await cp.goOffline();
    await cp.goOnline();
    await eventually(async () => (await sys.ladepay.repo.events(id)).some((e) => e.type === 'end_signal_withdrawn'), 'end signal withdrawn');
    await sys.advance(25_000);
    expect((await sys.session(token)).state).toBe('charging');
    await cp.tick(60_000);
    await sys.ladepay.driver.stop(token);
    const s = await sys.waitForState(token, 'settled');
    expect(s.stopSource).toBe('driver');
    expect(s.flags.filter((f) => f.startsWith('settled_on_'))).toEqual([]);
  });

  it('unplugging ends the transaction, and the Available that follows does not settle it again', async () => {
    const { cp, token } = await charging();
    await cp.unplug(1);
    const s = await sys.waitForState(token, 'settled');
    await eventually(() => cp.connector(1).status === 'Available', 'connector available');
    await sys.advance(25_000);
    const again = await sys.session(token);
    expect(again.flags.filter((f) => f.startsWith('settled_on_'))).toEqual([]);
    expect(again.capturedOre).toBe(s.capturedOre);
    expect((await sys.ladepay.repo.events(s.id)).filter((e) => e.type === 'priced')).toHaveLength(1);
  });
});

describe('asked, a 2.0.1 station says the transaction is over', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect() });
  });
  afterAll(async () => sys?.stop());

  it('settles at once, without waiting for the grace', async () => {
    await sys.addStation('CP-Q1', 'ocpp2.0.1', 'ASKQ1');
    const station = await connectScriptedStation(sys.ocppUrl, 'CP-Q1', STATION_PASSWORD, 'ocpp2.0.1', { clock: sys.clockTo, now: sys.now });
    await station.boot();
    await station.status('plugged');
    const r = await sys.ladepay.driver.startDropIn({ connectorCode: 'ASKQ1', maxAmountOre: MAX, method: 'WALLET' });
    if (!r.ok) throw new Error(r.reason);
    sys.vipps.phone.approve((await sys.session(r.token)).reference);
    const t0 = sys.now().getTime();
    const { transactionId } = await station.startAsAsked(START_WH, new Date(t0));
    // Ten minutes: Ladepay's clock moves along, within the silence timeout.
    await station.meter(transactionId, START_WH + 4000, new Date(t0 + 600_000));
    await eventually(async () => (await sys.session(r.token)).meterLastWh === START_WH + 4000, 'reading applied');

    station.answer('GetTransactionStatus', () => ({ ongoingIndicator: false, messagesInQueue: false }));
    await station.reconnect();
    await station.boot();
    const s = await sys.waitForState(r.token, 'settled');
    expect(s.flags).toContain('settled_on_status_query');
    expect(s.capturedOre).toBe(2000);
    expect(station.callsOf('GetTransactionStatus')).toContainEqual({ transactionId });
    await station.close();
  });
});
