import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { hashStationSecret } from '../../src/adapters/security/station-secret.ts';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { TariffStore } from '../../src/adapters/storage/tariff-store.ts';
import { freePort } from '../../src/adapters/web/free-port.ts';
import { startLadepay, type RunningLadepay } from '../../src/start-ladepay.ts';
import { startChargePoint, type ChargePoint } from '../../simulators/charge-point/index.ts';
import { startVippsSimulator, type VippsSimulator } from '../../simulators/vipps/index.ts';
import { eventually, WAIT_LIMIT_MS } from '../support/eventually.ts';
import { startAccessPoint, type AccessPoint } from '../support/ocpi-access-point.ts';
import { STATION_PASSWORD, standardTariff, systemEnv } from '../support/system.ts';
import { createTestDatabase, primaryDialect, type TestDatabase } from '../support/test-database.ts';

const CHANGES = 20;

// Pushes in a cluster: two Ladepay nodes on one PostgreSQL, the station on
// one, the operator's edit made on the other, each node's outbox polling only
// every 5 s and the planner's sweep an hour: what moves the pushes is the
// database's NOTIFY, and the ordered queue keeps one Location's pushes in
// order whichever node runs them.
describe.skipIf(primaryDialect() !== 'postgres')('OCPI pushes from two nodes on one PostgreSQL', () => {
  let database: TestDatabase;
  let vipps: VippsSimulator;
  let ap: AccessPoint;
  let a: RunningLadepay;
  let b: RunningLadepay;
  let cp: ChargePoint;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    vipps = await startVippsSimulator({ port: 0 });
    const stations = new StationStore(database.db);
    const now = new Date();
    await stations.createSite({ id: 'site', name: 'Klyngegata lading', address: 'Klyngegata 1, 0150 Oslo' }, now);
    await new TariffStore(database.db).create({ id: 't1', siteId: null, name: 'Standard', tariff: standardTariff, validFrom: new Date('2020-01-01Z') }, now);
    const passwordHash = await hashStationSecret(STATION_PASSWORD);
    await stations.createStation({ id: 'CL-P', siteId: 'site', name: 'Lader', passwordHash, connectors: [{ connectorNo: 1, type: 'Type2', maxPowerW: 22_000, code: 'KLYNGEP' }] }, now);
    const env = systemEnv(database, vipps, { OCPI_PARTY_ID: 'LDP', OCPI_PUSH_SWEEP_SECONDS: '3600' });
    const [portA, portB] = [await freePort('127.0.0.1'), await freePort('127.0.0.1')];
    const node = (id: string, port: number) =>
      startLadepay(loadConfig({ ...env, NODE_ID: id, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${portA}` }, 'serve'), { logger: pino({ level: 'silent' }), outboxPollMs: 5000 });
    a = await node('node-a', portA);
    b = await node('node-b', portB);
    ap = await startAccessPoint();
    const tokenA = (await new ApiTokenStore(database.db).create('setup', now, 'owner')).token;
    const made = await fetch(`${b.url}/api/v1/ocpi/token-a`, { method: 'POST', headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Test access point' }) });
    const { token } = (await made.json()) as { token: string };
    expect((await ap.registerWith(`${a.url}/ocpi/versions`, token)).json).toMatchObject({ status_code: 1000 });
    // The edit that completes the site, on node B.
    const patched = await fetch(`${b.url}/api/v1/sites/site`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' },
      body: JSON.stringify({ city: 'Oslo', postalCode: '0150', coordinates: { latitude: '59.9069', longitude: '10.7533' }, openingHours: { twentyFourSeven: true }, parkingType: 'PARKING_LOT' }),
    });
    expect(patched.status).toBe(200);
    cp = await startChargePoint({ csmsUrl: `${b.url.replace(/^http/, 'ws')}/ocpp`, stationId: 'CL-P', password: STATION_PASSWORD, protocol: 'ocpp1.6', timeScale: 0, settleTimeoutMs: WAIT_LIMIT_MS });
  });
  afterAll(async () => {
    await cp?.stop().catch(() => undefined);
    await a?.stop();
    await b?.stop();
    await ap?.stop();
    await vipps?.stop();
    await database?.drop();
  });

  const statuses = () =>
    ap.receiver.pushes.filter((p) => p.accepted && p.path === 'locations/NO/LDP/site/KLYNGEP').map((p) => String(p.body?.status));

  it('gets the Location, then every status change of a station on the other node, in order', async () => {
    await eventually(() => (ap.receiver.location('site')?.evses as Array<{ status: string }> | undefined)?.[0]?.status === 'AVAILABLE', 'the Location, AVAILABLE, at the access point');
    const since = statuses().length;
    const expected: string[] = [];
    for (let i = 0; i < CHANGES / 2; i++) {
      await cp.setFault(1, 'GroundFailure');
      await cp.clearFault(1);
      expected.push('OUTOFORDER', 'AVAILABLE');
    }
    await eventually(() => statuses().length - since >= CHANGES, `${CHANGES} status pushes`);
    expect(statuses().slice(since)).toEqual(expected);
    expect(ap.receiver.problems).toEqual([]);
    // The planner ran on one node only: the Location was PUT once.
    expect(ap.receiver.pushes.filter((p) => p.method === 'PUT' && p.path === 'locations/NO/LDP/site')).toHaveLength(1);
  });
});
