import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawStation } from './raw-station.ts';
import { connectRpcStation, type RpcStation } from './rpc-station.ts';
import { startTestCsms, type TestCsms } from './start-test-csms.ts';
import { answerNext, neverAnswer } from './station-answers.ts';

let csms: TestCsms;
let nextStation = 1;

const SET_VARIABLES_ACCEPTED = {
  setVariableResult: [
    { attributeStatus: 'Accepted', component: { name: 'SampledDataCtrlr' }, variable: { name: 'TxUpdatedInterval' } },
  ],
};

// A fresh, connected, booted 2.0.1 station per test.
async function bootedStation(): Promise<{ id: string; station: RpcStation }> {
  const id = `CS201-${nextStation++}`;
  await csms.addStation(id, `pw-${id}`);
  const station = await connectRpcStation(csms.ocppUrl, id, `pw-${id}`, 'ocpp2.0.1');
  const configured = answerNext(station, 'SetVariables', SET_VARIABLES_ACCEPTED);
  await station.call('BootNotification', { reason: 'PowerUp', chargingStation: { vendorName: 'Acme', model: 'DC-50' } });
  await configured;
  return { id, station };
}

const T0 = '2025-03-01T10:00:00.000Z';
const T1 = '2025-03-01T10:15:00.000Z';
const T2 = '2025-03-01T10:30:00.000Z';

function energy(wh: number, context?: string, timestamp = T0) {
  return [{ timestamp, sampledValue: [{ value: wh, ...(context ? { context } : {}) }] }];
}

function txEvent(
  eventType: 'Started' | 'Updated' | 'Ended',
  seqNo: number,
  transactionId: string,
  more: Record<string, unknown> = {},
) {
  const { transactionInfo, ...rest } = more as { transactionInfo?: Record<string, unknown> };
  return {
    eventType,
    seqNo,
    timestamp: T0,
    triggerReason: eventType === 'Started' ? 'Authorized' : eventType === 'Ended' ? 'StopAuthorized' : 'MeterValuePeriodic',
    transactionInfo: { transactionId, ...transactionInfo },
    ...rest,
  };
}

const KNOWN = { idToken: 'LP-known', type: 'ISO14443' };

beforeAll(async () => {
  csms = await startTestCsms({ heartbeatIntervalSeconds: 120, meterIntervalSeconds: 30 });
  csms.events.knownTags.add('LP-known');
});

afterAll(async () => {
  await csms.stop();
});

describe('OCPP 2.0.1: boot and heartbeat', () => {
  it('accepts the boot with the heartbeat interval, then sets TxUpdatedInterval', async () => {
    await csms.addStation('CS201-BOOT', 'pw');
    const station = await connectRpcStation(csms.ocppUrl, 'CS201-BOOT', 'pw', 'ocpp2.0.1');
    const configured = answerNext(station, 'SetVariables', SET_VARIABLES_ACCEPTED);
    const boot = (await station.call('BootNotification', {
      reason: 'PowerUp',
      chargingStation: { vendorName: 'Acme', model: 'DC-50', firmwareVersion: '2.0.3' },
    })) as { status: string; interval: number; currentTime: string };
    expect(boot.status).toBe('Accepted');
    expect(boot.interval).toBe(120);
    expect(Number.isNaN(Date.parse(boot.currentTime))).toBe(false);
    expect(await configured).toEqual({
      setVariableData: [
        { component: { name: 'SampledDataCtrlr' }, variable: { name: 'TxUpdatedInterval' }, attributeValue: '30' },
      ],
    });
    expect(csms.events.of('stationBooted', 'CS201-BOOT')).toEqual([
      { stationId: 'CS201-BOOT', vendor: 'Acme', model: 'DC-50', firmware: '2.0.3', at: expect.any(Date) },
    ]);
    const heartbeat = (await station.call('Heartbeat', {})) as { currentTime: string };
    expect(Number.isNaN(Date.parse(heartbeat.currentTime))).toBe(false);
    await station.close();
  });
});

describe('OCPP 2.0.1: status, authorization and reports', () => {
  it('tracks connector status by EVSE', async () => {
    const { id, station } = await bootedStation();
    await station.call('StatusNotification', { timestamp: T0, connectorStatus: 'Available', evseId: 1, connectorId: 1 });
    await station.call('StatusNotification', { timestamp: T1, connectorStatus: 'Occupied', evseId: 1, connectorId: 1 });
    await station.call('StatusNotification', { timestamp: T2, connectorStatus: 'Faulted', evseId: 2, connectorId: 1 });
    expect(csms.events.of('connectorStatus', id)).toEqual([
      { stationId: id, connectorNo: 1, status: 'available', at: new Date(T0) },
      { stationId: id, connectorNo: 1, status: 'occupied', at: new Date(T1) },
      { stationId: id, connectorNo: 2, status: 'faulted', at: new Date(T2) },
    ]);
    await station.close();
  });

  it('authorizes the tags the session layer knows', async () => {
    const { station } = await bootedStation();
    expect(await station.call('Authorize', { idToken: KNOWN })).toEqual({ idTokenInfo: { status: 'Accepted' } });
    expect(await station.call('Authorize', { idToken: { idToken: 'LP-stranger', type: 'ISO14443' } })).toEqual({
      idTokenInfo: { status: 'Invalid' },
    });
    await station.close();
  });

  it('accepts NotifyReport, answers DataTransfer with UnknownVendorId', async () => {
    const { station } = await bootedStation();
    expect(await station.call('NotifyReport', { requestId: 1, generatedAt: T0, seqNo: 0, tbc: false })).toEqual({});
    expect(await station.call('DataTransfer', { vendorId: 'com.example', data: { any: 'thing' } })).toEqual({
      status: 'UnknownVendorId',
    });
    await station.close();
  });

  it('passes MeterValues outside a transaction on by EVSE', async () => {
    const { id, station } = await bootedStation();
    await station.call('MeterValues', { evseId: 1, meterValue: energy(4321, 'Sample.Clock', T1) });
    expect(csms.events.of('meterValues', id)).toEqual([
      { stationId: id, connectorNo: 1, at: new Date(T1), energyWh: 4321 },
    ]);
    await station.close();
  });
});

describe('OCPP 2.0.1: a charging session', () => {
  it('remote start → Started → Updated with meter values → remote stop → Ended', async () => {
    const { id, station } = await bootedStation();
    const request = answerNext(station, 'RequestStartTransaction', { status: 'Accepted' });
    expect(await csms.ocpp.commands.remoteStart(id, 1, 'LP-r1', 77)).toBe('accepted');
    expect(await request).toEqual({ evseId: 1, remoteStartId: 77, idToken: { idToken: 'LP-r1', type: 'Central' } });

    const started = await station.call(
      'TransactionEvent',
      txEvent('Started', 0, 'tx-1', {
        triggerReason: 'RemoteStart',
        transactionInfo: { remoteStartId: 77, chargingState: 'Charging' },
        idToken: { idToken: 'LP-r1', type: 'Central' },
        evse: { id: 1, connectorId: 1 },
        meterValue: energy(1000, 'Transaction.Begin'),
      }),
    );
    expect(started).toEqual({ idTokenInfo: { status: 'Accepted' } });
    expect(csms.events.of('transactionStarted', id)).toEqual([
      {
        stationId: id,
        connectorNo: 1,
        idTag: 'LP-r1',
        meterStartWh: 1000,
        at: new Date(T0),
        stationTransactionId: 'tx-1',
        remoteStartId: 77,
      },
    ]);

    expect(
      await station.call(
        'TransactionEvent',
        txEvent('Updated', 1, 'tx-1', {
          timestamp: T1,
          meterValue: [
            {
              timestamp: T1,
              sampledValue: [
                { value: 2.5, unitOfMeasure: { unit: 'kWh' } },
                { value: 11, measurand: 'Power.Active.Import', unitOfMeasure: { unit: 'kW' } },
                { value: 48, measurand: 'SoC', unitOfMeasure: { unit: 'Percent' }, location: 'EV' },
              ],
            },
          ],
        }),
      ),
    ).toEqual({});
    expect(csms.events.of('meterValues', id).at(-1)).toEqual({
      stationId: id,
      connectorNo: 1,
      transactionId: 'tx-1',
      at: new Date(T1),
      energyWh: 2500,
      powerW: 11000,
      socPercent: 48,
    });

    const stop = answerNext(station, 'RequestStopTransaction', { status: 'Accepted' });
    expect(await csms.ocpp.commands.remoteStop(id, 'tx-1')).toBe('accepted');
    expect(await stop).toEqual({ transactionId: 'tx-1' });

    await station.call(
      'TransactionEvent',
      txEvent('Ended', 2, 'tx-1', {
        timestamp: T2,
        triggerReason: 'RemoteStop',
        transactionInfo: { stoppedReason: 'Remote' },
        meterValue: energy(3600, 'Transaction.End', T2),
      }),
    );
    expect(csms.events.of('transactionEnded', id)).toEqual([
      { stationId: id, transactionId: 'tx-1', idTag: 'LP-r1', meterStopWh: 3600, at: new Date(T2), reason: 'remote' },
    ]);
    expect(csms.events.of('transactionStarted', id)).toHaveLength(1);
    await station.close();
  });

  it.each([
    [undefined, 'local'],
    ['EVDisconnected', 'ev_disconnected'],
    ['ImmediateReset', 'reboot'],
  ] as const)('a stop from the station with reason %s ends it as %s', async (stoppedReason, reason) => {
    const { id, station } = await bootedStation();
    await station.call(
      'TransactionEvent',
      txEvent('Started', 0, 'tx-s', { idToken: KNOWN, evse: { id: 2 }, meterValue: energy(10, 'Transaction.Begin') }),
    );
    await station.call(
      'TransactionEvent',
      txEvent('Ended', 1, 'tx-s', {
        timestamp: T1,
        transactionInfo: stoppedReason ? { stoppedReason } : {},
        meterValue: energy(700, undefined, T1),
      }),
    );
    expect(csms.events.of('transactionEnded', id)).toEqual([
      { stationId: id, transactionId: 'tx-s', idTag: 'LP-known', meterStopWh: 700, at: new Date(T1), reason },
    ]);
    await station.close();
  });

  it('starts a transaction begun at plug-in when it is authorized, with the register of the plug-in', async () => {
    const { id, station } = await bootedStation();
    expect(
      await station.call(
        'TransactionEvent',
        txEvent('Started', 0, 'tx-p', {
          triggerReason: 'CablePluggedIn',
          evse: { id: 1, connectorId: 1 },
          meterValue: energy(5000, 'Transaction.Begin'),
        }),
      ),
    ).toEqual({});
    expect(csms.events.of('transactionStarted', id)).toEqual([]);

    expect(
      await station.call(
        'TransactionEvent',
        txEvent('Updated', 1, 'tx-p', {
          timestamp: T1,
          triggerReason: 'RemoteStart',
          idToken: { idToken: 'LP-p', type: 'Central' },
          transactionInfo: { remoteStartId: 5 },
        }),
      ),
    ).toEqual({ idTokenInfo: { status: 'Accepted' } });
    expect(csms.events.of('transactionStarted', id)).toEqual([
      {
        stationId: id,
        connectorNo: 1,
        idTag: 'LP-p',
        meterStartWh: 5000,
        at: new Date(T1),
        stationTransactionId: 'tx-p',
        remoteStartId: 5,
      },
    ]);
    await station.close();
  });

  it('applies an Ended queued while the station was offline, at the time it happened', async () => {
    const { id, station } = await bootedStation();
    await station.call(
      'TransactionEvent',
      txEvent('Started', 0, 'tx-o', { idToken: KNOWN, evse: { id: 1 }, meterValue: energy(100, 'Transaction.Begin') }),
    );
    await station.close();
    await csms.events.waitFor('stationDisconnected', (e) => e.stationId === id);
    expect(await csms.ocpp.commands.remoteStop(id, 'tx-o')).toBe('offline');

    const back = await connectRpcStation(csms.ocppUrl, id, `pw-${id}`, 'ocpp2.0.1');
    const longAgo = '2024-12-24T18:00:00.000Z';
    await back.call(
      'TransactionEvent',
      txEvent('Ended', 1, 'tx-o', {
        timestamp: longAgo,
        offline: true,
        transactionInfo: { stoppedReason: 'PowerLoss' },
        meterValue: energy(900, 'Transaction.End', longAgo),
      }),
    );
    expect(csms.events.of('transactionEnded', id)).toEqual([
      {
        stationId: id,
        transactionId: 'tx-o',
        idTag: 'LP-known',
        meterStopWh: 900,
        at: new Date(longAgo),
        reason: 'power_loss',
      },
    ]);
    await back.close();
  });

  it('takes a repeated event once', async () => {
    const { id, station } = await bootedStation();
    const started = txEvent('Started', 0, 'tx-d', {
      idToken: KNOWN,
      evse: { id: 1 },
      meterValue: energy(0, 'Transaction.Begin'),
    });
    expect(await station.call('TransactionEvent', started)).toEqual({ idTokenInfo: { status: 'Accepted' } });
    expect(await station.call('TransactionEvent', started)).toEqual({ idTokenInfo: { status: 'Accepted' } });
    const updated = txEvent('Updated', 1, 'tx-d', { meterValue: energy(300, undefined, T1) });
    await station.call('TransactionEvent', updated);
    await station.call('TransactionEvent', updated);
    const ended = txEvent('Ended', 2, 'tx-d', { timestamp: T2, meterValue: energy(600, 'Transaction.End', T2) });
    await station.call('TransactionEvent', ended);
    await station.call('TransactionEvent', ended);
    expect(csms.events.of('transactionStarted', id)).toHaveLength(1);
    expect(csms.events.of('meterValues', id).map((m) => m.energyWh)).toEqual([0, 300, 600]);
    expect(csms.events.of('transactionEnded', id)).toHaveLength(1);
    await station.close();
  });

  it('starts a transaction whose Updated arrives before its Started, once', async () => {
    const { id, station } = await bootedStation();
    await station.call(
      'TransactionEvent',
      txEvent('Updated', 1, 'tx-u', {
        timestamp: T1,
        idToken: KNOWN,
        evse: { id: 2 },
        meterValue: energy(250, undefined, T1),
      }),
    );
    expect(csms.events.of('transactionStarted', id)).toMatchObject([{ stationTransactionId: 'tx-u', connectorNo: 2 }]);
    await station.call('TransactionEvent', txEvent('Started', 0, 'tx-u', { meterValue: energy(200, 'Transaction.Begin') }));
    expect(csms.events.of('transactionStarted', id)).toHaveLength(1);
    await station.close();
  });

  it('ends a transaction whose Ended arrives before its Started', async () => {
    const { id, station } = await bootedStation();
    await station.call(
      'TransactionEvent',
      txEvent('Ended', 2, 'tx-e', {
        timestamp: T2,
        transactionInfo: { stoppedReason: 'Local' },
        meterValue: energy(800, 'Transaction.End', T2),
      }),
    );
    expect(csms.events.of('transactionEnded', id)).toEqual([]);
    await station.call(
      'TransactionEvent',
      txEvent('Started', 0, 'tx-e', { idToken: KNOWN, evse: { id: 1 }, meterValue: energy(100, 'Transaction.Begin') }),
    );
    expect(csms.events.of('transactionStarted', id)).toMatchObject([{ meterStartWh: 100, at: new Date(T0) }]);
    expect(csms.events.of('transactionEnded', id)).toEqual([
      { stationId: id, transactionId: 'tx-e', idTag: 'LP-known', meterStopWh: 800, at: new Date(T2), reason: 'local' },
    ]);
    // A late Updated of an ended transaction changes nothing.
    await station.call('TransactionEvent', txEvent('Updated', 1, 'tx-e', { meterValue: energy(400, undefined, T1) }));
    expect(csms.events.of('transactionEnded', id)).toHaveLength(1);
    expect(csms.events.of('meterValues', id).map((m) => m.energyWh)).not.toContain(400);
    await station.close();
  });
});

describe('OCPP 2.0.1: commands', () => {
  it('sends TriggerMessage, Reset, UnlockConnector, ChangeAvailability and SetVariables', async () => {
    const { id, station } = await bootedStation();
    const { commands } = csms.ocpp;

    let call = answerNext(station, 'TriggerMessage', { status: 'Accepted' });
    expect(await commands.triggerStatus(id, 1)).toBe('accepted');
    expect(await call).toEqual({ requestedMessage: 'StatusNotification', evse: { id: 1, connectorId: 1 } });

    call = answerNext(station, 'Reset', { status: 'Scheduled' });
    expect(await commands.reset(id, 'soft')).toBe('accepted');
    expect(await call).toEqual({ type: 'OnIdle' });

    call = answerNext(station, 'Reset', { status: 'Accepted' });
    expect(await commands.reset(id, 'hard')).toBe('accepted');
    expect(await call).toEqual({ type: 'Immediate' });

    call = answerNext(station, 'UnlockConnector', { status: 'Unlocked' });
    expect(await commands.unlock(id, 2)).toBe('accepted');
    expect(await call).toEqual({ evseId: 2, connectorId: 1 });

    call = answerNext(station, 'UnlockConnector', { status: 'OngoingAuthorizedTransaction' });
    expect(await commands.unlock(id, 2)).toBe('rejected');
    await call;

    call = answerNext(station, 'ChangeAvailability', { status: 'Accepted' });
    expect(await commands.changeAvailability(id, 0, false)).toBe('accepted');
    expect(await call).toEqual({ operationalStatus: 'Inoperative' });

    call = answerNext(station, 'ChangeAvailability', { status: 'Rejected' });
    expect(await commands.changeAvailability(id, 2, true)).toBe('rejected');
    expect(await call).toEqual({ operationalStatus: 'Operative', evse: { id: 2 } });

    call = answerNext(station, 'SetVariables', {
      setVariableResult: [
        {
          attributeStatus: 'UnknownVariable',
          component: { name: 'SampledDataCtrlr' },
          variable: { name: 'TxUpdatedInterval' },
        },
      ],
    });
    expect(await commands.setMeterInterval(id, 15)).toBe('rejected');
    expect(await call).toMatchObject({ setVariableData: [{ attributeValue: '15' }] });

    call = answerNext(station, 'RequestStopTransaction', { status: 'Rejected' });
    expect(await commands.remoteStop(id, 'tx-unknown')).toBe('rejected');
    await call;
    await station.close();
  });
});

describe('OCPP 2.0.1: robustness', () => {
  it('answers malformed frames and schema violations with the right CallError', async () => {
    await csms.addStation('CS201-RAW', 'pw');
    const raw = await openRawStation(csms.ocppUrl, 'CS201-RAW', { password: 'pw', protocols: ['ocpp2.0.1'] });

    raw.sendRaw('this is not json');
    expect(await raw.next((f) => f[0] === 4 && f[1] === '-1')).toEqual([4, '-1', 'FormatViolation', expect.any(String), {}]);

    raw.sendRaw('[2,"truncated-1","Heartbeat",{');
    expect((await raw.next((f) => f[1] === 'truncated-1'))[2]).toBe('FormatViolation');

    // JSON, but not an RPC frame: OCPP-J 2.0.1 §4.3 RpcFrameworkError.
    raw.sendRaw('[2, 17, "Heartbeat", {}]');
    expect((await raw.next((f) => f[0] === 4 && f[2] !== 'FormatViolation')).slice(0, 3)).toEqual([
      4,
      '-1',
      'RpcFrameworkError',
    ]);

    for (const [payload, what] of [
      [{ timestamp: T0, connectorStatus: 'Available', connectorId: 1 }, 'missing field'],
      [{ timestamp: T0, connectorStatus: 'Available', evseId: '1', connectorId: 1 }, 'wrong type'],
      [{ timestamp: T0, connectorStatus: 'Charging', evseId: 1, connectorId: 1 }, 'unknown enum value'],
      [{ timestamp: T0, connectorStatus: 'Available', evseId: 1, connectorId: 1, colour: 'red' }, 'extra field'],
      [{ timestamp: 'now', connectorStatus: 'Available', evseId: 1, connectorId: 1 }, 'bad date-time'],
    ] as const) {
      const answer = await raw.call('StatusNotification', payload);
      expect([answer[0], answer[2], what]).toEqual([4, 'FormatViolation', what]);
    }
    expect((await raw.call('FlyToTheMoon', {}))[2]).toBe('NotImplemented');
    expect((await raw.call('Heartbeat', {}))[0]).toBe(3);
    await raw.close();
  });

  it('answers InternalError, and logs, when the session layer throws', async () => {
    const { id, station } = await bootedStation();
    csms.events.failNext('transactionStarted', new Error('database is down'));
    const started = txEvent('Started', 0, 'tx-f', {
      idToken: KNOWN,
      evse: { id: 1 },
      meterValue: energy(0, 'Transaction.Begin'),
    });
    await expect(station.call('TransactionEvent', started)).rejects.toMatchObject({ rpcErrorCode: 'InternalError' });
    expect(
      csms.logger.lines.some((l) => l.level === 'error' && (l.obj as { stationId?: string }).stationId === id),
    ).toBe(true);
    // The station retries the same event: this time it goes through, once.
    expect(await station.call('TransactionEvent', started)).toEqual({ idTokenInfo: { status: 'Accepted' } });
    expect(csms.events.of('transactionStarted', id)).toHaveLength(1);
    await station.close();
  });
});

describe('OCPP 2.0.1: a call the station never answers', () => {
  let quick: TestCsms;

  beforeAll(async () => {
    // Short enough to wait out, long enough for the next command's answer on a busy machine.
    quick = await startTestCsms({ callTimeoutMs: 2_000 });
    await quick.addStation('CS201-SLOW', 'pw');
  });

  afterAll(async () => {
    await quick.stop();
  });

  it('times out', async () => {
    const station = await connectRpcStation(quick.ocppUrl, 'CS201-SLOW', 'pw', 'ocpp2.0.1');
    const received = neverAnswer(station, 'RequestStartTransaction');
    expect(await quick.ocpp.commands.remoteStart('CS201-SLOW', 1, 'LP-known', 1)).toBe('timeout');
    await received;
    const reset = answerNext(station, 'Reset', { status: 'Accepted' });
    expect(await quick.ocpp.commands.reset('CS201-SLOW', 'soft')).toBe('accepted');
    await reset;
    await station.close({ force: true });
  });
});
