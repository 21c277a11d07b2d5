import { parseArgs } from 'node:util';
import { startVippsSimulator } from './index.ts';

// `npm run sim:vipps -- --port 7070 [--host 127.0.0.1] [--public-url URL] [--seed N] [--approval-window-ms N]
// [--token-lifetime-seconds N] [--log-level info]`. The FIRST stdout line is one JSON object with the URL
// and the merchant credentials, so scripts can read it before any log line.

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a whole number >= 0, got ${value}`);
  return parsed;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'public-url': { type: 'string' },
    seed: { type: 'string' },
    'approval-window-ms': { type: 'string' },
    'token-lifetime-seconds': { type: 'string' },
    'log-level': { type: 'string' },
    help: { type: 'boolean' },
  },
  strict: true,
});

if (values.help) {
  process.stdout.write(
    'Usage: npm run sim:vipps -- [--port N] [--host H] [--public-url URL] [--seed N] [--approval-window-ms N] [--token-lifetime-seconds N] [--log-level info|debug|warn]\n',
  );
  process.exit(0);
}

// Log lines wait until the first line is out: Fastify logs "listening" before listen() resolves.
let ready = false;
const pending: string[] = [];
const stream = {
  write(line: string) {
    if (ready) process.stdout.write(line);
    else pending.push(line);
  },
};

const simulator = await startVippsSimulator({
  port: numberOption('port', values.port) ?? 0,
  host: values.host ?? '127.0.0.1',
  publicUrl: values['public-url'],
  seed: numberOption('seed', values.seed),
  approvalWindowMs: numberOption('approval-window-ms', values['approval-window-ms']),
  tokenLifetimeSeconds: numberOption('token-lifetime-seconds', values['token-lifetime-seconds']),
  logger: { level: values['log-level'] ?? 'info', stream },
});

const merchants = simulator.merchants.map(({ clientId, clientSecret, subscriptionKey, msn }) => ({ clientId, clientSecret, subscriptionKey, msn }));
process.stdout.write(`${JSON.stringify({ vippsSimulator: { url: simulator.url, merchants } })}\n`);
ready = true;
for (const line of pending.splice(0)) process.stdout.write(line);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`vipps simulator: ${signal}, stopping\n`);
  simulator.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`vipps simulator: stop failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
