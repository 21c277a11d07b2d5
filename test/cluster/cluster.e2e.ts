import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashStationSecret } from '../../src/adapters/security/station-secret.ts';
import { Outbox } from '../../src/adapters/storage/outbox.ts';
import { KyselySessionRepository } from '../../src/adapters/storage/session-repository.ts';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { TariffStore } from '../../src/adapters/storage/tariff-store.ts';
import type { Session } from '../../src/core/session/session.ts';
import { startChargePoint, type ChargePoint } from '../../simulators/charge-point/index.ts';
import { startVippsSimulator, type VippsSimulator } from '../../simulators/vipps/index.ts';
import { clusterSlots, startClusterNodes, type ClusterNodes } from '../support/cluster-nodes.ts';
import { eventually, WAIT_LIMIT_MS } from '../support/eventually.ts';
import { startLoadBalancer, type LoadBalancer } from '../support/load-balancer.ts';
import { STATION_PASSWORD, standardTariff, systemEnv } from '../support/system.ts';
import { skipUnlessPresent } from '../support/system-deps.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// Three Ladepay nodes as processes on one PostgreSQL behind a real HAProxy,
// the Vipps simulator, and stations on both protocols connected through the
// balancer (docs/deploy.md). Drivers pay through one node while their
// stations sit on others; then the node holding most stations is killed
// mid-charge; then every node is restarted, one after the other. Every
// session settles with the books right to the øre against the stations' own
// meters and Vipps' books, and no job runs twice.
const WHAT = 'test/cluster/cluster.e2e.ts';
const MAX = 35_000;
const CHARGE_MS = 12_000;
const STATIONS = [
  ['KL-1', 'ocpp1.6'],
  ['KL-2', 'ocpp2.0.1'],
  ['KL-3', 'ocpp1.6'],
  ['KL-4', 'ocpp2.0.1'],
  ['KL-5', 'ocpp1.6'],
  ['KL-6', 'ocpp2.0.1'],
] as const;
type StationId = (typeof STATIONS)[number][0];

describe.skipIf(skipUnlessPresent('postgresql', WHAT) || skipUnlessPresent('haproxy', WHAT))('three nodes behind HAProxy on one PostgreSQL', () => {
  let database: TestDatabase;
  let vipps: VippsSimulator;
  let lb: LoadBalancer | undefined;
  let cluster: ClusterNodes | undefined;
  let repo: KyselySessionRepository;
  const cps = new Map<StationId, ChargePoint>();
  const settledSessions: Session[] = [];
  let webhookRegistrations = 0;
  let drivers = 0;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    vipps = await startVippsSimulator({
      port: 0,
      webhookRetry: { backoffMs: [50, 100, 200, 400], timeoutMs: 2000 },
      // Counts the webhook registrations Vipps sees, from its own request log.
      logger: {
        level: 'info',
        stream: {
          write(line: string) {
            const req = (JSON.parse(line) as { req?: { method?: string; url?: string } }).req;
            if (req?.method === 'POST' && /\/v1\/webhooks$/.test(req.url ?? '')) webhookRegistrations += 1;
          },
        },
      },
    });
    repo = new KyselySessionRepository(database.db, database.dialect, new Outbox(database.db, database.dialect));
    const stations = new StationStore(database.db);
    await stations.createSite({ id: 'site', name: 'Klyngegata lading', address: 'Klyngegata 1, 0150 Oslo' }, new Date());
    await new TariffStore(database.db).create({ id: 't', siteId: null, name: 'Standard', tariff: standardTariff, validFrom: new Date('2020-01-01Z') }, new Date());
    const passwordHash = await hashStationSecret(STATION_PASSWORD);
    for (const [id] of STATIONS) {
      await stations.createStation({ id, siteId: 'site', name: id, passwordHash, connectors: [{ connectorNo: 1, type: 'CCS', maxPowerW: 50_000, code: `${id}-A` }] }, new Date());
    }
    const slots = await clusterSlots(3);
    lb = await startLoadBalancer(slots.map((s) => ({ name: s.id, port: s.port })));
    const env = systemEnv(database, vipps, {
      LOG_LEVEL: 'warn',
      PUBLIC_URL: lb.url,
      TRUSTED_PROXIES: '127.0.0.1',
      OUTBOX_LEASE_SECONDS: '3',
      CLUSTER_LEASE_SECONDS: '6',
      RECONCILE_SECONDS: '1',
      DRAIN_SECONDS: '1',
    });
    cluster = await startClusterNodes({ slots, env });
    for (const [id, protocol] of STATIONS) {
      const cp = await startChargePoint({
        csmsUrl: `${lb.wsUrl}/ocpp`,
        stationId: id,
        password: STATION_PASSWORD,
        protocol,
        // The nodes run on the real clock and check station stamps against
        // it: the station's clock runs with it (crash-safety.e2e.ts).
        timeScale: 1,
        reconnectInitialDelayMs: 100,
        reconnectMaxDelayMs: 500,
        settleTimeoutMs: WAIT_LIMIT_MS,
      });
      cps.set(id, cp);
    }
    await eventually(async () => (await holders()).size === STATIONS.length, 'every station held by a node');
  });

  afterAll(async () => {
    if (process.env.DUMP) for (const n of cluster?.nodes ?? []) process.stderr.write(`--- ${n.id}\n${n.process.output()}\n`);
    await Promise.all([...cps.values()].map((c) => c.stop().catch(() => undefined)));
    await cluster?.stopAll();
    await lb?.stop();
    await vipps?.stop();
    await database?.drop();
  });

  beforeEach(({ onTestFailed }) =>
    onTestFailed(() => {
      const nodes = cluster?.nodes.map((n) => `--- ${n.id} (port ${n.port}):\n${n.process.output()}`) ?? [];
      process.stderr.write(`--- HAProxy:\n${lb?.output().slice(-20_000) ?? ''}\n${nodes.join('\n')}\n`);
    }),
  );

  // Station → the node holding its socket, from the database.
  async function holders(): Promise<Map<string, string>> {
    const rows = await database.db.selectFrom('station_owners').select(['station_id', 'node_id']).execute();
    return new Map(rows.map((r) => [r.station_id, r.node_id]));
  }
  const otherNode = (id: string | undefined) => cluster!.nodes.find((n) => n.id !== id)!;
  const state = async (token: string) => (await repo.byToken(token))!.session;
  const until = (token: string, p: (s: Session) => boolean, what: string) =>
    eventually(async () => {
      const s = await state(token);
      return p(s) ? s : undefined;
    }, what);

  // The driver's browser, on the node given (not the balancer): the landing form.
  async function startPaying(base: string, station: StationId): Promise<Session> {
    const res = await fetch(`${base}/c/${station}-A/start`, {
      method: 'POST',
      redirect: 'manual',
      // Each driver on a phone of their own (the nodes trust the balancer's address).
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: lb!.url, 'x-forwarded-for': `10.0.${drivers >> 8}.${(drivers += 1) & 255}` },
      body: `amount=${MAX}&terms=yes&method=WALLET`,
    });
    expect(res.status).toBe(303);
    const token = /\/s\/([^/?#]+)/.exec(res.headers.get('location') ?? '')?.[1];
    if (!token) {
      // Vipps' page first: the session is the newest one on the station.
      const rows = await database.db.selectFrom('sessions').select('token').orderBy('created_at', 'desc').execute();
      for (const r of rows) {
        const s = await state(r.token);
        if (s.stationId === station) return s;
      }
      throw new Error(`no session for ${station}`);
    }
    return state(token);
  }

  async function pressStop(base: string, token: string) {
    const page = await (await fetch(`${base}/s/${token}`)).text();
    const check = /name="check" value="([^"]+)"/.exec(page)?.[1];
    const res = await fetch(`${base}/s/${token}/stop`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: lb!.url },
      body: `check=${encodeURIComponent(check ?? '')}`,
    });
    expect(res.status).toBe(303);
  }

  // The status page's live stream on a node: counts the updates it pushes.
  function watch(base: string, token: string): { updates(): number; close(): void } {
    let updates = 0;
    const req = httpRequest(`${base}/s/${token}/events`, { headers: { accept: 'text/event-stream' } }, (res) => {
      res.on('data', (d: Buffer) => (updates += (d.toString().match(/^data:/gm) ?? []).length));
    });
    req.on('error', () => undefined);
    req.end();
    return { updates: () => updates, close: () => req.destroy() };
  }

  // Pays on a node that does not hold the station; charging once approved.
  async function payElsewhere(station: StationId): Promise<Session> {
    const cp = cps.get(station)!;
    if (!cp.connector(1).pluggedIn) await cp.plugIn(1);
    const holder = (await holders()).get(station);
    const s = await startPaying(otherNode(holder).url, station);
    vipps.phone.approve(s.reference);
    return until(s.token, (x) => x.state === 'charging', `${station} charging`);
  }

  // Settled, and right to the øre: the price of what the station's own meter
  // counted, captured once, the rest released once, as Vipps' books say.
  async function settledRight(station: StationId, token: string, meterAtStartWh: number): Promise<Session> {
    const s = await until(token, (x) => x.state === 'settled', `${station} settled`);
    const meteredWh = cps.get(station)!.connector(1).energyWh - meterAtStartWh;
    expect((s.meterLastWh ?? 0) - (s.meterStartWh ?? 0)).toBe(meteredWh);
    expect(s.priced?.totalOre).toBe(Math.round((meteredWh * 500) / 1000));
    const books = vipps.books(s.reference)!;
    expect(books.payment.aggregate.capturedAmount.value).toBe(s.capturedOre);
    expect(books.payment.aggregate.cancelledAmount.value).toBe(s.cancelledOre);
    expect(s.capturedOre).toBe(s.priced?.totalOre);
    expect(s.capturedOre + s.cancelledOre).toBe(MAX);
    const done = books.events.filter((e) => e.success);
    expect(done.filter((e) => e.name === 'CAPTURED')).toHaveLength(s.capturedOre > 0 ? 1 : 0);
    expect(done.filter((e) => e.name === 'CANCELLED')).toHaveLength(1);
    settledSessions.push(s);
    return s;
  }

  it('drivers pay through one node while their stations sit on others: every session starts, updates live and settles', async () => {
    const held = await holders();
    expect(new Set(held.values()).size).toBeGreaterThan(1); // the balancer spread the stations
    const running: Array<{ station: StationId; session: Session; meterWh: number }> = [];
    for (const [station] of STATIONS) {
      const meterWh = cps.get(station)!.connector(1).energyWh;
      running.push({ station, session: await payElsewhere(station), meterWh });
    }
    // A page served by a node that holds neither the payment nor the station.
    const [first] = running;
    const viewer = cluster!.nodes.find((n) => n.id !== held.get(first!.station))!;
    const live = watch(viewer.url, first!.session.token);
    await eventually(() => live.updates() > 0, 'the live page’s first view');
    const seen = live.updates();
    for (const r of running) await cps.get(r.station)!.tick(CHARGE_MS);
    await eventually(() => live.updates() > seen, 'the live page updated by another node’s station');
    live.close();
    for (const r of running) await pressStop(otherNode(held.get(r.station)).url, r.session.token);
    for (const r of running) await settledRight(r.station, r.session.token, r.meterWh);
  });

  it('the node holding most stations dies mid-charge: its stations reconnect through the balancer to the others, and every session settles right', async () => {
    const running: Array<{ station: StationId; session: Session; meterWh: number }> = [];
    for (const [station] of STATIONS) {
      const meterWh = cps.get(station)!.connector(1).energyWh;
      running.push({ station, session: await payElsewhere(station), meterWh });
    }
    for (const r of running) await cps.get(r.station)!.tick(CHARGE_MS / 2);
    const counts = new Map<string, number>();
    for (const node of (await holders()).values()) counts.set(node, (counts.get(node) ?? 0) + 1);
    const [victim] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const index = cluster!.nodes.findIndex((n) => n.id === victim);
    await cluster!.kill9(index);
    await eventually(async () => {
      const h = await holders();
      return STATIONS.every(([id]) => h.has(id) && h.get(id) !== victim && cps.get(id)!.isOnline());
    }, 'every station served again by the other nodes');
    for (const r of running) await cps.get(r.station)!.tick(CHARGE_MS / 2);
    const survivor = otherNode(victim).url;
    for (const r of running) await pressStop(survivor, r.session.token);
    for (const r of running) await settledRight(r.station, r.session.token, r.meterWh);
    await cluster!.restart(index);
  });

  it('a rolling restart of every node (SIGTERM one by one) loses no session and no command', async () => {
    const running: Array<{ station: StationId; session: Session; meterWh: number }> = [];
    for (const [station] of STATIONS) {
      const meterWh = cps.get(station)!.connector(1).energyWh;
      running.push({ station, session: await payElsewhere(station), meterWh });
    }
    // One node after the other goes away drained and comes back; after each,
    // one driver presses stop (through the balancer) while the others charge on.
    for (let i = 0; i < cluster!.nodes.length; i++) {
      await cluster!.stop(i);
      for (const r of running) await cps.get(r.station)!.tick(CHARGE_MS / 4);
      const r = running[i]!;
      await pressStop(lb!.url, r.session.token);
      await until(r.session.token, (s) => s.state === 'settled', `${r.station} stopped during the restart of node ${i + 1}`);
      await cluster!.restart(i);
    }
    for (const r of running.slice(cluster!.nodes.length)) await pressStop(lb!.url, r.session.token);
    for (const r of running) await settledRight(r.station, r.session.token, r.meterWh);
  });

  it('ran no job twice: one webhook registration, one capture and one receipt per session', async () => {
    expect(settledSessions).toHaveLength(STATIONS.length * 3);
    expect(webhookRegistrations).toBe(1);
    await eventually(async () => {
      for (const s of settledSessions) if (!vipps.receipts(s.reference)?.receipt) return false;
      return true;
    }, 'every receipt in Vipps');
    // One receipt item per session, each done (Vipps may hold a receipt a moment before its item is marked done).
    const receipts = await eventually(async () => {
      const rows = await database.db.selectFrom('outbox').select(['key', 'state']).where('kind', '=', 'session.send_receipt').execute();
      return rows.every((r) => r.state === 'done') ? rows : undefined;
    }, 'every receipt item done');
    expect(new Set(receipts.map((r) => r.key)).size).toBe(settledSessions.length);
    expect(receipts).toHaveLength(settledSessions.length);
    const registrations = new Set(vipps.webhookDeliveries().map((d) => d.registrationId));
    expect(registrations.size).toBe(1);
  });
});
