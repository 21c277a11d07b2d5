import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { generateStationSecret, hashStationSecret } from '../src/adapters/security/station-secret.ts';
import { startVippsSimulator } from '../simulators/vipps/index.ts';
import { ConsoleClient } from '../test/console/console-client.ts';
import { createBenchDatabase, seedStations } from './bench-database.ts';
import { startLadepayChild, type LadepayChild } from './ladepay-child.ts';
import { machineInfo } from './machine-info.ts';
import { ms, summarize, type Summary } from './percentiles.ts';
import { Flags } from './read-flags.ts';
import { waitForQuietMachine } from './wait-for-quiet-machine.ts';

// What an attacker learns and costs at the OCPP door:
// 1. timing: a wrong password on a known station id against an unknown id,
//    many tries each, interleaved, as percentiles;
// 2. starvation: a console login's latency alone, then while 64 unauthenticated
//    upgrades hammer the server without pause.
// Ladepay runs as its own process (as `ladepay serve`), the load from this one,
// all on 127.0.0.1. Results go to docs/security.md (the station door) by hand.

const flags = new Flags(process.argv.slice(2));
const tries = flags.num('tries', 300);
const logins = flags.num('logins', 8);
const hammer = flags.num('hammer', 64);
// 'off': the attempt limits set out of reach, to time the password check
// itself; 'default': as shipped, what an attacker actually meets.
const limits = flags.str('limits', 'off');
const skipWait = flags.bool('no-wait');
flags.rejectUnknown();

const LIMITS_OFF: Record<string, string> = {
  OCPP_AUTH_FAILURES_PER_STATION: '1000000',
  OCPP_AUTH_FAILURES_PER_ADDRESS: '1000000',
  OCPP_AUTH_MAX_DELAY_MS: '0',
  OCPP_MAX_CONNECTIONS_PER_ADDRESS: '100000',
};
const ADMIN = { email: 'bench@ladepay.no', password: 'bench-admin-password-1' };
const STATION = 'BENCH-1';

const log = (line: string) => console.log(`[auth ${new Date().toISOString().slice(11, 19)}] ${line}`);

// One upgrade attempt; resolves with the HTTP status and the milliseconds from
// the request to its answer.
function attempt(url: string, stationId: string, password: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ocpp/${encodeURIComponent(stationId)}`, ['ocpp1.6'], {
    headers: { authorization: 'Basic ' + Buffer.from(`${stationId}:${password}`).toString('base64') },
  });
  return new Promise((resolve) => {
    const done = (status: number) => {
      resolve({ status, ms: performance.now() - started });
      ws.terminate();
    };
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    ws.once('upgrade', () => done(101));
    ws.once('error', () => done(0));
  });
}

async function timing(url: string): Promise<{ known: Summary; unknown: Summary; statuses: Record<string, number> }> {
  const known: number[] = [];
  const unknown: number[] = [];
  const statuses: Record<string, number> = {};
  for (let i = 0; i < tries; i++) {
    // Interleaved, so a drift in the machine's load touches both alike.
    const k = await attempt(url, STATION, `wrong-${randomBytes(8).toString('hex')}`);
    const u = await attempt(url, `NOPE-${randomBytes(4).toString('hex')}`, `wrong-${randomBytes(8).toString('hex')}`);
    if (i >= 10) {
      known.push(k.ms);
      unknown.push(u.ms);
    }
    statuses[`known ${k.status}`] = (statuses[`known ${k.status}`] ?? 0) + 1;
    statuses[`unknown ${u.status}`] = (statuses[`unknown ${u.status}`] ?? 0) + 1;
  }
  return { known: summarize(known), unknown: summarize(unknown), statuses };
}

async function loginTimes(url: string, n: number): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const client = new ConsoleClient(url);
    const page = await client.get('/console/login');
    const started = performance.now();
    const answer = await client.post('/console/login', { _csrf: ConsoleClient.csrfOf(page.text), email: ADMIN.email, password: ADMIN.password, next: '/console' });
    samples.push(performance.now() - started);
    if (answer.status !== 303) throw new Error(`console login answered ${answer.status}`);
  }
  return summarize(samples);
}

// `hammer` loops of unauthenticated upgrades with unknown ids, each starting
// the next as soon as the last is answered, until stopped.
function startHammer(url: string): { stop(): Promise<{ attempts: number; statuses: Record<string, number> }> } {
  let running = true;
  let attempts = 0;
  const statuses: Record<string, number> = {};
  const loops = Array.from({ length: hammer }, async () => {
    while (running) {
      const r = await attempt(url, `NOPE-${randomBytes(4).toString('hex')}`, randomBytes(12).toString('hex'));
      attempts++;
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return { attempts, statuses };
    },
  };
}

function row(name: string, s: Summary): string {
  return `| ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p90)} | ${ms(s.p99)} | ${ms(s.max)} |`;
}

async function main(): Promise<void> {
  if (!skipWait) await waitForQuietMachine({ log });
  const machine = machineInfo();
  const vipps = await startVippsSimulator({ port: 0 });
  const database = await createBenchDatabase('sqlite');
  let ladepay: LadepayChild | undefined;
  try {
    await seedStations(database, [{ id: STATION, code: 'BENCH1' }], await hashStationSecret(generateStationSecret()));
    await database.close();
    ladepay = await startLadepayChild({
      vipps,
      databaseUrl: database.databaseUrl,
      env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...(limits === 'off' ? LIMITS_OFF : {}) },
    });
    log(`Ladepay at ${ladepay.url} (limits ${limits}); ${tries} tries of each kind`);
    const t = await timing(ladepay.url);
    log('console logins, quiet');
    const quiet = await loginTimes(ladepay.url, logins);
    const h = startHammer(ladepay.url);
    // Let the hammer reach full speed first.
    await new Promise((r) => setTimeout(r, 1000));
    log(`console logins while ${hammer} upgrades hammer`);
    const loaded = await loginTimes(ladepay.url, logins);
    const hammered = await h.stop();

    const lines = [
      `Machine: ${machine.cpuModel}, ${machine.cpuCount} CPUs, ${machine.memoryGiB.toFixed(0)} GiB, ${machine.os}, Node ${machine.node}; ` +
        `commit ${machine.code}; ${machine.date}; load average at start ${machine.loadAtStart.map((l) => l.toFixed(2)).join(' / ')}, at end ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.`,
      `Limits: ${limits}. Answers: ${Object.entries(t.statuses).map(([k, v]) => `${k}: ${v}`).join(', ')}.`,
      '',
      '| what | n | p50 | p90 | p99 | max |',
      '| --- | --- | --- | --- | --- | --- |',
      row('known id, wrong password', t.known),
      row('unknown id', t.unknown),
      row('console login, quiet', quiet),
      row(`console login, ${hammer} upgrades hammering`, loaded),
      '',
      `Hammer: ${hammered.attempts} upgrades answered (${Object.entries(hammered.statuses).map(([k, v]) => `${k}: ${v}`).join(', ')}).`,
    ];
    console.log(lines.join('\n'));
  } finally {
    await ladepay?.stop();
    await vipps.stop();
    await database.drop();
  }
}

await main();
