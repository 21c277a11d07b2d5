import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricValue } from '../security/metric-value.ts';
import { eventually } from '../support/eventually.ts';
import { REMOTE_STOP, connectScriptedStation, type Protocol, type ScriptedStation } from '../support/scripted-station.ts';
import { STATION_PASSWORD, startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';

// A station that charges with no session of Ladepay's behind it is stopped.
// The case: the station began the transaction Ladepay asked for, its start
// message was lost (an outage, a station without storage), and the session
// gave up before hearing of it. Nobody pays for that energy, so Ladepay ends
// the transaction: by its id when the station has one (2.0.1), else by
// unlocking the connector (OCPP 1.6 §5.17), and the operator sees it in the
// log and in /metrics.

const protocols: Protocol[] = ['ocpp1.6', 'ocpp2.0.1'];
const REMOTE_START = { 'ocpp1.6': 'RemoteStartTransaction', 'ocpp2.0.1': 'RequestStartTransaction' } as const;

describe.each(protocols)('a transaction no session owns is ended (%s)', (protocol) => {
  let sys: TestSystem;
  const logLines: string[] = [];
  let n = 0;
  const tag = protocol === 'ocpp1.6' ? '16' : '201';
  const v16 = protocol === 'ocpp1.6';

  beforeAll(async () => {
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) });
    sys = await startSystem({ dialect: primaryDialect(), logger });
  });
  afterAll(async () => sys?.stop());

  // A station that accepted the driver's start and began charging, its
  // start message lost: Ladepay's session is still starting.
  async function startAsked(): Promise<{ station: ScriptedStation; token: string; code: string }> {
    n += 1;
    const id = `CP-Y${tag}-${n}`;
    const code = `STRAY${tag}X${n}`;
    await sys.addStation(id, protocol, code);
    const station = await connectScriptedStation(sys.ocppUrl, id, STATION_PASSWORD, protocol, { clock: sys.clockTo, now: sys.now });
    station.answer('UnlockConnector', () => ({ status: 'Unlocked' }));
    await station.boot();
    await station.status('plugged');
    const r = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: 35_000, method: 'WALLET' });
    if (!r.ok) throw new Error(r.reason);
    sys.vipps.phone.approve((await sys.session(r.token)).reference);
    await station.waitForCall(REMOTE_START[protocol]);
    return { station, token: r.token, code };
  }

  // What the station sends while it charges its lost transaction: a 1.6
  // station only its status (it has no transaction id for meter values), a
  // 2.0.1 one its periodic TransactionEvents under its own transaction id.
  async function reportsCharging(station: ScriptedStation, transactionId: string, wh: number, at = sys.now()): Promise<void> {
    if (v16) await station.status('charging', at);
    else await station.meter(transactionId, wh, at);
  }

  function stopsOf(station: ScriptedStation, transactionId: string): number {
    return v16
      ? station.callsOf('UnlockConnector').filter((p) => p.connectorId === 1).length
      : station.callsOf(REMOTE_STOP[protocol]).filter((p) => p.transactionId === transactionId).length;
  }

  const strays = () => metricValue(sys.ladepay.url, 'ladepay_ocpp_stray_transactions_total', { signal: v16 ? 'status' : 'transaction_event' });

  it('the station back after the session gave up reports the charge: it is stopped', async () => {
    const { station, token } = await startAsked();
    const transactionId = `${station.id}-lost`;
    await sys.ladepay.driver.stop(token); // the driver gives up waiting
    const failed = await sys.waitForState(token, 'start_failed');
    expect(failed.capturedOre).toBe(0);
    const before = await strays();

    await station.reconnect(); // back from its outage, telling what it does now
    await reportsCharging(station, transactionId, 1_000_000);
    await reportsCharging(station, transactionId, 1_000_500);
    await eventually(() => stopsOf(station, transactionId) > 0, 'the stray transaction is ended');
    expect(await strays()).toBeGreaterThan(before);
    expect(logLines.some((l) => l.includes('"security":"stray_transaction"') && l.includes(station.id))).toBe(true);
    expect(logLines.some((l) => l.includes(failed.idTag))).toBe(false); // the log names no tag
  });

  it('a charge reported while the session still starts is ended once the session gives up', async () => {
    const { station, token } = await startAsked();
    const transactionId = `${station.id}-lost`;
    await reportsCharging(station, transactionId, 2_000_000);
    await reportsCharging(station, transactionId, 2_000_500);
    // The session may yet hear of it: nothing is stopped while it starts.
    expect((await sys.session(token)).state).toBe('starting');
    expect(stopsOf(station, transactionId)).toBe(0);

    await sys.ladepay.driver.stop(token);
    await sys.waitForState(token, 'start_failed');
    if (!v16) await reportsCharging(station, transactionId, 2_001_000); // a 2.0.1 station goes on reporting
    await eventually(() => stopsOf(station, transactionId) > 0, 'the stray transaction is ended');
  });

  // A 1.6 status speaks only of the sender's own connector; a 2.0.1 event names a transaction id.
  if (!v16) it('a station naming another station’s running transaction as its own stray gets no stop sent to that station', async () => {
    const { station: victim, token } = await startAsked();
    const t0 = sys.now().getTime();
    const { transactionId } = await victim.startAsAsked(4_000_000, new Date(t0));
    await sys.waitForState(token, 'charging');
    const { station: hostile } = await startAsked();
    const foreign = () => metricValue(sys.ladepay.url, 'ladepay_ocpp_foreign_session_inputs_total', { kind: 'transaction_update' });
    const before = await foreign();
    // The hostile station reports the victim's transaction as one it charges, twice.
    await hostile.meter(transactionId, 4_000_500, new Date(t0 + 60_000));
    await hostile.meter(transactionId, 4_001_000, new Date(t0 + 120_000));
    await eventually(async () => (await foreign()) > before, 'the foreign input is seen and counted');
    expect(victim.callsOf(REMOTE_STOP[protocol])).toHaveLength(0);
    const s = await sys.session(token);
    expect(s.state).toBe('charging');
    expect(s.meterLastWh).toBe(4_000_000);
  });

  it('a connector charging for a session that is charging is left alone', async () => {
    const { station, token } = await startAsked();
    const t0 = sys.now().getTime();
    const { transactionId } = await station.startAsAsked(3_000_000, new Date(t0));
    await sys.waitForState(token, 'charging');
    await reportsCharging(station, transactionId, 3_000_400, new Date(t0 + 600_000));
    await eventually(async () => (await sys.session(token)).meterLastWh === (v16 ? 3_000_000 : 3_000_400), 'reading applied');
    expect(station.callsOf('UnlockConnector')).toHaveLength(0);
    expect(station.callsOf(REMOTE_STOP[protocol])).toHaveLength(0);
  });
});
