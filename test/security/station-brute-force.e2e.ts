import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import { eventually } from '../support/eventually.ts';
import { STATION_PASSWORD, startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { countBy, rawUpgradeFrom, upgradeFrom } from './upgrade-from.ts';

// The attacker guesses a station's OCPP password over real sockets, from
// addresses of its own; the real station connects from its own address.
const REAL_STATION = '127.0.0.2';
const ATTACKER = '127.0.0.3';
const PARALLEL_ATTACKER = '127.0.0.4';
const LIMIT = 5; // OCPP_AUTH_FAILURES_PER_STATION's default

let sys: TestSystem;
let ocppUrl: string;
let token: string;

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect() });
  ocppUrl = `${sys.ladepay.url.replace(/^http/, 'ws')}/ocpp`;
  await sys.addStation('BF-1', 'ocpp1.6', 'BF0001');
  await sys.addStation('BF-2', 'ocpp1.6', 'BF0002');
  token = (await new ApiTokenStore(sys.ladepay.database.db).create('security', new Date())).token;
});

afterAll(async () => {
  await sys.stop();
});

async function api(method: string, path: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${sys.ladepay.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('brute force of a station password', () => {
  it('is stopped after a handful of tries and never succeeds within 10,000 guesses, while the real station gets in', async () => {
    const statuses: number[] = [];
    let rightGuess: number | undefined;
    // 10,000 guesses, 50 at a time; number 5,000 is the right password.
    for (let batch = 0; batch < 200; batch++) {
      const guesses = Array.from({ length: 50 }, (_, i) => {
        const n = batch * 50 + i;
        const password = n === 5000 ? STATION_PASSWORD : `guess-${n.toString(16).padStart(36, '0')}`;
        return rawUpgradeFrom(ocppUrl, { stationId: 'BF-1', password, localAddress: ATTACKER }).then((status) => {
          if (n === 5000) rightGuess = status;
          return status;
        });
      });
      statuses.push(...(await Promise.all(guesses)));
      // The real station, from its own address, in the middle of the attack.
      if (batch === 100) expect(await upgradeFrom(ocppUrl, { stationId: 'BF-1', password: STATION_PASSWORD, localAddress: REAL_STATION })).toBe(101);
    }
    const counts = countBy(statuses);
    expect(statuses).toHaveLength(10_000);
    expect(counts.get(101)).toBeUndefined();
    expect(rightGuess).toBe(429);
    // Only the first handful had their password checked at all.
    expect(counts.get(401)).toBe(LIMIT);
    expect(counts.get(429)).toBe(10_000 - LIMIT);

    // The operator sees the lockout (API, /metrics) and can lift it.
    const { json } = await api('GET', '/lockouts?stationId=BF-1');
    const lockouts = json.lockouts as Array<{ id: number; kind: string; address: string; failures: number }>;
    expect(lockouts).toEqual([expect.objectContaining({ kind: 'station', address: ATTACKER, failures: LIMIT })]);
    const metrics = await (await fetch(`${sys.ladepay.url}/metrics`)).text();
    expect(metrics).toMatch(/ladepay_ocpp_lockouts\{kind="station"\} 1/);
    expect(metrics).toMatch(/ladepay_ocpp_upgrades_total\{outcome="locked"\} [1-9]/);

    // The real station is still the one connected: it gets in again from its
    // address, while the attacker's address stays locked until lifted.
    expect(await upgradeFrom(ocppUrl, { stationId: 'BF-1', password: STATION_PASSWORD, localAddress: REAL_STATION })).toBe(101);
    expect(await upgradeFrom(ocppUrl, { stationId: 'BF-1', password: STATION_PASSWORD, localAddress: ATTACKER })).toBe(429);
    const lifted = await api('POST', `/lockouts/${lockouts[0]?.id}/lift`);
    expect(lifted.status).toBe(200);
    expect((await api('GET', '/lockouts?stationId=BF-1')).json.lockouts).toEqual([]);
    expect(await upgradeFrom(ocppUrl, { stationId: 'BF-1', password: STATION_PASSWORD, localAddress: ATTACKER })).toBe(101);
  }, 300_000);

  it('checks no more parallel guesses than the limit', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => upgradeFrom(ocppUrl, { stationId: 'BF-2', password: `parallel-${i}-${'x'.repeat(20)}`, localAddress: PARALLEL_ATTACKER })),
    );
    const counts = countBy(statuses);
    expect(counts.get(401)).toBe(LIMIT);
    expect(counts.get(429)).toBe(40 - LIMIT);
    const lockout = await eventually(async () => {
      const { json } = await api('GET', '/lockouts?stationId=BF-2');
      return (json.lockouts as Array<{ failures: number }>)[0];
    }, 'the lockout written down');
    expect(lockout.failures).toBe(LIMIT);
    // The right password, from that address, is refused now too.
    expect(await upgradeFrom(ocppUrl, { stationId: 'BF-2', password: STATION_PASSWORD, localAddress: PARALLEL_ATTACKER })).toBe(429);
  });
});
