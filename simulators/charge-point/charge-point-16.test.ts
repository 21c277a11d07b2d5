import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChargePoint } from './start-charge-point.ts';
import { startTestCsms } from './test-csms.ts';
import type { ChargePoint } from './charge-point.ts';
import type { ChargePointOptions } from './charge-point-options.ts';
import type { TestCsms } from './test-csms.ts';

interface SampledValue {
  value: string;
  measurand: string;
  unit: string;
  context: string;
}
interface MeterValue {
  timestamp: string;
  sampledValue: SampledValue[];
}

const CAR = { batteryWh: 50_000, socPercent: 50, maxPowerW: 11_000 };

describe('OCPP 1.6J station against a strict CSMS', () => {
  let csms: TestCsms;
  const started: ChargePoint[] = [];

  beforeAll(async () => {
    csms = await startTestCsms({ 'CP16-AUTH': 'secret' });
  });

  afterAll(async () => {
    await Promise.all(started.map((cp) => cp.stop()));
    await csms.close();
  });

  async function station(stationId: string, extra: Partial<ChargePointOptions> = {}): Promise<ChargePoint> {
    const cp = await startChargePoint({ csmsUrl: csms.url, stationId, protocol: 'ocpp1.6', timeScale: 0, ...extra });
    started.push(cp);
    return cp;
  }

  async function charging(cp: ChargePoint, idTag: string): Promise<string> {
    if (!cp.connector(1).pluggedIn) await cp.plugIn(1, CAR);
    expect(await csms.callStation(cp.stationId, 'RemoteStartTransaction', { connectorId: 1, idTag })).toEqual({ status: 'Accepted' });
    await cp.waitFor((f) => f.dir === 'out' && f.message[2] === 'StatusNotification' && (f.message[3] as { status: string }).status === 'Charging');
    await cp.drained();
    const txId = cp.connector(1).transactionId;
    if (!txId) throw new Error('no transaction id');
    return txId;
  }

  it('boots, reports connector 0 and each connector, and heartbeats at the interval the CSMS gives', async () => {
    csms.bootInterval = 1;
    const cp = await station('CP16-BOOT', { connectors: 2 });
    csms.bootInterval = 300;
    const boot = await csms.waitForCall('CP16-BOOT', 'BootNotification');
    expect(boot.params).toMatchObject({ chargePointVendor: 'Ladepay', chargePointModel: 'SimCharger' });
    for (const connectorId of [0, 1, 2]) {
      await csms.waitForCall('CP16-BOOT', 'StatusNotification', (p) => p.connectorId === connectorId && p.status === 'Available');
    }
    await csms.waitForCall('CP16-BOOT', 'Heartbeat');
    expect(cp.connector(2)).toMatchObject({ status: 'Available', energyWh: 1_000_000, powerW: 0, pluggedIn: false });
  });

  it('runs remote start → Authorize → StartTransaction → MeterValues → remote stop → StopTransaction', async () => {
    const cp = await station('CP16-TX');
    await cp.plugIn(1, CAR);
    expect(cp.connector(1).status).toBe('Preparing');
    const txId = await charging(cp, 'DRIVER1');

    expect((await csms.waitForCall('CP16-TX', 'Authorize')).params).toEqual({ idTag: 'DRIVER1' });
    const start = (await csms.waitForCall('CP16-TX', 'StartTransaction')).params;
    expect(start).toMatchObject({ connectorId: 1, idTag: 'DRIVER1', meterStart: 1_000_000 });
    expect(cp.connector(1)).toMatchObject({ status: 'Charging', powerW: 11_000, soc: 50 });

    await cp.tick(60_000);
    const meters = csms.calls('CP16-TX', 'MeterValues').map((c) => c.params);
    expect(meters).toHaveLength(6);
    expect(meters.every((m) => m.transactionId === Number(txId) && m.connectorId === 1)).toBe(true);
    const samples = meters.map((m) => (m.meterValue as MeterValue[])[0] as MeterValue);
    const times = samples.map((s) => Date.parse(s.timestamp));
    expect(times.slice(1).map((t, i) => t - (times[i] as number))).toEqual([10_000, 10_000, 10_000, 10_000, 10_000]);
    const last = samples[5] as MeterValue;
    // 11 kW for one minute is 183.3 Wh on a register that started at 1 000 000 Wh.
    expect(last.sampledValue).toEqual([
      { value: '1000183', context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', location: 'Outlet', unit: 'Wh' },
      { value: '11000', context: 'Sample.Periodic', measurand: 'Power.Active.Import', location: 'Outlet', unit: 'W' },
      { value: '50', context: 'Sample.Periodic', measurand: 'SoC', location: 'EV', unit: 'Percent' },
    ]);

    expect(await csms.callStation('CP16-TX', 'RemoteStopTransaction', { transactionId: Number(txId) })).toEqual({ status: 'Accepted' });
    const stop = (await csms.waitForCall('CP16-TX', 'StopTransaction')).params;
    expect(stop).toMatchObject({ transactionId: Number(txId), idTag: 'DRIVER1', meterStop: 1_000_183, reason: 'Remote' });
    expect((stop.transactionData as MeterValue[])[0]?.sampledValue[0]).toMatchObject({ value: '1000183', context: 'Transaction.End' });
    await csms.waitForCall('CP16-TX', 'StatusNotification', (p) => p.status === 'Finishing');

    await cp.unplug(1);
    expect(cp.connector(1)).toMatchObject({ status: 'Available', pluggedIn: false, energyWh: 1_000_183 });
    expect(await csms.callStation('CP16-TX', 'RemoteStopTransaction', { transactionId: Number(txId) })).toEqual({ status: 'Rejected' });
  });

  it('queues transaction messages while offline and replays them in order, with their original timestamps', async () => {
    const cp = await station('CP16-OFFLINE');
    await charging(cp, 'DRIVER2');
    await cp.goOffline();
    const wentOffline = cp.now().getTime();
    await cp.tick(30_000);
    await cp.pressStop(1);
    const stoppedAt = cp.now().toISOString();
    await cp.tick(3_600_000); // an hour passes before the link comes back
    expect(cp.queuedMessages()).toBe(4);
    expect(csms.calls('CP16-OFFLINE', 'MeterValues')).toHaveLength(0);

    await cp.goOnline();
    const replayed = csms.received.filter((c) => c.stationId === 'CP16-OFFLINE' && ['MeterValues', 'StopTransaction'].includes(c.action));
    expect(replayed.map((c) => c.action)).toEqual(['MeterValues', 'MeterValues', 'MeterValues', 'StopTransaction']);
    const sampleTimes = replayed.slice(0, 3).map((c) => Date.parse(((c.params.meterValue as MeterValue[])[0] as MeterValue).timestamp));
    expect(sampleTimes).toEqual([wentOffline + 10_000, wentOffline + 20_000, wentOffline + 30_000]);
    expect(replayed[3]?.params).toMatchObject({ timestamp: stoppedAt, reason: 'Local' });
    // A reconnect is not a reboot.
    expect(csms.calls('CP16-OFFLINE', 'BootNotification')).toHaveLength(1);
  });

  it('rejects a remote start with no car plugged in, and when told to', async () => {
    const cp = await station('CP16-REJECT');
    const start = { connectorId: 1, idTag: 'DRIVER3' };
    expect(await csms.callStation('CP16-REJECT', 'RemoteStartTransaction', start)).toEqual({ status: 'Rejected' });
    await cp.plugIn(1);
    cp.rejectRemoteStart(true);
    expect(await csms.callStation('CP16-REJECT', 'RemoteStartTransaction', start)).toEqual({ status: 'Rejected' });
    cp.rejectRemoteStart(false);
    expect(await csms.callStation('CP16-REJECT', 'RemoteStartTransaction', start)).toEqual({ status: 'Accepted' });
    await csms.waitForCall('CP16-REJECT', 'StartTransaction');
  });

  it('authenticates with HTTP Basic auth and says clearly when refused', async () => {
    const base = { csmsUrl: csms.url, stationId: 'CP16-AUTH', protocol: 'ocpp1.6' as const, timeScale: 0 };
    await expect(startChargePoint({ ...base, password: 'wrong' })).rejects.toThrow(/refused station CP16-AUTH: HTTP 401/);
    await station('CP16-AUTH', { password: 'secret' });
    await expect(startChargePoint({ ...base, csmsUrl: 'ws://127.0.0.1:1/ocpp' })).rejects.toThrow(/connection refused/);
  });

  it('can report energy in kWh', async () => {
    const cp = await station('CP16-KWH', { energyUnit: 'kWh' });
    await charging(cp, 'DRIVER8');
    await cp.tick(10_000);
    const meter = (await csms.waitForCall('CP16-KWH', 'MeterValues')).params.meterValue as MeterValue[];
    expect(meter[0]?.sampledValue[0]).toMatchObject({ value: '1000.030', unit: 'kWh', measurand: 'Energy.Active.Import.Register' });
  });

  it('honours ChangeConfiguration and answers GetConfiguration', async () => {
    const cp = await station('CP16-CONFIG');
    const change = (key: string, value: string): Promise<unknown> => csms.callStation('CP16-CONFIG', 'ChangeConfiguration', { key, value });
    expect(await change('MeterValueSampleInterval', '30')).toEqual({ status: 'Accepted' });
    expect(await change('HeartbeatInterval', 'soon')).toEqual({ status: 'Rejected' });
    expect(await change('NumberOfConnectors', '4')).toEqual({ status: 'Rejected' });
    expect(await change('FancyVendorKey', '1')).toEqual({ status: 'NotSupported' });
    const got = await csms.callStation('CP16-CONFIG', 'GetConfiguration', { key: ['MeterValueSampleInterval', 'Nope'] });
    expect(got).toEqual({ configurationKey: [{ key: 'MeterValueSampleInterval', readonly: false, value: '30' }], unknownKey: ['Nope'] });

    await charging(cp, 'DRIVER4');
    await cp.tick(60_000);
    expect(csms.calls('CP16-CONFIG', 'MeterValues')).toHaveLength(2);
  });

  it('soft reset ends the transaction with SoftReset, reconnects and boots again', async () => {
    const cp = await station('CP16-RESET');
    const txId = await charging(cp, 'DRIVER5');
    expect(await csms.callStation('CP16-RESET', 'Reset', { type: 'Soft' })).toEqual({ status: 'Accepted' });
    const stop = await csms.waitForCall('CP16-RESET', 'StopTransaction');
    expect(stop.params).toMatchObject({ transactionId: Number(txId), reason: 'SoftReset' });
    await csms.waitForCall('CP16-RESET', 'BootNotification', () => csms.calls('CP16-RESET', 'BootNotification').length === 2);
    const stationStatuses = (): number => csms.calls('CP16-RESET', 'StatusNotification').filter((c) => c.params.connectorId === 0).length;
    await csms.waitForCall('CP16-RESET', 'StatusNotification', () => stationStatuses() === 2);
    expect(cp.isOnline()).toBe(true);
    expect(cp.connector(1)).toMatchObject({ status: 'Finishing', pluggedIn: true, transactionId: undefined });
  });

  it('faults a connector with an error code, and clears it', async () => {
    const cp = await station('CP16-FAULT');
    await cp.setFault(1, 'GroundFailure');
    await csms.waitForCall('CP16-FAULT', 'StatusNotification', (p) => p.status === 'Faulted' && p.errorCode === 'GroundFailure');
    await cp.clearFault(1);
    await cp.setFault(1, 'E42');
    await csms.waitForCall('CP16-FAULT', 'StatusNotification', (p) => p.errorCode === 'OtherError' && p.vendorErrorCode === 'E42');
    await cp.clearFault(1);
    expect(cp.connector(1).status).toBe('Available');
  });

  it('leaves an ignored call unanswered, and sends raw frames', async () => {
    const cp = await station('CP16-RAW');
    cp.ignoreCalls('GetConfiguration');
    await expect(csms.callStation('CP16-RAW', 'GetConfiguration', {}, 300)).rejects.toThrow(/timeout/i);
    cp.ignoreCalls(null);
    await expect(csms.callStation('CP16-RAW', 'GetConfiguration', {})).resolves.toHaveProperty('configurationKey');

    const badCall = await cp.sendRaw('[2,"raw-1","Heartbeat",{"unexpected":true}]');
    expect(badCall).toMatch(/^\[4,"raw-1","/);
    const notJson = await cp.sendRaw('this is not json');
    expect(notJson).toMatch(/^\[4,/);
  });
  it('reconnects with backoff when the link drops, without booting again', async () => {
    const cp = await station('CP16-DROP', { reconnectInitialDelayMs: 20 });
    const disconnected = new Promise((resolve) => cp.on('disconnected', resolve));
    await csms.dropStation('CP16-DROP');
    await disconnected;
    const stationStatuses = (): number => csms.calls('CP16-DROP', 'StatusNotification').filter((c) => c.params.connectorId === 0).length;
    await csms.waitForCall('CP16-DROP', 'StatusNotification', () => stationStatuses() === 2);
    expect(csms.calls('CP16-DROP', 'BootNotification')).toHaveLength(1);
  });

  it('after a power cut, boots and then ends the transaction PowerLoss at the time of the cut', async () => {
    const cp = await station('CP16-POWER');
    const txId = await charging(cp, 'DRIVER6');
    await cp.tick(10_000);
    const cutAt = cp.now().toISOString();
    await cp.reboot({ powerLoss: true });
    const stop = await csms.waitForCall('CP16-POWER', 'StopTransaction');
    expect(stop.params).toMatchObject({ transactionId: Number(txId), reason: 'PowerLoss', timestamp: cutAt, meterStop: 1_000_030 });
    const order = csms.received.filter((c) => c.stationId === 'CP16-POWER').map((c) => c.action);
    expect(order.lastIndexOf('BootNotification')).toBeLessThan(order.indexOf('StopTransaction'));
    expect(order.filter((a) => a === 'BootNotification')).toHaveLength(2);
  });

  it('answers TriggerMessage, ChangeAvailability, UnlockConnector, DataTransfer and unsupported actions', async () => {
    const cp = await station('CP16-OPS', { connectors: 2 });
    const id = 'CP16-OPS';
    const txId = await charging(cp, 'DRIVER7');
    const trigger = (requestedMessage: string, connectorId?: number): Promise<unknown> =>
      csms.callStation(id, 'TriggerMessage', connectorId === undefined ? { requestedMessage } : { requestedMessage, connectorId });
    expect(await trigger('MeterValues', 1)).toEqual({ status: 'Accepted' });
    const triggered = await csms.waitForCall(id, 'MeterValues');
    expect(triggered.params.transactionId).toBe(Number(txId));
    expect((triggered.params.meterValue as MeterValue[])[0]?.sampledValue.every((v) => v.context === 'Trigger')).toBe(true);
    expect(await trigger('StatusNotification', 3)).toEqual({ status: 'Rejected' });

    expect(await csms.callStation(id, 'ChangeAvailability', { connectorId: 1, type: 'Inoperative' })).toEqual({ status: 'Scheduled' });
    expect(await csms.callStation(id, 'ChangeAvailability', { connectorId: 2, type: 'Inoperative' })).toEqual({ status: 'Accepted' });
    await csms.waitForCall(id, 'StatusNotification', (p) => p.connectorId === 2 && p.status === 'Unavailable');
    expect(await csms.callStation(id, 'UnlockConnector', { connectorId: 1 })).toEqual({ status: 'Unlocked' });
    const stop = await csms.waitForCall(id, 'StopTransaction');
    expect(stop.params.reason).toBe('UnlockCommand');
    await csms.waitForCall(id, 'StatusNotification', (p) => p.connectorId === 1 && p.status === 'Unavailable');
    expect(await csms.callStation(id, 'ChangeAvailability', { connectorId: 0, type: 'Operative' })).toEqual({ status: 'Accepted' });
    await csms.waitForCall(id, 'StatusNotification', (p) => p.connectorId === 1 && p.status === 'Finishing');

    expect(await csms.callStation(id, 'DataTransfer', { vendorId: 'com.example' })).toEqual({ status: 'UnknownVendorId' });
    const reserve = { connectorId: 1, expiryDate: new Date().toISOString(), idTag: 'X', reservationId: 1 };
    await expect(csms.callStation(id, 'ReserveNow', reserve)).rejects.toMatchObject({ rpcErrorCode: 'NotSupported' });
  });
  it('lets real time drive the car at the time scale', async () => {
    const cp = await station('CP16-REALTIME', { timeScale: 600 });
    await charging(cp, 'DRIVER9');
    const meter = await csms.waitForCall('CP16-REALTIME', 'MeterValues');
    const energy = (meter.params.meterValue as MeterValue[])[0]?.sampledValue[0];
    expect(Number(energy?.value)).toBeGreaterThan(1_000_000);
  });
});
