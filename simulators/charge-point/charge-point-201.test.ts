import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChargePoint } from './start-charge-point.ts';
import { startTestCsms } from './test-csms.ts';
import type { ChargePoint } from './charge-point.ts';
import type { ChargePointOptions } from './charge-point-options.ts';
import type { ReceivedCall, TestCsms } from './test-csms.ts';

interface SampledValue {
  value: number;
  measurand: string;
  context: string;
  unitOfMeasure: { unit: string };
}
interface TxEvent {
  eventType: string;
  timestamp: string;
  triggerReason: string;
  seqNo: number;
  offline?: boolean;
  transactionInfo: { transactionId: string; chargingState?: string; stoppedReason?: string; remoteStartId?: number };
  idToken?: { idToken: string; type: string };
  meterValue?: Array<{ timestamp: string; sampledValue: SampledValue[] }>;
}

const CAR = { batteryWh: 50_000, socPercent: 50, maxPowerW: 11_000 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('OCPP 2.0.1 station against a strict CSMS', () => {
  let csms: TestCsms;
  const started: ChargePoint[] = [];

  beforeAll(async () => {
    csms = await startTestCsms();
  });

  afterAll(async () => {
    await Promise.all(started.map((cp) => cp.stop()));
    await csms.close();
  });

  async function station(stationId: string, extra: Partial<ChargePointOptions> = {}): Promise<ChargePoint> {
    const cp = await startChargePoint({ csmsUrl: csms.url, stationId, protocol: 'ocpp2.0.1', timeScale: 0, ...extra });
    started.push(cp);
    return cp;
  }

  function events(stationId: string): TxEvent[] {
    return csms.calls(stationId, 'TransactionEvent').map((c: ReceivedCall) => c.params as unknown as TxEvent);
  }

  async function charging(cp: ChargePoint, remoteStartId: number): Promise<string> {
    await cp.plugIn(1, CAR);
    const request = { evseId: 1, remoteStartId, idToken: { idToken: 'DRIVER', type: 'Central' } };
    expect(await csms.callStation(cp.stationId, 'RequestStartTransaction', request)).toEqual({ status: 'Accepted' });
    await csms.waitForCall(cp.stationId, 'TransactionEvent', (p) => p.eventType === 'Started');
    await cp.drained();
    const txId = cp.connector(1).transactionId;
    if (!txId) throw new Error('no transaction id');
    return txId;
  }

  it('boots with a reason, reports each EVSE, and heartbeats when triggered', async () => {
    const cp = await station('CP201-BOOT', { connectors: 2 });
    const boot = await csms.waitForCall('CP201-BOOT', 'BootNotification');
    expect(boot.params).toMatchObject({ reason: 'PowerUp', chargingStation: { vendorName: 'Ladepay', model: 'SimCharger' } });
    for (const evseId of [1, 2]) {
      const status = await csms.waitForCall('CP201-BOOT', 'StatusNotification', (p) => p.evseId === evseId);
      expect(status.params).toMatchObject({ connectorStatus: 'Available', connectorId: 1 });
    }
    expect(await csms.callStation('CP201-BOOT', 'TriggerMessage', { requestedMessage: 'Heartbeat' })).toEqual({ status: 'Accepted' });
    await csms.waitForCall('CP201-BOOT', 'Heartbeat');
    await cp.plugIn(2);
    await csms.waitForCall('CP201-BOOT', 'StatusNotification', (p) => p.evseId === 2 && p.connectorStatus === 'Occupied');
  });

  it('runs RequestStart → Started → periodic Updated → RequestStop → Ended', async () => {
    const cp = await station('CP201-TX');
    const txId = await charging(cp, 7);
    expect(txId).toMatch(UUID);
    await cp.tick(20_000);
    expect(await csms.callStation('CP201-TX', 'RequestStopTransaction', { transactionId: txId })).toEqual({ status: 'Accepted' });
    await csms.waitForCall('CP201-TX', 'TransactionEvent', (p) => p.eventType === 'Ended');

    const [started, first, second, ended] = events('CP201-TX');
    expect(events('CP201-TX')).toHaveLength(4);
    expect(started).toMatchObject({
      eventType: 'Started',
      triggerReason: 'RemoteStart',
      seqNo: 0,
      transactionInfo: { transactionId: txId, chargingState: 'Charging', remoteStartId: 7 },
      idToken: { idToken: 'DRIVER', type: 'Central' },
    });
    expect(started?.meterValue?.[0]?.sampledValue[0]).toMatchObject({ value: 1_000_000, context: 'Transaction.Begin', unitOfMeasure: { unit: 'Wh' } });
    expect([first?.triggerReason, second?.triggerReason]).toEqual(['MeterValuePeriodic', 'MeterValuePeriodic']);
    expect(second?.meterValue?.[0]?.sampledValue.map((v) => [v.measurand, v.value])).toEqual([
      ['Energy.Active.Import.Register', 1_000_061], // 11 kW for 20 s
      ['Power.Active.Import', 11_000],
      ['SoC', 50],
    ]);
    expect(ended).toMatchObject({
      eventType: 'Ended',
      triggerReason: 'RemoteStop',
      seqNo: 3,
      transactionInfo: { transactionId: txId, stoppedReason: 'Remote' },
    });
    expect(ended?.meterValue?.[0]?.sampledValue[0]).toMatchObject({ value: 1_000_061, context: 'Transaction.End' });
    expect(events('CP201-TX').every((e) => e.offline === undefined)).toBe(true);
    expect(await csms.callStation('CP201-TX', 'RequestStopTransaction', { transactionId: txId })).toEqual({ status: 'Rejected' });
  });

  it('marks events made offline and replays them in order with their original timestamps', async () => {
    const cp = await station('CP201-OFFLINE');
    const txId = await charging(cp, 8);
    await cp.goOffline();
    const wentOffline = cp.now().getTime();
    await cp.tick(20_000);
    await cp.unplug(1);
    const unpluggedAt = cp.now().toISOString();
    await cp.tick(3_600_000);
    expect(events('CP201-OFFLINE')).toHaveLength(1);

    await cp.goOnline();
    const replayed = events('CP201-OFFLINE').slice(1);
    expect(replayed.map((e) => [e.eventType, e.seqNo, e.offline])).toEqual([
      ['Updated', 1, true],
      ['Updated', 2, true],
      ['Ended', 3, true],
    ]);
    expect(replayed.map((e) => Date.parse(e.timestamp))).toEqual([wentOffline + 10_000, wentOffline + 20_000, Date.parse(unpluggedAt)]);
    expect(replayed[2]).toMatchObject({
      triggerReason: 'EVDeparted',
      transactionInfo: { transactionId: txId, stoppedReason: 'EVDisconnected', chargingState: 'Idle' },
    });
    await csms.waitForCall('CP201-OFFLINE', 'StatusNotification', (p) => p.connectorStatus === 'Available' && csms.calls('CP201-OFFLINE', 'StatusNotification').length > 2);
  });

  it('rejects a RequestStartTransaction with no car plugged in', async () => {
    await station('CP201-REJECT');
    const request = { evseId: 1, remoteStartId: 9, idToken: { idToken: 'DRIVER', type: 'Central' } };
    expect(await csms.callStation('CP201-REJECT', 'RequestStartTransaction', request)).toEqual({ status: 'Rejected' });
    expect(events('CP201-REJECT')).toHaveLength(0);
  });

  it('with autoPlugIn, a remote start on an empty connector plugs in the default car first', async () => {
    const cp = await station('CP201-AUTO', { autoPlugIn: true });
    const request = { evseId: 1, remoteStartId: 11, idToken: { idToken: 'DRIVER', type: 'Central' } };
    expect(await csms.callStation('CP201-AUTO', 'RequestStartTransaction', request)).toEqual({ status: 'Accepted' });
    await csms.waitForCall('CP201-AUTO', 'TransactionEvent', (p) => p.eventType === 'Started');
    expect(cp.connector(1)).toMatchObject({ pluggedIn: true, soc: 20, powerW: 11_000 });
  });

  it('sets and gets variables; the sample interval it is given is honoured', async () => {
    const cp = await station('CP201-VARS');
    const set = await csms.callStation('CP201-VARS', 'SetVariables', {
      setVariableData: [
        { component: { name: 'SampledDataCtrlr' }, variable: { name: 'TxUpdatedInterval' }, attributeValue: '30' },
        { component: { name: 'OCPPCommCtrlr' }, variable: { name: 'HeartbeatInterval' }, attributeValue: 'often' },
        { component: { name: 'Nowhere' }, variable: { name: 'Nothing' }, attributeValue: '1' },
      ],
    });
    expect((set as { setVariableResult: Array<{ attributeStatus: string }> }).setVariableResult.map((r) => r.attributeStatus)).toEqual([
      'Accepted',
      'Rejected',
      'UnknownComponent',
    ]);
    const got = await csms.callStation('CP201-VARS', 'GetVariables', {
      getVariableData: [{ component: { name: 'SampledDataCtrlr' }, variable: { name: 'TxUpdatedInterval' } }],
    });
    expect(got).toMatchObject({ getVariableResult: [{ attributeStatus: 'Accepted', attributeValue: '30' }] });
    await charging(cp, 12);
    await cp.tick(60_000);
    expect(events('CP201-VARS').filter((e) => e.triggerReason === 'MeterValuePeriodic')).toHaveLength(2);
  });

  it('tells the CSMS when the car is full, and keeps the transaction', async () => {
    const cp = await station('CP201-FULL', { meterIntervalSeconds: 3_600 });
    await cp.plugIn(1, { batteryWh: 10_000, socPercent: 95, maxPowerW: 11_000 });
    const request = { evseId: 1, remoteStartId: 13, idToken: { idToken: 'DRIVER', type: 'Central' } };
    expect(await csms.callStation('CP201-FULL', 'RequestStartTransaction', request)).toEqual({ status: 'Accepted' });
    await csms.waitForCall('CP201-FULL', 'TransactionEvent', (p) => p.eventType === 'Started');
    await cp.tick(1_800_000);
    const full = events('CP201-FULL').find((e) => e.triggerReason === 'ChargingStateChanged');
    expect(full?.transactionInfo.chargingState).toBe('SuspendedEV');
    expect(cp.connector(1)).toMatchObject({ soc: 100, powerW: 0, energyWh: 1_000_500 });
    expect(cp.connector(1).transactionId).toBeDefined();
  });
  it('retries a Pending boot after the interval the CSMS gave', async () => {
    csms.bootStatus = 'Pending';
    csms.bootInterval = 1;
    const starting = station('CP201-PENDING');
    await csms.waitForCall('CP201-PENDING', 'BootNotification');
    csms.bootStatus = 'Accepted';
    csms.bootInterval = 300;
    const cp = await starting;
    expect(cp.isOnline()).toBe(true);
    expect(csms.calls('CP201-PENDING', 'BootNotification')).toHaveLength(2);
    expect(csms.calls('CP201-PENDING', 'StatusNotification')).toHaveLength(1);
  });

  it('reports its variables after GetBaseReport', async () => {
    await station('CP201-REPORT');
    expect(await csms.callStation('CP201-REPORT', 'GetBaseReport', { requestId: 5, reportBase: 'FullInventory' })).toEqual({ status: 'Accepted' });
    const report = await csms.waitForCall('CP201-REPORT', 'NotifyReport');
    expect(report.params).toMatchObject({ requestId: 5, seqNo: 0, tbc: false });
    const names = (report.params.reportData as Array<{ component: { name: string }; variable: { name: string } }>).map(
      (d) => `${d.component.name}.${d.variable.name}`,
    );
    expect(names).toContain('SampledDataCtrlr.TxUpdatedInterval');
    expect(names).toContain('OCPPCommCtrlr.HeartbeatInterval');
  });

  it('schedules an OnIdle reset while charging, and resets when the transaction ends', async () => {
    const cp = await station('CP201-RESET');
    const txId = await charging(cp, 14);
    expect(await csms.callStation('CP201-RESET', 'Reset', { type: 'OnIdle' })).toEqual({ status: 'Scheduled' });
    expect(await csms.callStation('CP201-RESET', 'UnlockConnector', { evseId: 1, connectorId: 1 })).toEqual({
      status: 'OngoingAuthorizedTransaction',
    });
    await cp.pressStop(1);
    const ended = await csms.waitForCall('CP201-RESET', 'TransactionEvent', (p) => p.eventType === 'Ended');
    expect(ended.params).toMatchObject({ triggerReason: 'StopAuthorized', transactionInfo: { transactionId: txId, stoppedReason: 'Local' } });
    const reboot = await csms.waitForCall('CP201-RESET', 'BootNotification', (p) => p.reason === 'RemoteReset');
    expect(reboot.params.chargingStation).toMatchObject({ vendorName: 'Ladepay' });
  });

  it('can report energy in kWh', async () => {
    const cp = await station('CP201-KWH', { energyUnit: 'kWh' });
    await charging(cp, 15);
    const [started] = events('CP201-KWH');
    expect(started?.meterValue?.[0]?.sampledValue[0]).toMatchObject({ value: 1_000, unitOfMeasure: { unit: 'kWh' } });
  });
  it('without a car required, starts Idle and reports the plug-in as CablePluggedIn', async () => {
    const cp = await station('CP201-LATE', { requirePluggedInForRemoteStart: false });
    const request = { remoteStartId: 16, idToken: { idToken: 'DRIVER', type: 'Central' } };
    expect(await csms.callStation('CP201-LATE', 'RequestStartTransaction', request)).toEqual({ status: 'Accepted' });
    await csms.waitForCall('CP201-LATE', 'TransactionEvent', (p) => p.eventType === 'Started');
    expect(cp.connector(1)).toMatchObject({ status: 'Available', powerW: 0 });
    await cp.plugIn(1, CAR);
    const [started, plugged] = events('CP201-LATE');
    expect(started?.transactionInfo.chargingState).toBe('Idle');
    expect(plugged).toMatchObject({ eventType: 'Updated', triggerReason: 'CablePluggedIn', seqNo: 1, transactionInfo: { chargingState: 'Charging' } });
    expect(cp.connector(1)).toMatchObject({ status: 'Occupied', powerW: 11_000 });
  });
});
