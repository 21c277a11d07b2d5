import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChargePoint, type ChargePoint, type Protocol } from '../../simulators/charge-point/index.ts';
import { startTestCsms, type TestCsms } from './start-test-csms.ts';

// The whole adapter against the charge-point simulator: real stations with
// cars, meters and offline queues, both OCPP versions.

const CAR = { batteryWh: 60_000, socPercent: 40, maxPowerW: 11_000 };

describe.each(['ocpp1.6', 'ocpp2.0.1'] as const)('%s station from the simulator', (protocol: Protocol) => {
  let csms: TestCsms;
  const stations: ChargePoint[] = [];
  let next = 1;
  let remoteStartId = 100;

  beforeAll(async () => {
    csms = await startTestCsms({ meterIntervalSeconds: 15 });
  });

  afterAll(async () => {
    await Promise.all(stations.map((cp) => cp.stop()));
    await csms.stop();
  });

  async function station(): Promise<ChargePoint> {
    const stationId = `SIM-${protocol}-${next++}`;
    await csms.addStation(stationId, `pw-${stationId}`);
    const cp = await startChargePoint({
      csmsUrl: csms.ocppUrl,
      stationId,
      password: `pw-${stationId}`,
      protocol,
      connectors: 2,
      timeScale: 0,
      reconnectInitialDelayMs: 50,
    });
    stations.push(cp);
    return cp;
  }

  // Plugs a car in, starts remotely, and returns the transaction id Ladepay uses.
  async function charging(cp: ChargePoint, idTag: string): Promise<string> {
    csms.events.knownTags.add(idTag);
    await cp.plugIn(1, CAR);
    const register = cp.connector(1).energyWh;
    const rsid = remoteStartId++;
    expect(await csms.ocpp.commands.remoteStart(cp.stationId, 1, idTag, rsid)).toBe('accepted');
    // 1.6 ties the start to the session by its idTag, 2.0.1 by the remoteStartId.
    const started = await csms.events.waitFor(
      'transactionStarted',
      (e) => e.stationId === cp.stationId && (protocol === 'ocpp1.6' ? e.idTag === idTag : e.remoteStartId === rsid),
    );
    expect(started).toMatchObject({ connectorNo: 1, meterStartWh: register });
    await cp.drained();
    const txId = cp.connector(1).transactionId;
    if (txId === undefined) throw new Error('the station has no transaction');
    return txId;
  }

  it('boots, reports its connectors and gets the meter interval', async () => {
    const cp = await station();
    const booted = await csms.events.waitFor('stationBooted', (e) => e.stationId === cp.stationId);
    expect(booted).toMatchObject({ vendor: 'Ladepay', model: 'SimCharger' });
    const configure = protocol === 'ocpp1.6' ? 'ChangeConfiguration' : 'SetVariables';
    const call = await cp.waitFor((f) => f.dir === 'in' && f.message[0] === 2 && f.message[2] === configure);
    expect(JSON.stringify(call[3])).toContain('"15"');
    await csms.events.waitFor('connectorStatus', (e) => e.stationId === cp.stationId && e.connectorNo === 2);
    expect(csms.events.of('connectorStatus', cp.stationId).filter((e) => e.connectorNo > 0).map((e) => e.status)).toEqual([
      'available',
      'available',
    ]);
  });

  it('charges: remote start → meter values → remote stop', async () => {
    const cp = await station();
    const txId = await charging(cp, 'LP-flow-1');
    await cp.tick(60_000);
    const samples = csms.events.of('meterValues', cp.stationId).filter((m) => m.transactionId === txId);
    expect(samples.length).toBeGreaterThan(0);
    const last = samples.at(-1);
    expect(last?.energyWh).toBeGreaterThan(1_000_000);
    expect(last?.powerW).toBeGreaterThan(0);

    expect(await csms.ocpp.commands.remoteStop(cp.stationId, txId)).toBe('accepted');
    const ended = await csms.events.waitFor('transactionEnded', (e) => e.stationId === cp.stationId);
    expect(ended).toMatchObject({ transactionId: txId, reason: 'remote' });
    await cp.drained();
    expect(ended.meterStopWh).toBe(cp.connector(1).energyWh);
    expect(ended.meterStopWh).toBeGreaterThanOrEqual(last?.energyWh ?? Infinity);
  });

  it('ends with reason local when the stop button is pressed, ev_disconnected when unplugged', async () => {
    const cp = await station();
    const first = await charging(cp, 'LP-flow-2');
    await cp.tick(20_000);
    await cp.pressStop(1);
    expect(await csms.events.waitFor('transactionEnded', (e) => e.transactionId === first)).toMatchObject({
      reason: 'local',
    });
    await cp.unplug(1);

    const second = await charging(cp, 'LP-flow-3');
    await cp.tick(20_000);
    await cp.unplug(1);
    expect(await csms.events.waitFor('transactionEnded', (e) => e.transactionId === second)).toMatchObject({
      reason: 'ev_disconnected',
    });
  });

  it('takes the stop a station queued while offline, at the time it happened', async () => {
    const cp = await station();
    const txId = await charging(cp, 'LP-flow-4');
    await cp.goOffline();
    await csms.events.waitFor('stationDisconnected', (e) => e.stationId === cp.stationId);
    expect(await csms.ocpp.commands.remoteStop(cp.stationId, txId)).toBe('offline');

    await cp.tick(120_000);
    const stoppedAt = cp.now();
    await cp.pressStop(1);
    expect(csms.events.of('transactionEnded', cp.stationId)).toEqual([]);

    await cp.goOnline();
    const ended = await csms.events.waitFor('transactionEnded', (e) => e.transactionId === txId);
    expect(ended.at).toEqual(stoppedAt);
    expect(ended.reason).toBe('local');
    expect(ended.meterStopWh).toBe(cp.connector(1).energyWh);
    expect(csms.ocpp.commands.isOnline(cp.stationId)).toBe(true);
    expect(csms.events.of('stationConnected', cp.stationId)).toHaveLength(2);
  });

  it('answers a malformed frame with the version’s CallError, and goes on', async () => {
    const cp = await station();
    const answer = await cp.sendRaw('[2,"broken-1","Heartbeat",');
    expect(JSON.parse(answer ?? '[]').slice(0, 3)).toEqual([
      4,
      'broken-1',
      protocol === 'ocpp1.6' ? 'FormationViolation' : 'FormatViolation',
    ]);
    const schema = await cp.sendRaw(JSON.stringify([2, 'bad-schema-1', 'Heartbeat', { extra: 1 }]));
    expect(JSON.parse(schema ?? '[]')[2]).toBe(protocol === 'ocpp1.6' ? 'FormationViolation' : 'FormatViolation');
    expect(cp.isOnline()).toBe(true);
    expect(await csms.ocpp.commands.triggerStatus(cp.stationId, 1)).toBe('accepted');
  });
});

describe.each(['ocpp1.6', 'ocpp2.0.1'] as const)('%s simulated station that ignores a call', (protocol: Protocol) => {
  let csms: TestCsms;
  let cp: ChargePoint | undefined;

  beforeAll(async () => {
    // Short enough to wait out, long enough for the next command's answer on a busy machine.
    csms = await startTestCsms({ callTimeoutMs: 2_000 });
  });

  afterAll(async () => {
    await cp?.stop();
    await csms.stop();
  });

  it('gets timeout, then answers the next command', async () => {
    await csms.addStation('SIM-DEAF', 'pw');
    cp = await startChargePoint({ csmsUrl: csms.ocppUrl, stationId: 'SIM-DEAF', password: 'pw', protocol, timeScale: 0 });
    cp.ignoreCalls('Reset');
    expect(await csms.ocpp.commands.reset('SIM-DEAF', 'soft')).toBe('timeout');
    cp.ignoreCalls(null);
    expect(await csms.ocpp.commands.unlock('SIM-DEAF', 1)).toBe('accepted');
  });
});
