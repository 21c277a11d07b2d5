import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashStationSecret } from '../../src/adapters/security/station-secret.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { startChargePoint, type ChargePoint } from '../../simulators/charge-point/index.ts';
import { startVippsSimulator, type VippsSimulator } from '../../simulators/vipps/index.ts';
import { clusterSlots, startClusterNodes, type ClusterNodes } from '../support/cluster-nodes.ts';
import { eventually, WAIT_LIMIT_MS } from '../support/eventually.ts';
import { startLoadBalancer, type LoadBalancer } from '../support/load-balancer.ts';
import { STATION_PASSWORD, systemEnv } from '../support/system.ts';
import { skipUnlessPresent } from '../support/system-deps.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// The cluster harness itself: two Ladepay processes on one PostgreSQL
// database behind a real HAProxy. Requests reach both; a station connected
// through HAProxy to a node that is killed reconnects, through HAProxy, to
// the other one.
const WHAT = 'test/cluster/load-balancer.e2e.ts';
const STATION = 'CP-LB1';

describe.skipIf(skipUnlessPresent('postgresql', WHAT) || skipUnlessPresent('haproxy', WHAT))('two nodes behind HAProxy', () => {
  let database: TestDatabase;
  let vipps: VippsSimulator;
  let lb: LoadBalancer | undefined;
  let cluster: ClusterNodes | undefined;
  let cp: ChargePoint | undefined;
  let stations: StationStore;
  let killed: number | undefined; // the node the station test killed

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    vipps = await startVippsSimulator({ port: 0 });
    stations = new StationStore(database.db);
    await stations.createSite({ id: 'site', name: 'Klyngetest', address: 'Testveien 3, 0150 Oslo' }, new Date());
    await stations.createStation(
      { id: STATION, siteId: 'site', name: STATION, passwordHash: await hashStationSecret(STATION_PASSWORD), connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 50_000, code: 'KLYNGE1' }] },
      new Date(),
    );
    const slots = await clusterSlots(2);
    lb = await startLoadBalancer(slots.map((s) => ({ name: s.id, port: s.port })));
    cluster = await startClusterNodes({ slots, env: systemEnv(database, vipps, { LOG_LEVEL: 'warn', PUBLIC_URL: lb.url }) });
  });

  afterAll(async () => {
    await cp?.stop().catch(() => undefined);
    await cluster?.stopAll();
    await lb?.stop();
    await vipps?.stop();
    await database?.drop();
  });

  // What HAProxy and each node said, when a wait gives up.
  beforeEach(({ onTestFailed }) =>
    onTestFailed(() => {
      const nodes = cluster?.nodes.map((n) => `--- ${n.id} (port ${n.port}, pid ${n.process.pid}):\n${n.process.output()}`) ?? [];
      process.stderr.write(`--- HAProxy:\n${lb?.output() ?? '(not started)'}\n${nodes.join('\n')}\n`);
    }),
  );

  const stationRoutes = () => lb!.routed().filter((r) => r.path === `/ocpp/${STATION}` && r.status === 101);

  it('sends requests to both nodes', async () => {
    const answered = await eventually(async () => {
      const res = await fetch(`${lb!.url}/health`);
      await res.arrayBuffer();
      const servers = new Set(lb!.routed().filter((r) => r.path === '/health' && r.status === 200).map((r) => r.server));
      return servers.size === 2 && servers;
    }, 'an answer to /health from each node through HAProxy');
    expect([...answered].sort()).toEqual(['node-1', 'node-2']);
  });

  it('takes a station whose node was killed to the other node', async () => {
    cp = await startChargePoint({
      csmsUrl: `${lb!.wsUrl}/ocpp`,
      stationId: STATION,
      password: STATION_PASSWORD,
      protocol: 'ocpp1.6',
      timeScale: 1, // the nodes run on the real clock
      bootOnReconnect: true, // so the node it reaches afterwards shows in the station's boot time
      reconnectInitialDelayMs: 100,
      reconnectMaxDelayMs: 500,
      settleTimeoutMs: WAIT_LIMIT_MS,
    });
    const first = await eventually(() => stationRoutes()[0], `HAProxy's log of ${STATION}'s WebSocket`);
    await eventually(async () => (await stations.station(STATION))?.online === true, `${STATION} online`);
    const had = cluster!.nodes.findIndex((n) => n.id === first.server);
    const other = cluster!.nodes.find((n) => n.id !== first.server)!;
    expect(had).toBeGreaterThanOrEqual(0);

    const killedAt = new Date();
    await cluster!.kill9(had);
    killed = had;

    const again = await eventually(() => stationRoutes().slice(1).find((r) => r.server === other.id), `${STATION} through HAProxy to ${other.id}`);
    expect(again.server).toBe(other.id);
    const row = await eventually(async () => {
      const s = await stations.station(STATION);
      return s?.online && s.lastBootAt !== null && new Date(s.lastBootAt) >= killedAt && s;
    }, `${STATION} booted and online again after ${first.server} was killed`);
    expect(row.online).toBe(true);
    // Ladepay records the boot before its answer reaches the station.
    await eventually(() => cp!.isOnline(), `${STATION} told its boot was accepted`);
  });

  it('takes a killed node back into rotation once it is restarted on its port', async () => {
    expect(killed, 'the node killed by the test before').toBeDefined();
    const i = killed!;
    const before = lb!.routed().length;
    await cluster!.restart(i);
    const back = cluster!.nodes[i]!;
    await eventually(async () => {
      await (await fetch(`${lb!.url}/health`)).arrayBuffer();
      return lb!.routed().slice(before).some((r) => r.server === back.id && r.path === '/health' && r.status === 200);
    }, `${back.id} answering through HAProxy again`);
  });
});
