import type { VippsSimulator } from '../simulators/vipps/index.ts';
import { WEBHOOK_PATH } from '../src/composition/web.ts';
import type { LoadBalancer } from '../test/support/load-balancer.ts';
import type { BenchCluster } from './bench-cluster.ts';
import type { BenchDatabase } from './bench-database.ts';
import { pay, pressStop } from './bench-driver.ts';
import { AMOUNT_ORE, driverAddress, settledWrong, untilReleased, whenCharging, type FlowStation, type SessionToCheck } from './cluster-drivers.ts';
import type { ApprovalProbe } from './cluster-run.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// (3) Approval → RemoteStart when the payment is made on a node that does
// not hold the station, next to one made on the node that does. Each driver
// posts the payment form to one node directly (not through HAProxy); Vipps'
// webhook comes through HAProxy as always, to whichever node it picks.
// Probes go one at a time, so each is timed alone; two rounds, so each
// station is paid for once on its own node and once on another.
export async function approvalProbes(o: {
  cluster: BenchCluster;
  stations: FlowStation[];
  vipps: VippsSimulator;
  database: BenchDatabase;
  firstDriver: number;
  log(line: string): void;
}): Promise<{ probes: ApprovalProbe[]; wrong: string[] }> {
  const probes: ApprovalProbe[] = [];
  const wrong: string[] = [];
  let driver = o.firstDriver;
  for (const round of [0, 1]) {
    // No webhook of an earlier session still on its way, to be taken for a probe's.
    await o.vipps.idle();
    const started: Array<{ check: SessionToCheck; index: number }> = [];
    for (const [i, fs] of o.stations.entries()) {
      const index = driver++;
      const probe: ApprovalProbe = { sameNode: (i + round) % 2 === 0 };
      try {
        started.push({ check: await probeOne(o, fs, probe, i, index), index });
      } catch (err) {
        probe.failure = err instanceof Error ? err.message : String(err);
      }
      probes.push(probe);
    }
    o.log(`approval probes, round ${round + 1}: ${started.length} started; stopping them`);
    // Every session of the round stopped through the balancer, and checked.
    await Promise.all(
      started.map(async ({ check, index }) => {
        const statusUrl = `${o.cluster.lb.url}/s/${check.token}`;
        try {
          const stop = await whenCharging(statusUrl, driverAddress(index));
          await pressStop(statusUrl, stop, driverAddress(index));
          await untilReleased(o.vipps, check.reference, 60_000);
          const problem = await settledWrong(o.database, o.vipps, check);
          if (problem) wrong.push(problem);
        } catch (err) {
          wrong.push(`${check.station.station.id}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }),
    );
  }
  return { probes, wrong };
}

function webhookRoutes(lb: LoadBalancer): string[] {
  return lb
    .routed()
    .filter((r) => r.method === 'POST' && r.path.startsWith(WEBHOOK_PATH))
    .map((r) => r.server);
}

async function probeOne(o: { cluster: BenchCluster; vipps: VippsSimulator; database: BenchDatabase }, fs: FlowStation, probe: ApprovalProbe, i: number, index: number): Promise<SessionToCheck> {
  const { cluster, vipps } = o;
  const holder = (await cluster.holders()).get(fs.station.id);
  if (!holder) throw new Error(`${fs.station.id} is held by no node`);
  const others = cluster.nodes.nodes.filter((n) => n.id !== holder);
  const via = probe.sameNode ? cluster.nodes.nodes.find((n) => n.id === holder) : others[i % others.length];
  if (!via) throw new Error(`no node to pay on for ${fs.station.id}`);
  const meterAtStartWh = fs.cp.cp.connector(1).energyWh;
  fs.cp.forget();
  // The form as the page served by the balancer posts it, sent to one node.
  const phoneUrl = await pay(via.url, fs.station.code, driverAddress(index), AMOUNT_ORE, cluster.lb.url);
  const reference = vipps.paymentOfPhone(phoneUrl)?.reference;
  if (!reference) throw new Error('no payment behind the phone page');
  const token = await tokenByReference(o.database, reference);
  const hooksBefore = webhookRoutes(cluster.lb).length;
  const t0 = Date.now();
  const outcome = vipps.phone.approve(reference);
  if (!outcome.ok) throw new Error(`approve: ${outcome.detail}`);
  probe.ms = (await fs.cp.waitFor('remoteStart', 30_000)) - t0;
  // HAProxy logs the webhook as its answer's headers come back: by now, or a moment later.
  for (let k = 0; k < 100 && webhookRoutes(cluster.lb).length <= hooksBefore; k++) await sleep(20);
  const hook = webhookRoutes(cluster.lb)[hooksBefore];
  if (hook) probe.webhookOnHolder = hook === holder;
  await fs.cp.waitFor('startAnswered', 30_000);
  return { token, reference, station: fs, meterAtStartWh };
}

async function tokenByReference(database: BenchDatabase, reference: string): Promise<string> {
  const row = await database.db.selectFrom('sessions').select('token').where('vipps_reference', '=', reference).executeTakeFirst();
  if (!row) throw new Error(`no session with reference ${reference}`);
  return row.token;
}
