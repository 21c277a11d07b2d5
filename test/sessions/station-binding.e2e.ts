import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { connectScriptedStation, type Protocol, type ScriptedStation } from '../support/scripted-station.ts';
import { STATION_PASSWORD, startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';

// Invariant 7: a session belongs to one station and one transaction. Another
// station that knows (or guesses) a session's id tag and transaction id can
// neither end it, nor set its meter, nor have its tag authorized; each try is
// logged as a security event and counted in /metrics.

const protocols: Protocol[] = ['ocpp1.6', 'ocpp2.0.1'];

describe.each(protocols)('a station reaches only its own sessions (%s)', (protocol) => {
  let sys: TestSystem;
  const logLines: string[] = [];
  let n = 0;
  const tag = protocol === 'ocpp1.6' ? '16' : '201';

  beforeAll(async () => {
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logLines.push(line) });
    sys = await startSystem({ dialect: primaryDialect(), logger });
  });
  afterAll(async () => sys?.stop());

  async function scripted(): Promise<ScriptedStation> {
    n += 1;
    const id = `CP-B${tag}-${n}`;
    await sys.addStation(id, protocol, `BIND${tag}X${n}`);
    const station = await connectScriptedStation(sys.ocppUrl, id, STATION_PASSWORD, protocol);
    await station.boot();
    return station;
  }

  async function chargingOnSimulator() {
    n += 1;
    const id = `CP-A${tag}-${n}`;
    const code = `BIND${tag}A${n}`;
    await sys.addStation(id, protocol, code);
    const cp = await sys.connect(id, protocol);
    await cp.plugIn(1);
    const r = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: 35_000, method: 'WALLET' });
    if (!r.ok) throw new Error(r.reason);
    sys.vipps.phone.approve((await sys.session(r.token)).reference);
    await sys.waitForState(r.token, 'charging');
    await cp.tick(6 * 60_000); // about 1 kWh at 11 kW
    const s = await eventually(async () => {
      const now = await sys.session(r.token);
      return (now.meterLastWh ?? 0) > (now.meterStartWh ?? 0) ? now : undefined;
    }, 'meter values');
    return { cp, token: r.token, session: s };
  }

  async function foreignCount(kind: string): Promise<number> {
    const text = await (await fetch(`${sys.ladepay.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`ladepay_ocpp_foreign_session_inputs_total{kind="${kind}"}`));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  it("another station's Authorize, meter values, TransactionEvent and stop for a session change nothing, and are logged and counted", async () => {
    const a = await chargingOnSimulator();
    const victim = a.session;
    const b = await scripted();
    const kinds = ['authorize', 'meter_values', 'transaction_end', ...(protocol === 'ocpp2.0.1' ? ['transaction_update'] : [])];
    const before = Object.fromEntries(await Promise.all(kinds.map(async (k) => [k, await foreignCount(k)] as const)));
    const at = new Date();
    const huge = victim.meterLastWh! + 150_000;

    // Each answer is the sign the input was handled.
    expect(await b.authorize(victim.idTag)).toBe('Invalid');
    if (protocol === 'ocpp1.6') {
      await b.meter(victim.transactionId!, huge, at);
      const answer = (await b.end(victim.transactionId!, huge, at, { idTag: victim.idTag })) as { idTagInfo?: { status: string } };
      expect(answer.idTagInfo?.status).toBe('Invalid');
    } else {
      // The whole transaction, forged: Started with the victim's token and
      // remote start id, readings, Ended, all under the victim's transaction id.
      await b.start({ idTag: victim.idTag, remoteStartId: victim.remoteStartId, transactionId: victim.transactionId }, victim.meterStartWh, at);
      await b.meter(victim.transactionId!, huge, at);
      // A charging state for the victim's transaction: the charger holding
      // back the energy would end the session after a while (docs/session-states.md).
      await b.rpc().call('TransactionEvent', {
        eventType: 'Updated',
        timestamp: at.toISOString(),
        triggerReason: 'ChargingStateChanged',
        seqNo: 90,
        transactionInfo: { transactionId: victim.transactionId, chargingState: 'SuspendedEVSE' },
      });
      await b.end(victim.transactionId!, huge, at, { reason: 'Remote' });
    }

    const after = await sys.session(a.token);
    expect(after.state).toBe('charging');
    expect(after.meterLastWh).toBe(victim.meterLastWh);
    expect(after.lastMeterAt).toBe(victim.lastMeterAt);
    expect(after.pausedByCharger).toBeFalsy();
    for (const k of kinds) expect(await foreignCount(k), k).toBeGreaterThan(before[k]!);
    const security = logLines.filter((l) => l.includes('"security":"foreign_session_input"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(security).toContainEqual(expect.objectContaining({ stationId: b.id, sessionId: victim.id, sessionStationId: victim.stationId, kind: 'transaction_end' }));
    // No secret in the log: the tag is the key to the session at a station.
    expect(logLines.join('\n')).not.toContain(victim.idTag);

    // The session's own station still ends it, billed on its own meter.
    await sys.ladepay.driver.stop(a.token);
    const settled = await sys.waitForState(a.token, 'settled');
    expect(settled.stopSource).toBe('driver');
    expect(settled.capturedOre).toBeLessThan(35_000);
    expect(settled.flags).not.toContain('capped_at_maximum');
    await b.close();
  });

  it("the session's own station has its tag authorized while the session is live", async () => {
    n += 1;
    const id = `CP-O${tag}-${n}`;
    const code = `BIND${tag}O${n}`;
    await sys.addStation(id, protocol, code);
    const own = await connectScriptedStation(sys.ocppUrl, id, STATION_PASSWORD, protocol);
    await own.boot();
    await own.status('plugged');
    const r = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: 35_000, method: 'WALLET' });
    if (!r.ok) throw new Error(r.reason);
    sys.vipps.phone.approve((await sys.session(r.token)).reference);
    const { idTag } = await own.startAsAsked(1_000_000, new Date());
    await sys.waitForState(r.token, 'charging');
    expect(await own.authorize(idTag)).toBe('Accepted');
    await own.close();
  });

  it('lastSeenAt follows the station’s traffic, and the station is answered on Ladepay’s clock', async () => {
    const b = await scripted();
    const seen = async () => (await sys.database.db.selectFrom('stations').select('last_seen_at').where('id', '=', b.id).executeTakeFirstOrThrow()).last_seen_at;
    const first = await seen();
    await sys.advance(45_000);
    const answer = (await b.rpc().call('Heartbeat', {})) as { currentTime: string };
    const ladepayNow = sys.ladepay.engine.now().getTime();
    expect(Math.abs(Date.parse(answer.currentTime) - ladepayNow)).toBeLessThan(5_000);
    const later = await eventually(async () => {
      const v = await seen();
      return v !== first ? v : undefined;
    }, 'last_seen_at moved');
    expect(Date.parse(later!) - Date.parse(first!)).toBeGreaterThanOrEqual(45_000);
    await b.close();
  });
});
