import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawStation } from './raw-station.ts';
import { connectRpcStation, type RpcStation } from './rpc-station.ts';
import { startTestCsms, type TestCsms } from './start-test-csms.ts';
import { answerNext, neverAnswer } from './station-answers.ts';

let csms: TestCsms;
let nextStation = 1;

// A fresh, connected, booted 1.6 station per test.
async function bootedStation(): Promise<{ id: string; station: RpcStation }> {
  const id = `CP16-${nextStation++}`;
  await csms.addStation(id, `pw-${id}`);
  const station = await connectRpcStation(csms.ocppUrl, id, `pw-${id}`, 'ocpp1.6');
  const configured = answerNext(station, 'ChangeConfiguration', { status: 'Accepted' });
  await station.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'AC-22' });
  await configured;
  return { id, station };
}

const T0 = '2025-03-01T10:00:00.000Z';
const T1 = '2025-03-01T10:15:00.000Z';
const T2 = '2025-03-01T10:30:00.000Z';

beforeAll(async () => {
  csms = await startTestCsms({ heartbeatIntervalSeconds: 120, meterIntervalSeconds: 30 });
  csms.events.knownTags.add('LP-known');
});

afterAll(async () => {
  await csms.stop();
});

describe('OCPP 1.6J: boot and heartbeat', () => {
  it('accepts the boot with the heartbeat interval, then sets the meter interval', async () => {
    await csms.addStation('CP16-BOOT', 'pw');
    const station = await connectRpcStation(csms.ocppUrl, 'CP16-BOOT', 'pw', 'ocpp1.6');
    const configured = answerNext(station, 'ChangeConfiguration', { status: 'Accepted' });
    const boot = (await station.call('BootNotification', {
      chargePointVendor: 'Acme',
      chargePointModel: 'AC-22',
      firmwareVersion: '1.4.2',
    })) as { status: string; interval: number; currentTime: string };
    expect(boot.status).toBe('Accepted');
    expect(boot.interval).toBe(120);
    expect(Number.isNaN(Date.parse(boot.currentTime))).toBe(false);
    expect(await configured).toEqual({ key: 'MeterValueSampleInterval', value: '30' });
    expect(csms.events.of('stationBooted', 'CP16-BOOT')).toEqual([
      { stationId: 'CP16-BOOT', vendor: 'Acme', model: 'AC-22', firmware: '1.4.2', at: expect.any(Date) },
    ]);

    const heartbeat = (await station.call('Heartbeat', {})) as { currentTime: string };
    expect(Number.isNaN(Date.parse(heartbeat.currentTime))).toBe(false);

    // Every boot, not just the first.
    const again = answerNext(station, 'ChangeConfiguration', { status: 'Accepted' });
    await station.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'AC-22' });
    expect(await again).toEqual({ key: 'MeterValueSampleInterval', value: '30' });
    await station.close();
  });
});

describe('OCPP 1.6J: status and authorization', () => {
  it('tracks connector status, connector 0 and error codes included', async () => {
    const { id, station } = await bootedStation();
    await station.call('StatusNotification', { connectorId: 0, errorCode: 'NoError', status: 'Available', timestamp: T0 });
    await station.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing', timestamp: T1 });
    await station.call('StatusNotification', {
      connectorId: 2,
      errorCode: 'GroundFailure',
      info: 'RCD tripped',
      vendorErrorCode: 'E-42',
      status: 'Faulted',
      timestamp: T2,
    });
    await station.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'SuspendedEV' });
    const statuses = csms.events.of('connectorStatus', id);
    expect(statuses.slice(0, 3)).toEqual([
      { stationId: id, connectorNo: 0, status: 'available', errorCode: 'NoError', at: new Date(T0) },
      { stationId: id, connectorNo: 1, status: 'preparing', errorCode: 'NoError', at: new Date(T1) },
      { stationId: id, connectorNo: 2, status: 'faulted', errorCode: 'GroundFailure', info: 'RCD tripped', vendorErrorCode: 'E-42', at: new Date(T2) },
    ]);
    // No stamp: the time it arrived is taken by the session layer.
    expect(statuses[3]).toMatchObject({ connectorNo: 1, status: 'suspended_ev' });
    expect(statuses[3]?.at).toBeUndefined();
    await station.close();
  });

  it('authorizes the tags the session layer knows', async () => {
    const { station } = await bootedStation();
    expect(await station.call('Authorize', { idTag: 'LP-known' })).toEqual({ idTagInfo: { status: 'Accepted' } });
    expect(await station.call('Authorize', { idTag: 'LP-stranger' })).toEqual({ idTagInfo: { status: 'Invalid' } });
    await station.close();
  });

  it('answers DataTransfer with UnknownVendorId', async () => {
    const { station } = await bootedStation();
    expect(await station.call('DataTransfer', { vendorId: 'com.example', messageId: 'hello', data: 'x' })).toEqual({
      status: 'UnknownVendorId',
    });
    await station.close();
  });
});

describe('OCPP 1.6J: a charging session', () => {
  it('remote start → start → meter values → remote stop → stop', async () => {
    const { id, station } = await bootedStation();
    const remoteStart = answerNext(station, 'RemoteStartTransaction', { status: 'Accepted' });
    expect(await csms.ocpp.commands.remoteStart(id, 1, 'LP-known', 42)).toBe('accepted');
    expect(await remoteStart).toEqual({ connectorId: 1, idTag: 'LP-known' });

    const started = (await station.call('StartTransaction', {
      connectorId: 1,
      idTag: 'LP-known',
      meterStart: 1000,
      timestamp: T0,
    })) as { idTagInfo: { status: string }; transactionId: number };
    expect(started.idTagInfo.status).toBe('Accepted');
    expect(Number.isInteger(started.transactionId)).toBe(true);
    expect(csms.events.of('transactionStarted', id)).toEqual([
      { stationId: id, connectorNo: 1, idTag: 'LP-known', meterStartWh: 1000, at: new Date(T0) },
    ]);
    const txId = String(started.transactionId);

    await station.call('MeterValues', {
      connectorId: 1,
      transactionId: started.transactionId,
      meterValue: [
        {
          timestamp: T1,
          sampledValue: [
            { value: '1.5', unit: 'kWh', measurand: 'Energy.Active.Import.Register', context: 'Sample.Periodic' },
            { value: '7.2', unit: 'kW', measurand: 'Power.Active.Import' },
            { value: '55', unit: 'Percent', measurand: 'SoC', location: 'EV' },
          ],
        },
      ],
    });
    expect(csms.events.of('meterValues', id)).toEqual([
      { stationId: id, connectorNo: 1, transactionId: txId, at: new Date(T1), energyWh: 1500, powerW: 7200, socPercent: 55 },
    ]);

    const remoteStop = answerNext(station, 'RemoteStopTransaction', { status: 'Accepted' });
    expect(await csms.ocpp.commands.remoteStop(id, txId)).toBe('accepted');
    expect(await remoteStop).toEqual({ transactionId: started.transactionId });

    expect(
      await station.call('StopTransaction', {
        transactionId: started.transactionId,
        idTag: 'LP-known',
        meterStop: 2600,
        timestamp: T2,
        reason: 'Remote',
        transactionData: [{ timestamp: T2, sampledValue: [{ value: '2600', context: 'Transaction.End' }] }],
      }),
    ).toEqual({ idTagInfo: { status: 'Accepted' } });
    expect(csms.events.of('meterValues', id)[1]).toMatchObject({ transactionId: txId, at: new Date(T2), energyWh: 2600 });
    expect(csms.events.of('transactionEnded', id)).toEqual([
      { stationId: id, transactionId: txId, idTag: 'LP-known', meterStopWh: 2600, at: new Date(T2), reason: 'remote' },
    ]);
    // The meter values of transactionData reach the session before it ends.
    const order = csms.events.recorded.filter((r) => r.e.stationId === id).map((r) => r.type);
    expect(order.lastIndexOf('meterValues')).toBeLessThan(order.indexOf('transactionEnded'));
    await station.close();
  });

  it.each([
    [undefined, 'local'],
    ['Local', 'local'],
    ['EVDisconnected', 'ev_disconnected'],
    ['PowerLoss', 'power_loss'],
  ] as const)('a stop from the station with reason %s ends it as %s', async (reason, expected) => {
    const { id, station } = await bootedStation();
    const started = (await station.call('StartTransaction', {
      connectorId: 2,
      idTag: 'LP-known',
      meterStart: 0,
      timestamp: T0,
    })) as { transactionId: number };
    await station.call('StopTransaction', {
      transactionId: started.transactionId,
      meterStop: 800,
      timestamp: T1,
      ...(reason ? { reason } : {}),
    });
    expect(csms.events.of('transactionEnded', id)).toEqual([
      { stationId: id, transactionId: String(started.transactionId), meterStopWh: 800, at: new Date(T1), reason: expected },
    ]);
    await station.close();
  });

  it('applies a stop queued while the station was offline, at the time it happened', async () => {
    const { id, station } = await bootedStation();
    const started = (await station.call('StartTransaction', {
      connectorId: 1,
      idTag: 'LP-known',
      meterStart: 5000,
      timestamp: T0,
    })) as { transactionId: number };
    await station.close();
    await csms.events.waitFor('stationDisconnected', (e) => e.stationId === id);
    expect(await csms.ocpp.commands.remoteStop(id, String(started.transactionId))).toBe('offline');

    const back = await connectRpcStation(csms.ocppUrl, id, `pw-${id}`, 'ocpp1.6');
    const longAgo = '2024-12-24T18:00:00.000Z';
    await back.call('StopTransaction', {
      transactionId: started.transactionId,
      meterStop: 9000,
      timestamp: longAgo,
      reason: 'PowerLoss',
    });
    expect(csms.events.of('transactionEnded', id)).toEqual([
      {
        stationId: id,
        transactionId: String(started.transactionId),
        meterStopWh: 9000,
        at: new Date(longAgo),
        reason: 'power_loss',
      },
    ]);
    expect(csms.ocpp.commands.isOnline(id)).toBe(true);
    await back.close();
  });

  it('takes repeated and out-of-order messages without harm', async () => {
    const { id, station } = await bootedStation();
    const start = { connectorId: 1, idTag: 'LP-known', meterStart: 100, timestamp: T0 };
    const first = (await station.call('StartTransaction', start)) as { transactionId: number };
    const again = (await station.call('StartTransaction', start)) as { transactionId: number };
    expect(again.transactionId).toBe(first.transactionId);

    const later = { timestamp: T2, sampledValue: [{ value: '900' }] };
    const earlier = { timestamp: T1, sampledValue: [{ value: '500' }] };
    await station.call('MeterValues', { connectorId: 1, transactionId: first.transactionId, meterValue: [later] });
    await station.call('MeterValues', { connectorId: 1, transactionId: first.transactionId, meterValue: [earlier] });
    expect(csms.events.of('meterValues', id).map((m) => [m.at.toISOString(), m.energyWh])).toEqual([
      [T2, 900],
      [T1, 500],
    ]);

    const stop = { transactionId: first.transactionId, meterStop: 1000, timestamp: T2 };
    await station.call('StopTransaction', stop);
    await station.call('StopTransaction', stop);
    const ended = csms.events.of('transactionEnded', id);
    expect(ended).toHaveLength(2);
    expect(ended[1]).toEqual(ended[0]);
    await station.close();
  });
});

describe('OCPP 1.6J: commands', () => {
  it('sends TriggerMessage, Reset, UnlockConnector, ChangeAvailability and ChangeConfiguration', async () => {
    const { id, station } = await bootedStation();
    const { commands } = csms.ocpp;

    let call = answerNext(station, 'TriggerMessage', { status: 'Accepted' });
    expect(await commands.triggerStatus(id, 1)).toBe('accepted');
    expect(await call).toEqual({ requestedMessage: 'StatusNotification', connectorId: 1 });

    call = answerNext(station, 'TriggerMessage', { status: 'Accepted' });
    expect(await commands.triggerStatus(id)).toBe('accepted');
    expect(await call).toEqual({ requestedMessage: 'StatusNotification' });

    call = answerNext(station, 'Reset', { status: 'Accepted' });
    expect(await commands.reset(id, 'hard')).toBe('accepted');
    expect(await call).toEqual({ type: 'Hard' });

    call = answerNext(station, 'Reset', { status: 'Rejected' });
    expect(await commands.reset(id, 'soft')).toBe('rejected');
    expect(await call).toEqual({ type: 'Soft' });

    call = answerNext(station, 'UnlockConnector', { status: 'Unlocked' });
    expect(await commands.unlock(id, 2)).toBe('accepted');
    expect(await call).toEqual({ connectorId: 2 });

    call = answerNext(station, 'UnlockConnector', { status: 'UnlockFailed' });
    expect(await commands.unlock(id, 2)).toBe('rejected');
    await call;

    call = answerNext(station, 'ChangeAvailability', { status: 'Scheduled' });
    expect(await commands.changeAvailability(id, 0, false)).toBe('accepted');
    expect(await call).toEqual({ connectorId: 0, type: 'Inoperative' });

    call = answerNext(station, 'ChangeConfiguration', { status: 'Rejected' });
    expect(await commands.setMeterInterval(id, 15)).toBe('rejected');
    expect(await call).toEqual({ key: 'MeterValueSampleInterval', value: '15' });

    call = answerNext(station, 'RemoteStartTransaction', { status: 'Rejected' });
    expect(await commands.remoteStart(id, 1, 'LP-known', 1)).toBe('rejected');
    await call;
    await station.close();
  });

  it('reports a CallError or a malformed answer from the station as error', async () => {
    const { id, station } = await bootedStation();
    // No handler on the station: it answers NotImplemented.
    station.removeHandler('ChangeConfiguration');
    expect(await csms.ocpp.commands.setMeterInterval(id, 20)).toBe('error');
    // An answer that breaks the schema.
    const call = answerNext(station, 'Reset', { status: 'Maybe' });
    expect(await csms.ocpp.commands.reset(id, 'soft')).toBe('error');
    await call;
    await station.close();
  });

  it('refuses to send a transaction id 1.6 cannot carry', async () => {
    const { id, station } = await bootedStation();
    expect(await csms.ocpp.commands.remoteStop(id, 'not-a-number')).toBe('error');
    await station.close();
  });
});

describe('OCPP 1.6J: robustness', () => {
  it('answers malformed frames and schema violations with FormationViolation', async () => {
    await csms.addStation('CP16-RAW', 'pw');
    const raw = await openRawStation(csms.ocppUrl, 'CP16-RAW', { password: 'pw', protocols: ['ocpp1.6'] });

    raw.sendRaw('this is not json');
    expect(await raw.next((f) => f[0] === 4 && f[1] === '-1')).toEqual([
      4,
      '-1',
      'FormationViolation',
      expect.any(String),
      {},
    ]);

    raw.sendRaw('[2,"truncated-1","Heartbeat",{');
    expect((await raw.next((f) => f[1] === 'truncated-1'))[2]).toBe('FormationViolation');

    raw.sendRaw('{"not":"an array"}');
    const notAnArray = await raw.next((f) => f[0] === 4 && f[1] === '-1' && raw.frames.indexOf(f) > 0);
    expect(notAnArray.slice(0, 3)).toEqual([4, '-1', 'FormationViolation']);

    for (const [payload, what] of [
      [{ connectorId: 1, status: 'Available' }, 'missing field'],
      [{ connectorId: '1', errorCode: 'NoError', status: 'Available' }, 'wrong type'],
      [{ connectorId: 1, errorCode: 'NoError', status: 'Sleeping' }, 'unknown enum value'],
      [{ connectorId: 1, errorCode: 'NoError', status: 'Available', colour: 'red' }, 'extra field'],
      [{ connectorId: 1, errorCode: 'NoError', status: 'Available', info: 'x'.repeat(51) }, 'too long'],
    ] as const) {
      const answer = await raw.call('StatusNotification', payload);
      expect([answer[0], answer[2], what]).toEqual([4, 'FormationViolation', what]);
    }

    const badDate = { connectorId: 1, idTag: 'LP', meterStart: 0, timestamp: 'yesterday' };
    expect((await raw.call('StartTransaction', badDate))[2]).toBe('FormationViolation');
    expect((await raw.call('FlyToTheMoon', {}))[2]).toBe('NotImplemented');
    // A call the CSMS sends, not takes.
    expect((await raw.call('RemoteStartTransaction', { idTag: 'x' }))[2]).toBe('NotImplemented');

    // Still fine afterwards.
    expect((await raw.call('Heartbeat', {}))[0]).toBe(3);
    await raw.close();
  });

  it('answers InternalError, and logs, when the session layer throws', async () => {
    const { id, station } = await bootedStation();
    csms.events.failNext('connectorStatus', new Error('database is down'));
    const raw = station;
    await expect(
      raw.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' }),
    ).rejects.toMatchObject({ rpcErrorCode: 'InternalError' });
    expect(
      csms.logger.lines.some((l) => l.level === 'error' && (l.obj as { stationId?: string }).stationId === id),
    ).toBe(true);
    // The next one goes through.
    await raw.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });
    expect(csms.events.of('connectorStatus', id)).toHaveLength(1);
    await station.close();
  });
});

describe('OCPP 1.6J: a call the station never answers', () => {
  let quick: TestCsms;

  beforeAll(async () => {
    // Short enough to wait out, long enough for the next command's answer on a busy machine.
    quick = await startTestCsms({ callTimeoutMs: 2_000 });
    await quick.addStation('CP16-SLOW', 'pw');
  });

  afterAll(async () => {
    await quick.stop();
  });

  it('times out', async () => {
    const station = await connectRpcStation(quick.ocppUrl, 'CP16-SLOW', 'pw', 'ocpp1.6');
    const received = neverAnswer(station, 'RemoteStartTransaction');
    expect(await quick.ocpp.commands.remoteStart('CP16-SLOW', 1, 'LP-known', 1)).toBe('timeout');
    await received;
    // The station is still there for the next command.
    const reset = answerNext(station, 'Reset', { status: 'Accepted' });
    expect(await quick.ocpp.commands.reset('CP16-SLOW', 'soft')).toBe('accepted');
    await reset;
    // Its own close would wait for the call it never answers.
    await station.close({ force: true });
  });
});
