import pino from 'pino';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { hashStationSecret } from '../../src/adapters/security/station-secret.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { TariffStore } from '../../src/adapters/storage/tariff-store.ts';
import { freePort } from '../../src/adapters/web/free-port.ts';
import { startLadepay, type RunningLadepay } from '../../src/start-ladepay.ts';
import { startChargePoint, type ChargePoint } from '../../simulators/charge-point/index.ts';
import { startVippsSimulator, type VippsSimulator } from '../../simulators/vipps/index.ts';
import { eventually, WAIT_LIMIT_MS } from '../support/eventually.ts';
import { STATION_PASSWORD, standardTariff, systemEnv } from '../support/system.ts';
import { createTestDatabase, primaryDialect, type TestDatabase } from '../support/test-database.ts';

const who = { actor: 'ops@example.no', confirm: true };

const basicAuth = (id: string) => `Basic ${Buffer.from(`${id}:${STATION_PASSWORD}`).toString('base64')}`;

// How many calls of this action the station received from Ladepay.
const received = (cp: ChargePoint, action: string) => cp.frames().filter((f) => f.dir === 'in' && f.text.startsWith(`[2,`) && f.text.includes(`"${action}"`)).length;

// Two Ladepay nodes on one PostgreSQL, in this process, each station
// connected straight to one of them: what crosses between the nodes goes
// through the database only (docs/deploy.md). The load-balanced cluster of
// separate processes is cluster.e2e.ts.
describe.skipIf(primaryDialect() !== 'postgres')('two nodes on one PostgreSQL', () => {
  let database: TestDatabase;
  let vipps: VippsSimulator;
  let a: RunningLadepay;
  let b: RunningLadepay;
  let stations: StationStore;
  const chargePoints: ChargePoint[] = [];

  async function node(nodeId: string, port: number, publicUrl: string): Promise<RunningLadepay> {
    const env = systemEnv(database, vipps, { NODE_ID: nodeId, PORT: String(port), PUBLIC_URL: publicUrl, CLUSTER_LEASE_SECONDS: '6', DRAIN_SECONDS: '1' });
    return startLadepay(loadConfig({ ...env, SECRETS_KEY: secretsKey }, 'serve'), { logger: process.env.TEST_LOG ? pino({ level: process.env.TEST_LOG }, pino.destination({ dest: `/tmp/${nodeId}.log`, sync: true })) : pino({ level: 'silent' }), reconcileEveryMs: 300, outboxPollMs: 5000 });
  }
  let secretsKey: string;

  async function connect(id: string, to: RunningLadepay, protocol: 'ocpp1.6' | 'ocpp2.0.1', display?: 'california' | 'display-messages'): Promise<ChargePoint> {
    const cp = await startChargePoint({
      ...(display ? { display } : {}),
      csmsUrl: `${to.url.replace(/^http/, 'ws')}/ocpp`,
      stationId: id,
      password: STATION_PASSWORD,
      protocol,
      timeScale: 0,
      settleTimeoutMs: WAIT_LIMIT_MS,
      reconnectInitialDelayMs: 100,
      reconnectMaxDelayMs: 500,
    });
    chargePoints.push(cp);
    await eventually(async () => (await holder(id)) === to.nodeId && (await stations.station(id))?.online === true, `${id} held by ${to.nodeId}`);
    return cp;
  }

  const holder = async (stationId: string) =>
    (await database.db.selectFrom('station_owners').select('node_id').where('station_id', '=', stationId).executeTakeFirst())?.node_id;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    vipps = await startVippsSimulator({ port: 0, webhookRetry: { backoffMs: [20, 50, 100], timeoutMs: 2000 } });
    stations = new StationStore(database.db);
    const now = new Date();
    await stations.createSite({ id: 'site', name: 'Klyngegata lading', address: 'Klyngegata 1, 0150 Oslo' }, now);
    await new TariffStore(database.db).create({ id: 't1', siteId: null, name: 'Standard', tariff: standardTariff, validFrom: new Date('2020-01-01Z') }, now);
    const passwordHash = await hashStationSecret(STATION_PASSWORD);
    for (const [id, code] of [['CL-16', 'KLYNGE16'], ['CL-201', 'KLYNGE201'], ['CL-TK', 'KLYNGETK'], ['CL-SCR', 'KLYNGESCR']]) {
      await stations.createStation({ id: id!, siteId: 'site', name: `Lader ${id}`, passwordHash, connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 50_000, code: code! }] }, now);
    }
    secretsKey = systemEnv(database, vipps).SECRETS_KEY!;
    const [portA, portB] = [await freePort('127.0.0.1'), await freePort('127.0.0.1')];
    const publicUrl = `http://127.0.0.1:${portA}`;
    a = await node('node-a', portA, publicUrl);
    b = await node('node-b', portB, publicUrl);
  });
  afterAll(async () => {
    await Promise.all(chargePoints.map((c) => c.stop().catch(() => undefined)));
    await a?.stop();
    await b?.stop();
    await vipps?.stop();
    await database?.drop();
  });

  it('runs an operator’s command on the node holding the station, and answers the node that asked', async () => {
    const cp = await connect('CL-201', b, 'ocpp2.0.1');
    const read = await a.operations.readConfiguration('CL-201', ['OCPPCommCtrlr.HeartbeatInterval'], who);
    expect(read).toMatchObject({ ok: true, answer: { outcome: 'accepted' } });
    // The operator's read (the station was also asked about its screen after its boot).
    expect(cp.frames().filter((f) => f.dir === 'in' && f.text.includes('"GetVariables"') && f.text.includes('HeartbeatInterval'))).toHaveLength(1);
    const trigger = await a.operations.trigger('CL-201', 'StatusNotification', 1, who);
    expect(trigger).toMatchObject({ ok: true, answer: { outcome: 'accepted', status: 'Accepted' } });
    // The command went through the outbox, as one the station's node ran.
    const forwarded = await database.db.selectFrom('outbox').select(['state', 'station_id']).where('kind', '=', 'station.command').execute();
    expect(forwarded.length).toBeGreaterThanOrEqual(2);
    expect(forwarded.every((r) => r.state === 'done' && r.station_id === 'CL-201')).toBe(true);
  });

  it('lets a driver pay through one node while the station sits on the other: it starts, shows live, stops and settles once', async () => {
    const cp = await connect('CL-16', b, 'ocpp1.6');
    await cp.plugIn(1, { socPercent: 30 });
    const started = await a.driver.startDropIn({ connectorCode: 'KLYNGE16', maxAmountOre: 35_000, method: 'WALLET' });
    if (!started.ok) throw new Error(`start refused: ${JSON.stringify(started)}`);
    const session = async () => (await a.repo.byToken(started.token))!.session;
    // Node a's page hears what node b's station does.
    let heardOnA = 0;
    const off = a.driver.subscribe(started.token, () => (heardOnA += 1));
    vipps.phone.approve((await session()).reference);
    await eventually(async () => (await session()).state === 'charging', 'charging');
    const heardAtStart = heardOnA;
    await cp.tick(10 * 60 * 1000);
    await eventually(async () => heardOnA > heardAtStart, 'node a told of node b’s meter values');
    expect(await a.driver.stop(started.token)).toEqual({ ok: true });
    await eventually(async () => (await session()).state === 'settled', 'settled');
    off();
    const settled = await session();
    const books = vipps.books(settled.reference)!;
    expect(books.payment.aggregate.capturedAmount.value).toBe(settled.capturedOre);
    expect(settled.capturedOre).toBe(settled.priced?.totalOre);
    expect(books.events.filter((e) => e.name === 'CAPTURED')).toHaveLength(1);
  });

  it('puts the price on the screen of a station the other node holds: a new price, and the final cost from the node holding it', async () => {
    const cp = await connect('CL-SCR', b, 'ocpp1.6', 'california');
    await eventually(() => cp.screen().now.defaultPrice?.priceText?.endsWith('5,00 kr/kWh'), 'the price after the boot');
    await new TariffStore(database.db).create({ id: 't2', siteId: 'site', name: 'Ny', tariff: { ...standardTariff, perKwhOre: 600 }, validFrom: new Date('2021-01-01Z') }, new Date());
    // The job runs on whichever node holds its lock; from a, the station's screen is reached through b.
    await Promise.all([a.refreshScreensNow(), b.refreshScreensNow()]);
    await eventually(() => cp.screen().now.defaultPrice?.priceText?.endsWith('6,00 kr/kWh'), 'the new price');

    await cp.plugIn(1, { socPercent: 30 });
    const started = await a.driver.startDropIn({ connectorCode: 'KLYNGESCR', maxAmountOre: 35_000, method: 'WALLET' });
    if (!started.ok) throw new Error(`start refused: ${JSON.stringify(started)}`);
    const session = async () => (await a.repo.byToken(started.token))!.session;
    vipps.phone.approve((await session()).reference);
    await eventually(() => cp.screen().now.userPrice?.priceText === 'Maks 350,00 kr · 6,00 kr/kWh', 'the user price');
    await cp.tick(5 * 60 * 1000);
    expect(await a.driver.stop(started.token)).toEqual({ ok: true });
    await eventually(async () => (await session()).state === 'settled', 'settled');
    const settled = await session();
    const final = await eventually(() => cp.screen().now.finalCost, 'the final cost');
    expect(final).toMatchObject({ cost: settled.priced!.totalOre / 100, qrCodeText: `${a.publicUrl}/s/${started.token}` });
    const item = await database.db.selectFrom('outbox').select(['state', 'station_id']).where('key', '=', `final-cost-${settled.id}`).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ state: 'done', station_id: 'CL-SCR' });
  });

  it('hands a station that reconnects to the other node over at once; the old node drops its socket and does not mark it offline', async () => {
    // The station's old socket on b, still open as far as b knows (a station
    // that lost its network and came back through the balancer elsewhere).
    const old = new WebSocket(`${b.url.replace(/^http/, 'ws')}/ocpp/CL-TK`, ['ocpp1.6'], { headers: { authorization: basicAuth('CL-TK') } });
    const closed = new Promise<number>((r) => old.once('close', (code) => r(code)));
    await new Promise((r, j) => old.once('open', r).once('error', j));
    old.send(JSON.stringify([2, 'boot-1', 'BootNotification', { chargePointVendor: 'Ladepay', chargePointModel: 'Raw' }]));
    await eventually(async () => (await holder('CL-TK')) === 'node-b', 'CL-TK held by node b');

    const moved = await connect('CL-TK', a, 'ocpp1.6');
    expect(await closed).toBe(1000);
    expect((await stations.station('CL-TK'))?.online).toBe(true);
    expect(await holder('CL-TK')).toBe('node-a');
    // b sends the operator's command where the station is now.
    const answer = await b.operations.trigger('CL-TK', 'Heartbeat', undefined, who);
    expect(answer).toMatchObject({ ok: true, answer: { outcome: 'accepted' } });
    expect(received(moved, 'TriggerMessage')).toBe(1);
  });

  it('says which node answers, and a draining node leaves the rotation at once and lets its stations go', async () => {
    expect(await (await fetch(`${a.url}/metrics`)).text()).toContain('ladepay_node_info{node="node-a"} 1');
    expect(await (await fetch(`${b.url}/health/ready`)).json()).toMatchObject({ status: 'ok', node: 'node-b' });
    expect(await holder('CL-16')).toBe('node-b');
    const drained = b.drain();
    const ready = await fetch(`${b.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'draining', node: 'node-b' });
    await drained;
    // Its station was asked to connect again (1012) and its lease given up.
    expect(await database.db.selectFrom('station_owners').selectAll().where('node_id', '=', 'node-b').execute()).toEqual([]);
    const row = await database.db.selectFrom('cluster_nodes').select('state').where('node_id', '=', 'node-b').executeTakeFirst();
    expect(row?.state).toBe('stopped');
    expect((await fetch(`${a.url}/health/ready`)).status).toBe(200);
  });
});
