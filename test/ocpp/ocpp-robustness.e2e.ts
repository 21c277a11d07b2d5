import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawStation } from './raw-station.ts';
import { connectRpcStation } from './rpc-station.ts';
import { startTestCsms, type TestCsms } from './start-test-csms.ts';

let csms: TestCsms;

beforeAll(async () => {
  csms = await startTestCsms();
  for (const id of ['GOOD', 'GARBAGE', 'FLOOD', 'GONE', 'HANGUP', 'RESET', 'EARLY']) await csms.addStation(id, `pw-${id}`);
});

afterAll(async () => {
  await csms.stop();
});

const STATUS = { connectorId: 1, errorCode: 'NoError', status: 'Available' };

describe('OCPP endpoint: one bad station cannot hurt the others', () => {
  it('disconnects a station that keeps sending garbage', async () => {
    const good = await connectRpcStation(csms.ocppUrl, 'GOOD', 'pw-GOOD', 'ocpp1.6');
    const bad = await openRawStation(csms.ocppUrl, 'GARBAGE', { password: 'pw-GARBAGE', protocols: ['ocpp1.6'] });
    for (let i = 0; i < 50; i++) bad.sendRaw(`garbage ${i} \u0000\u00ff`);
    expect((await bad.closed).code).toBe(1002);
    await csms.events.waitFor('stationDisconnected', (e) => e.stationId === 'GARBAGE');

    expect(await good.call('Heartbeat', {})).toHaveProperty('currentTime');
    expect(csms.ocpp.commands.isOnline('GOOD')).toBe(true);
    await good.close();
  });

  it('disconnects a station that floods calls without waiting for answers', async () => {
    const good = await connectRpcStation(csms.ocppUrl, 'GOOD', 'pw-GOOD', 'ocpp1.6');
    const flood = await openRawStation(csms.ocppUrl, 'FLOOD', { password: 'pw-FLOOD', protocols: ['ocpp1.6'] });
    // The first call sticks in the session layer, so the rest pile up behind it.
    const release = csms.events.hold('connectorStatus', 'FLOOD');
    for (let i = 0; i < 300; i++) flood.send([2, randomUUID(), 'StatusNotification', STATUS]);
    expect((await flood.closed).code).toBe(1008);
    expect(csms.logger.lines.some((l) => l.level === 'warn' && l.msg?.includes('floods'))).toBe(true);

    await good.call('StatusNotification', STATUS);
    expect(csms.events.of('connectorStatus', 'GOOD').length).toBeGreaterThan(0);
    release();
    await good.close();
  });

  it('answers timeout, at once, when a station disappears in the middle of a call', async () => {
    const good = await connectRpcStation(csms.ocppUrl, 'GOOD', 'pw-GOOD', 'ocpp1.6');
    const gone = await openRawStation(csms.ocppUrl, 'GONE', { password: 'pw-GONE', protocols: ['ocpp1.6'] });
    void gone.next((f) => f[0] === 2 && f[2] === 'RemoteStartTransaction').then(() => gone.ws.terminate());
    // Far less than the 30 s call timeout: the dropped socket settles it.
    expect(await csms.ocpp.commands.remoteStart('GONE', 1, 'LP-x', 3)).toBe('timeout');
    await csms.events.waitFor('stationDisconnected', (e) => e.stationId === 'GONE');
    expect(await csms.ocpp.commands.remoteStart('GONE', 1, 'LP-x', 3)).toBe('offline');
    expect(await good.call('Heartbeat', {})).toHaveProperty('currentTime');
    await good.close();
  });

  it('finishes the work of a station that hangs up before its answer, and takes it back', async () => {
    const station = await openRawStation(csms.ocppUrl, 'HANGUP', { password: 'pw-HANGUP', protocols: ['ocpp1.6'] });
    const release = csms.events.hold('connectorStatus', 'HANGUP');
    station.send([2, 'left-behind', 'StatusNotification', STATUS]);
    station.ws.terminate();
    await csms.events.waitFor('stationDisconnected', (e) => e.stationId === 'HANGUP');
    release();
    await csms.events.waitFor('connectorStatus', (e) => e.stationId === 'HANGUP');

    const back = await connectRpcStation(csms.ocppUrl, 'HANGUP', 'pw-HANGUP', 'ocpp1.6');
    expect(await back.call('Heartbeat', {})).toHaveProperty('currentTime');
    await back.close();
  });
});

// An OCPP 1.6 upgrade request as bare bytes on a TCP socket, so the test
// decides how the socket ends: a reset (RST) rather than a close.
async function rawUpgrade(stationId: string): Promise<Socket> {
  const url = new URL(`${csms.ocppUrl}/${stationId}`);
  const auth = Buffer.from(`${stationId}:pw-${stationId}`).toString('base64');
  const socket = connect({ host: url.hostname, port: Number(url.port) });
  await once(socket, 'connect');
  socket.write(
    `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ocpp1.6\r\n` +
      `Authorization: Basic ${auth}\r\n\r\n`,
  );
  return socket;
}

const aboutStation = (stationId: string) => (l: { obj: object }) => (l.obj as { stationId?: string }).stationId === stationId;

describe('OCPP endpoint: logging a dropped socket', () => {
  it('logs a connected station whose socket is reset as a dropped socket, not as an aborted upgrade', async () => {
    const socket = await rawUpgrade('RESET');
    await csms.events.waitFor('stationConnected', (e) => e.stationId === 'RESET');
    socket.resetAndDestroy();
    const dropped = await csms.logger.waitFor((l) => l.msg === 'station socket dropped' && aboutStation('RESET')(l));
    expect((dropped.obj as { err?: { code?: string } }).err?.code).toBe('ECONNRESET');
    await csms.events.waitFor('stationDisconnected', (e) => e.stationId === 'RESET');
    expect(csms.logger.lines.filter(aboutStation('RESET')).map((l) => l.msg)).not.toContain('OCPP upgrade aborted');
  });

  it('logs a station that hangs up while its password is checked as a closed socket, not as an aborted upgrade', async () => {
    const socket = await rawUpgrade('EARLY');
    socket.destroy();
    await csms.logger.waitFor((l) => l.msg === 'station socket closed during the OCPP upgrade' && aboutStation('EARLY')(l));
    expect(csms.logger.lines.filter(aboutStation('EARLY')).map((l) => l.msg)).not.toContain('OCPP upgrade aborted');
    expect(csms.ocpp.commands.isOnline('EARLY')).toBe(false);
  });
});

describe('OCPP endpoint: shutting down', () => {
  it('closes even while a call is stuck in the session layer', async () => {
    const own = await startTestCsms();
    await own.addStation('STUCK', 'pw');
    const station = await openRawStation(own.ocppUrl, 'STUCK', { password: 'pw', protocols: ['ocpp2.0.1'] });
    own.events.hold('connectorStatus', 'STUCK');
    const status = { timestamp: new Date().toISOString(), connectorStatus: 'Available', evseId: 1, connectorId: 1 };
    station.send([2, 'stuck-1', 'StatusNotification', status]);
    await own.events.waitFor('stationConnected');
    await own.stop();
    expect((await station.closed).code).toBe(1001);
    expect(own.ocpp.connectedCount()).toBe(0);
  });
});
