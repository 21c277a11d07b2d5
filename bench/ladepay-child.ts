import { randomBytes } from 'node:crypto';
import { freePort } from '../src/adapters/web/free-port.ts';
import type { VippsSimulator } from '../simulators/vipps/index.ts';
import { startNodeChild, type NodeChild } from './node-child.ts';

export interface LadepayChild {
  url: string;
  pid: number;
  node: NodeChild;
  stop(): Promise<void>;
}

// Ladepay as its own process, exactly as `npm run ladepay -- serve` runs it,
// so that its CPU and memory can be read apart from the load that drives it.
export async function startLadepayChild(o: {
  vipps: VippsSimulator;
  databaseUrl: string;
  env?: Record<string, string>;
  cpuProfileDir?: string;
}): Promise<LadepayChild> {
  const port = await freePort('127.0.0.1');
  const m = o.vipps.merchants[0];
  if (!m) throw new Error('the Vipps simulator has no merchant');
  const nodeArgs = o.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfileDir}`, '--cpu-prof-interval=2000'] : [];
  const node = startNodeChild({
    script: 'src/main.ts',
    args: ['serve'],
    nodeArgs,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      // Links, the returnUrl and the webhook URL on the address the bench reaches.
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: o.databaseUrl,
      LOG_LEVEL: 'warn',
      VIPPS_BASE_URL: o.vipps.url,
      VIPPS_CLIENT_ID: m.clientId,
      VIPPS_CLIENT_SECRET: m.clientSecret,
      VIPPS_SUBSCRIPTION_KEY: m.subscriptionKey,
      VIPPS_MSN: m.msn,
      SECRETS_KEY: randomBytes(32).toString('base64'),
      OPERATOR_ADDRESS: 'Benkeveien 1, 0150 Oslo',
      // The bench's drivers each name their own address in X-Forwarded-For,
      // as a proxy on this machine would.
      TRUSTED_PROXIES: '127.0.0.1',
      ...o.env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (node.exited()) throw new Error(`Ladepay exited during start-up:\n${node.output()}`);
    const res = await fetch(`${url}/health/live`).catch(() => undefined);
    if (res?.ok) break;
    if (Date.now() > deadline) {
      await node.stop();
      throw new Error(`Ladepay did not answer /health/live within 120 s:\n${node.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, pid: node.pid, node, stop: () => node.stop() };
}
