import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawStation, upgradeStatus } from './raw-station.ts';
import { startTestCsms, type TestCsms } from './start-test-csms.ts';

// OCPP-J's limits on what one station may send, and a cap on connections per
// address, each with the answer the spec gives (or the close code).
let csms: TestCsms;

beforeAll(async () => {
  csms = await startTestCsms({ limits: { maxCallsInFlight: 3 } });
  for (const id of ['ID16', 'ID201', 'HUGE', 'PIPE', 'TWICE']) await csms.addStation(id, `pw-${id}`);
});

afterAll(async () => {
  await csms.stop();
});

const count = (key: string) => csms.counts.get(key) ?? 0;

describe('OCPP frame limits', () => {
  it.each([
    ['ocpp1.6', 'ID16', 'FormationViolation'],
    ['ocpp2.0.1', 'ID201', 'RpcFrameworkError'],
  ])('refuses a 37-character messageId on %s with %s under id "-1", and takes 36', async (protocol, stationId, code) => {
    const station = await openRawStation(csms.ocppUrl, stationId, { password: `pw-${stationId}`, protocols: [protocol] });
    const refusedBefore = count('frame:message-id-too-long');
    const id36 = 'a'.repeat(36);
    station.send([2, `${id36}b`, 'Heartbeat', {}]);
    const refusal = await station.next((f) => f[0] === 4);
    expect(refusal.slice(0, 3)).toEqual([4, '-1', code]);
    expect(count('frame:message-id-too-long')).toBe(refusedBefore + 1);

    station.send([2, id36, 'Heartbeat', {}]);
    const answer = await station.next((f) => f[0] === 3 && f[1] === id36);
    expect(answer[2]).toHaveProperty('currentTime');
    // Only the 36-character call reached the log.
    const ids = csms.log.entries(stationId).map((e) => e.messageId);
    expect(ids).toContain(id36);
    expect(ids.every((id) => id.length <= 36)).toBe(true);
    await station.close();
  });

  it('neither echoes nor keeps a 40,000-character messageId', async () => {
    const station = await openRawStation(csms.ocppUrl, 'HUGE', { password: 'pw-HUGE', protocols: ['ocpp1.6'] });
    station.send([2, 'y'.repeat(40_000), 'Heartbeat', {}]);
    const refusal = await station.next((f) => f[0] === 4);
    expect(refusal.slice(0, 3)).toEqual([4, '-1', 'FormationViolation']);
    expect(JSON.stringify(refusal).length).toBeLessThan(200);
    expect(JSON.stringify(csms.log.entries('HUGE'))).not.toContain('yyyy');
    expect(csms.logger.lines.some((l) => JSON.stringify(l).includes('yyyy'))).toBe(false);
    // The socket stays open for the station's next, well-formed call.
    expect((await station.call('Heartbeat', {}))[0]).toBe(3);
    await station.close();
  });

  it('closes the socket with 1009 on a frame over the size limit', async () => {
    const small = await startTestCsms({ limits: { maxFrameBytes: 8192 } });
    try {
      await small.addStation('BIG', 'pw-BIG');
      const station = await openRawStation(small.ocppUrl, 'BIG', { password: 'pw-BIG', protocols: ['ocpp1.6'] });
      station.send([2, randomUUID(), 'DataTransfer', { vendorId: 'x', data: 'z'.repeat(10_000) }]);
      expect((await station.closed).code).toBe(1009);
      await small.events.waitFor('stationDisconnected', (e) => e.stationId === 'BIG');
      expect(small.counts.get('frame:frame-too-large')).toBe(1);
    } finally {
      await small.stop();
    }
  });

  it('disconnects a station with more calls in flight than allowed', async () => {
    const station = await openRawStation(csms.ocppUrl, 'PIPE', { password: 'pw-PIPE', protocols: ['ocpp1.6'] });
    const release = csms.events.hold('connectorStatus', 'PIPE');
    for (let i = 0; i < 4; i++) station.send([2, randomUUID(), 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' }]);
    expect((await station.closed).code).toBe(1008);
    expect(count('frame:too-many-calls-in-flight')).toBe(1);
    release();
  });
});

describe('connections per address', () => {
  it('refuses an upgrade over the per-address cap with 429, and takes one again once a socket closes', async () => {
    const capped = await startTestCsms({ limits: { maxConnectionsPerAddress: 2 } });
    try {
      for (const id of ['CAP-1', 'CAP-2', 'CAP-3']) await capped.addStation(id, `pw-${id}`);
      const one = await openRawStation(capped.ocppUrl, 'CAP-1', { password: 'pw-CAP-1', protocols: ['ocpp1.6'] });
      const two = await openRawStation(capped.ocppUrl, 'CAP-2', { password: 'pw-CAP-2', protocols: ['ocpp1.6'] });
      const third = { stationId: 'CAP-3', password: 'pw-CAP-3', protocols: ['ocpp1.6'] };
      expect(await upgradeStatus(`${capped.ocppUrl}/CAP-3`, third)).toBe(429);
      expect(capped.counts.get('upgrade:address-cap')).toBe(1);
      await one.close();
      await capped.events.waitFor('stationDisconnected', (e) => e.stationId === 'CAP-1');
      expect(await upgradeStatus(`${capped.ocppUrl}/CAP-3`, third)).toBe(101);
      await two.close();
    } finally {
      await capped.stop();
    }
  });

  it('logs and counts a connection that replaces a live one', async () => {
    const first = await openRawStation(csms.ocppUrl, 'TWICE', { password: 'pw-TWICE', protocols: ['ocpp1.6'] });
    await csms.events.waitFor('stationConnected', (e) => e.stationId === 'TWICE');
    const before = count('replaced');
    const second = await openRawStation(csms.ocppUrl, 'TWICE', { password: 'pw-TWICE', protocols: ['ocpp1.6'] });
    expect((await first.closed).code).toBe(1000);
    expect(count('replaced')).toBe(before + 1);
    const line = await csms.logger.waitFor((l) => l.level === 'warn' && l.msg === 'a new connection replaces the live one of this station');
    expect(line.obj).toMatchObject({ stationId: 'TWICE', address: '127.0.0.1', previousAddress: '127.0.0.1' });
    await second.close();
  });
});
