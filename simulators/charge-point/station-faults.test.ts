import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChargePoint } from './start-charge-point.ts';
import { startTestCsms } from './test-csms.ts';
import type { ChargePoint } from './charge-point.ts';
import type { ChargePointOptions } from './charge-point-options.ts';
import type { TestCsms } from './test-csms.ts';

// The faults a station can be told to have, on both protocols, against a strict CSMS.

const CAR = { batteryWh: 50_000, socPercent: 50, maxPowerW: 11_000 };

interface Sampled {
  timestamp: string;
  sampledValue: Array<{ value: string | number; measurand: string }>;
}

function register(meterValue: unknown): number {
  const sample = (meterValue as Sampled[])[0] as Sampled;
  const energy = sample.sampledValue.find((v) => v.measurand === 'Energy.Active.Import.Register');
  return Number(energy?.value);
}

describe('station faults', () => {
  let csms: TestCsms;
  const started: ChargePoint[] = [];

  beforeAll(async () => {
    csms = await startTestCsms();
  });

  afterAll(async () => {
    await Promise.all(started.map((cp) => cp.stop()));
    await csms.close();
  });

  async function station(stationId: string, protocol: 'ocpp1.6' | 'ocpp2.0.1', extra: Partial<ChargePointOptions> = {}): Promise<ChargePoint> {
    const cp = await startChargePoint({ csmsUrl: csms.url, stationId, protocol, timeScale: 0, ...extra });
    started.push(cp);
    return cp;
  }

  async function charging(cp: ChargePoint): Promise<string> {
    await cp.plugIn(1, CAR);
    const start =
      cp.protocol === 'ocpp1.6'
        ? csms.callStation(cp.stationId, 'RemoteStartTransaction', { connectorId: 1, idTag: 'TAG1' })
        : csms.callStation(cp.stationId, 'RequestStartTransaction', { evseId: 1, remoteStartId: 1, idToken: { idToken: 'TAG1', type: 'Central' } });
    expect(await start).toEqual({ status: 'Accepted' });
    await cp.waitFor((f) => f.dir === 'in' && f.message[0] === 3 && cp.connector(1).transactionId !== undefined);
    await cp.drained();
    return cp.connector(1).transactionId as string;
  }

  it('lives by a shared clock: readings stamped when they fall due, with the energy drawn up to then', async () => {
    let t = Date.parse('2030-01-01T00:00:00.000Z');
    const clock = { now: () => new Date(t), scale: 1_000_000 };
    const cp = await station('CPF-CLOCK', 'ocpp1.6', { clock, timeScale: undefined });
    const points: Array<[number, number]> = [];
    const ids = new Set<unknown>();
    cp.on('meter', (_no, wh, at, localId) => {
      points.push([(at as Date).getTime(), wh as number]);
      ids.add(localId);
    });
    await charging(cp);
    const startedAt = t;
    t += 60_000;
    expect(cp.connector(1).energyWh).toBe(1_000_000 + Math.floor((11_000 * 60) / 3600));
    await cp.drained();
    const meters = csms.calls('CPF-CLOCK', 'MeterValues').map((c) => c.params.meterValue as Sampled[]);
    expect(meters.map((m) => Date.parse((m[0] as Sampled).timestamp) - startedAt)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
    expect(meters.map((m) => register(m) - 1_000_000)).toEqual([30, 61, 91, 122, 152, 183]);
    expect(cp.now().getTime()).toBe(t);
    expect(points[0]).toEqual([startedAt, 1_000_000]);
    expect(points.at(-1)).toEqual([startedAt + 60_000, 1_000_183]);
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('loses power and tells the stop after the boot, with the register at the cut', async () => {
    const cp = await station('CPF-CUT', 'ocpp1.6');
    const txId = await charging(cp);
    await cp.tick(30_000);
    const atCut = cp.connector(1).energyWh;
    await cp.powerLoss({ sendStop: true, offMs: 20 });
    const stop = await csms.waitForCall('CPF-CUT', 'StopTransaction');
    expect(stop.params).toMatchObject({ transactionId: Number(txId), reason: 'PowerLoss', meterStop: atCut });
    expect(csms.calls('CPF-CUT', 'BootNotification')).toHaveLength(2);
  });

  for (const protocol of ['ocpp1.6', 'ocpp2.0.1'] as const) {
    it(`${protocol}: loses power and forgets the transaction: boots, reports Available, never sends the stop`, async () => {
      const id = `CPF-FORGET-${protocol === 'ocpp1.6' ? '16' : '201'}`;
      const cp = await station(id, protocol, { txNotFoundReason: true });
      const ended: unknown[][] = [];
      cp.on('transactionEnded', (...args) => ended.push(args));
      const txId = await charging(cp);
      await cp.tick(30_000);
      await cp.powerLoss({ sendStop: false });
      expect(csms.calls(id, 'BootNotification')).toHaveLength(2);
      const statuses = csms.calls(id, 'StatusNotification').filter((c) => (c.params.connectorId ?? 1) === 1 && (c.params.evseId ?? 1) === 1);
      expect(statuses.at(-1)?.params).toMatchObject(protocol === 'ocpp1.6' ? { status: 'Available' } : { connectorStatus: 'Available' });
      expect(ended).toEqual([[1, txId, 'PowerLoss', { reported: false }]]);
      expect(cp.connector(1)).toMatchObject({ status: 'Available', transactionId: undefined, pluggedIn: false });
      const stops = protocol === 'ocpp1.6' ? csms.calls(id, 'StopTransaction') : csms.calls(id, 'TransactionEvent').filter((c) => c.params.eventType === 'Ended');
      expect(stops).toEqual([]);
      const answer =
        protocol === 'ocpp1.6'
          ? await csms.callStation(id, 'RemoteStopTransaction', { transactionId: Number(txId) })
          : await csms.callStation(id, 'RequestStopTransaction', { transactionId: txId });
      expect(answer).toEqual(protocol === 'ocpp1.6' ? { status: 'Rejected' } : { status: 'Rejected', statusInfo: { reasonCode: 'TxNotFound' } });
    });
  }

  it('reboots forgetting its transaction and its queue, and comes back without the stop', async () => {
    const cp = await station('CPF-REBOOT', 'ocpp2.0.1');
    await charging(cp);
    await cp.goOffline();
    await cp.tick(20_000);
    expect(cp.queuedMessages()).toBe(2);
    await cp.reboot({ forgetTransactions: true });
    await cp.goOnline();
    await cp.drained();
    const events = csms.calls('CPF-REBOOT', 'TransactionEvent').map((c) => c.params.eventType);
    expect(events).toEqual(['Started']);
    expect(csms.calls('CPF-REBOOT', 'BootNotification')).toHaveLength(2);
    expect(cp.connector(1).status).toBe('Available');
  });

  it('offline without storage loses what happened while offline, and charges on', async () => {
    const cp = await station('CPF-NOQUEUE', 'ocpp1.6');
    await charging(cp);
    const before = csms.calls('CPF-NOQUEUE', 'MeterValues').length;
    await cp.goOffline({ keepQueue: false });
    await cp.tick(60_000);
    expect(cp.queuedMessages()).toBe(0);
    await cp.goOnline();
    await cp.tick(10_000);
    const meters = csms.calls('CPF-NOQUEUE', 'MeterValues');
    expect(meters.length - before).toBe(1);
    expect(register(meters.at(-1)?.params.meterValue)).toBe(cp.connector(1).energyWh);
    await cp.unplug(1);
    await csms.waitForCall('CPF-NOQUEUE', 'StopTransaction');
  });

  it('2.0.1: sends a held-back reading late, after newer ones, with its own seqNo and time', async () => {
    const cp = await station('CPF-LATE', 'ocpp2.0.1');
    await charging(cp);
    cp.delayMeterValues(1, { delayMs: 300 });
    await cp.tick(20_000);
    const updated = () => csms.calls('CPF-LATE', 'TransactionEvent').filter((c) => c.params.triggerReason === 'MeterValuePeriodic');
    expect(updated().map((c) => c.params.seqNo)).toEqual([2]);
    await csms.waitForCall('CPF-LATE', 'TransactionEvent', (p) => p.seqNo === 1);
    const [second, first] = updated();
    expect(second?.params.seqNo).toBe(2);
    expect(Date.parse(String(first?.params.timestamp))).toBeLessThan(Date.parse(String(second?.params.timestamp)));
  });

  it('1.6: glitches one reading; the register and the next readings stay true', async () => {
    const cp = await station('CPF-GLITCH', 'ocpp1.6');
    await charging(cp);
    cp.glitchMeter(1, 150_000);
    await cp.tick(20_000);
    const readings = csms.calls('CPF-GLITCH', 'MeterValues').map((c) => register(c.params.meterValue));
    expect(readings).toEqual([1_000_030 + 150_000, 1_000_061]);
    expect(cp.connector(1).energyWh).toBe(1_000_061);
  });

  it('refuses remote stops when told to, and charges on', async () => {
    const cp = await station('CPF-NOSTOP', 'ocpp1.6');
    const txId = await charging(cp);
    cp.rejectRemoteStop(true);
    expect(await csms.callStation('CPF-NOSTOP', 'RemoteStopTransaction', { transactionId: Number(txId) })).toEqual({ status: 'Rejected' });
    await cp.tick(10_000);
    expect(cp.connector(1)).toMatchObject({ status: 'Charging', transactionId: txId });
    cp.rejectRemoteStop(false);
    expect(await csms.callStation('CPF-NOSTOP', 'RemoteStopTransaction', { transactionId: Number(txId) })).toEqual({ status: 'Accepted' });
    await csms.waitForCall('CPF-NOSTOP', 'StopTransaction');
  });
});
