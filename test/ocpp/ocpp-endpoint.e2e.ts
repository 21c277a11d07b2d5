import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawStation, upgradeResponse, upgradeStatus } from './raw-station.ts';
import { connectRpcStation } from './rpc-station.ts';
import { startTestCsms, type TestCsms } from './start-test-csms.ts';

let csms: TestCsms;

beforeAll(async () => {
  csms = await startTestCsms();
  await csms.addStation('CP-1', 'secret-1');
  await csms.addStation('CP-OFF', 'secret-off', { disabled: true });
  await csms.addStation('CP 7/ø', 'secret-7');
  await csms.addStation('CP-R', 'secret-r');
  await csms.addStation('CP-D', 'secret-d');
  await csms.addStation('CP-LOG', 'secret-log');
});

afterAll(async () => {
  await csms.stop();
});

describe('OCPP endpoint: the upgrade', () => {
  it('answers 404 outside /ocpp/{stationId}', async () => {
    const base = `ws://127.0.0.1:${csms.port}`;
    const auth = { stationId: 'CP-1', password: 'secret-1', protocols: ['ocpp1.6'] };
    expect(await upgradeStatus(`${base}/other/CP-1`, auth)).toBe(404);
    expect(await upgradeStatus(`${base}/ocpp`, auth)).toBe(404);
    expect(await upgradeStatus(`${base}/ocpp/`, auth)).toBe(404);
    expect(await upgradeStatus(`${base}/ocpp/CP-1/extra`, auth)).toBe(404);
  });

  it('accepts a known station with the right password', async () => {
    expect(
      await upgradeStatus(`${csms.ocppUrl}/CP-1`, { stationId: 'CP-1', password: 'secret-1', protocols: ['ocpp1.6'] }),
    ).toBe(101);
  });

  it.each([
    ['an unknown station', 'CP-UNKNOWN', 'secret-1'],
    ['a wrong password', 'CP-1', 'wrong'],
    ['a disabled station', 'CP-OFF', 'secret-off'],
  ])('refuses %s with 401', async (_name, stationId, password) => {
    expect(await upgradeStatus(`${csms.ocppUrl}/${stationId}`, { stationId, password, protocols: ['ocpp1.6'] })).toBe(401);
  });

  it('names the Basic scheme when it refuses with 401', async () => {
    const refused = await upgradeResponse(`${csms.ocppUrl}/CP-1`, { protocols: ['ocpp1.6'] });
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Basic realm=/);
  });

  it('refuses a missing password, or a username that is not the station id, with 401', async () => {
    expect(await upgradeStatus(`${csms.ocppUrl}/CP-1`, { protocols: ['ocpp1.6'] })).toBe(401);
    expect(
      await upgradeStatus(`${csms.ocppUrl}/CP-1`, { stationId: 'CP-OTHER', password: 'secret-1', protocols: ['ocpp1.6'] }),
    ).toBe(401);
  });

  it('refuses no subprotocol, or none it speaks, with 400', async () => {
    const auth = { stationId: 'CP-1', password: 'secret-1' };
    expect(await upgradeStatus(`${csms.ocppUrl}/CP-1`, { ...auth, protocols: [] })).toBe(400);
    expect(await upgradeStatus(`${csms.ocppUrl}/CP-1`, { ...auth, protocols: ['ocpp1.5', 'ocpp2.2'] })).toBe(400);
    // Before the password is even looked at.
    expect(await upgradeStatus(`${csms.ocppUrl}/CP-UNKNOWN`, { protocols: ['ocpp1.5'] })).toBe(400);
  });

  it('refuses a malformed station id with 400', async () => {
    expect(await upgradeStatus(`${csms.ocppUrl}/%E0%A4%A`, { protocols: ['ocpp1.6'] })).toBe(400);
  });

  it('prefers the newest version the station offers', async () => {
    const all = await openRawStation(csms.ocppUrl, 'CP-1', { password: 'secret-1', protocols: ['ocpp1.6', 'ocpp2.0.1', 'ocpp2.1'] });
    expect(all.protocol).toBe('ocpp2.1');
    await all.close();
    const both = await openRawStation(csms.ocppUrl, 'CP-1', { password: 'secret-1', protocols: ['ocpp1.6', 'ocpp2.0.1'] });
    expect(both.protocol).toBe('ocpp2.0.1');
    await both.close();
    const old = await openRawStation(csms.ocppUrl, 'CP-1', { password: 'secret-1', protocols: ['ocpp1.6'] });
    expect(old.protocol).toBe('ocpp1.6');
    await old.close();
  });

  it('URL-decodes the station id', async () => {
    const station = await connectRpcStation(csms.ocppUrl, 'CP 7/ø', 'secret-7', 'ocpp1.6');
    const connected = await csms.events.waitFor('stationConnected', (e) => e.stationId === 'CP 7/ø');
    expect(connected.protocol).toBe('ocpp1.6');
    expect(csms.ocpp.commands.isOnline('CP 7/ø')).toBe(true);
    await station.close();
  });
});

describe('OCPP endpoint: connections', () => {
  it('replaces the connection of a station that reconnects, and keeps it online', async () => {
    const first = await openRawStation(csms.ocppUrl, 'CP-R', { password: 'secret-r', protocols: ['ocpp1.6'] });
    await csms.events.waitFor('stationConnected', (e) => e.stationId === 'CP-R');
    const countBefore = csms.ocpp.connectedCount();

    const second = await openRawStation(csms.ocppUrl, 'CP-R', { password: 'secret-r', protocols: ['ocpp1.6'] });
    const closed = await first.closed;
    expect(closed.code).toBe(1000);
    // Whatever the server made of the old socket closing, it has done it.
    const seen = await csms.logger.waitFor(
      (l) =>
        (l.obj as { stationId?: string }).stationId === 'CP-R' && /disconnected|replaced socket closed/.test(l.msg ?? ''),
    );
    expect(seen.msg).toBe('replaced socket closed');
    expect(csms.events.of('stationConnected', 'CP-R')).toHaveLength(2);
    expect(csms.events.of('stationDisconnected', 'CP-R')).toHaveLength(0);
    expect(csms.ocpp.commands.isOnline('CP-R')).toBe(true);
    expect(csms.ocpp.connectedCount()).toBe(countBefore);

    const answer = await second.call('Heartbeat', {});
    expect(answer[0]).toBe(3);
    await second.close();
    await csms.events.waitFor('stationDisconnected', (e) => e.stationId === 'CP-R');
    expect(csms.ocpp.commands.isOnline('CP-R')).toBe(false);
  });

  it('marks a station offline when it disconnects, and sends it nothing after', async () => {
    const station = await connectRpcStation(csms.ocppUrl, 'CP-D', 'secret-d', 'ocpp1.6');
    await csms.events.waitFor('stationConnected', (e) => e.stationId === 'CP-D');
    expect(csms.ocpp.commands.isOnline('CP-D')).toBe(true);
    await station.close();
    await csms.events.waitFor('stationDisconnected', (e) => e.stationId === 'CP-D');
    expect(csms.ocpp.commands.isOnline('CP-D')).toBe(false);

    const sentBefore = csms.log.entries('CP-D').filter((e) => e.direction === 'out').length;
    expect(await csms.ocpp.commands.reset('CP-D', 'soft')).toBe('offline');
    expect(await csms.ocpp.commands.remoteStart('CP-D', 1, 'TAG', 1)).toBe('offline');
    expect(csms.log.entries('CP-D').filter((e) => e.direction === 'out')).toHaveLength(sentBefore);
  });

  it('records every frame both ways in the message log', async () => {
    const station = await openRawStation(csms.ocppUrl, 'CP-LOG', { password: 'secret-log', protocols: ['ocpp1.6'] });
    await station.call('Heartbeat', {});
    await station.call('Heartbeat', { unexpected: true });
    station.sendRaw('not json');
    await station.next((f) => f[0] === 4 && f[2] === 'FormationViolation' && f[1] === '-1');
    await station.close();

    const entries = csms.log
      .entries('CP-LOG')
      .map(({ direction, kind, action, payload }) => ({ direction, kind, action, payload }));
    expect(entries[0]).toEqual({ direction: 'in', kind: 'call', action: 'Heartbeat', payload: '{}' });
    expect(entries[1]).toMatchObject({ direction: 'out', kind: 'result', action: 'Heartbeat' });
    expect(JSON.parse(entries[1]?.payload ?? '{}')).toHaveProperty('currentTime');
    expect(entries[2]).toEqual({ direction: 'in', kind: 'call', action: 'Heartbeat', payload: '{"unexpected":true}' });
    expect(entries[3]).toMatchObject({ direction: 'out', kind: 'error', action: 'Heartbeat' });
    expect(JSON.parse(entries[3]?.payload ?? '[]')[0]).toBe('FormationViolation');
    expect(entries[4]).toEqual({ direction: 'in', kind: 'call', action: undefined, payload: 'not json' });
    expect(entries[5]).toMatchObject({ direction: 'out', kind: 'error' });
    expect(entries).toHaveLength(6);
  });
});
