import { chromium } from 'playwright-core';
import { generateStationSecret, hashStationSecret } from '../src/adapters/security/station-secret.ts';
import { startChargePoint, type ChargePoint } from '../simulators/charge-point/index.ts';
import { startVippsSimulator } from '../simulators/vipps/index.ts';
import { benchStations, createBenchDatabase, seedStations } from './bench-database.ts';
import { approveOnPhone, pay, sessionJson } from './bench-driver.ts';
import { startLadepayChild, type LadepayChild } from './ladepay-child.ts';
import { machineInfo, machineMarkdown } from './machine-info.ts';
import { visitPage, type PageVisit, type Throttle } from './page-visit.ts';
import { ms } from './percentiles.ts';
import { Flags } from './read-flags.ts';
import { pageWeight } from './raw-get.ts';
import { writeResultsSection } from './results-doc.ts';
import { quietMarkdown, waitForQuietMachine } from './wait-for-quiet-machine.ts';

// Pages: what the driver's phone downloads for the landing and status pages,
// and how soon the landing page can be used on a slow 4G connection, in
// Debian's Chromium driven by playwright-core.

// As Ladepay makes them for a new station: long and random, kept as a salted HMAC.
const PASSWORD = generateStationSecret();
const PAY_BUTTON = 'button[name="method"][value="WALLET"]';

const flags = new Flags(process.argv.slice(2));
const runs = flags.num('runs', 7);
const throttle: Throttle = {
  latencyMs: flags.num('latency', 150),
  downKbps: flags.num('down-kbps', 1600),
  upKbps: flags.num('up-kbps', 750),
  cpuSlowdown: flags.num('cpu-slowdown', 1),
};
const write = !flags.bool('no-write');
const skipWait = flags.bool('no-wait');
flags.rejectUnknown();

const log = (line: string) => console.log(`[pages ${new Date().toISOString().slice(11, 19)}] ${line}`);
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function median(values: number[]): number {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}

function range(values: number[], f: (n: number) => string): string {
  const v = values.filter(Number.isFinite);
  return v.length ? `${f(median(v))} (${f(Math.min(...v))}–${f(Math.max(...v))})` : '–';
}

async function main(): Promise<void> {
  const machine = machineInfo();
  const quiet = skipWait ? { quiet: true, waitedSeconds: 0, load1: machine.loadAtStart[0] ?? 0 } : await waitForQuietMachine({ log });
  const started = Date.now();
  const stations = benchStations('PG', 2);
  const database = await createBenchDatabase('sqlite');
  const vipps = await startVippsSimulator({ port: 0 });
  let ladepay: LadepayChild | undefined;
  const cps: ChargePoint[] = [];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    await seedStations(database, stations, await hashStationSecret(PASSWORD));
    ladepay = await startLadepayChild({ vipps, databaseUrl: database.databaseUrl });
    const csmsUrl = `${ladepay.url.replace(/^http/, 'ws')}/ocpp`;
    for (const [i, s] of stations.entries()) {
      const cp = await startChargePoint({ csmsUrl, stationId: s.id, password: PASSWORD, protocol: i === 0 ? 'ocpp1.6' : 'ocpp2.0.1', timeScale: 0 });
      await cp.plugIn(1, { socPercent: 30 });
      cps.push(cp);
    }
    // A session charging on the second station, for its status page.
    const driver = { address: '10.9.9.9' };
    const statusUrl = await approveOnPhone(await pay(ladepay.url, stations[1]!.code, driver, 35_000));
    for (let i = 0; (await sessionJson(statusUrl, driver)).phase !== 'charging'; i++) {
      if (i > 600) throw new Error('the session never started charging');
      await new Promise((r) => setTimeout(r, 50));
    }
    await cps[1]!.tick(15 * 60_000);
    const landingUrl = `${ladepay.url}/c/${stations[0]!.code}`;

    const weights = {
      landing: { br: await pageWeight(landingUrl, 'br'), gzip: await pageWeight(landingUrl, 'gzip'), identity: await pageWeight(landingUrl, 'identity') },
      status: { br: await pageWeight(statusUrl, 'br'), gzip: await pageWeight(statusUrl, 'gzip'), identity: await pageWeight(statusUrl, 'identity') },
    };
    log(`landing: ${kb(weights.landing.br.totalBytes)} br, ${kb(weights.landing.gzip.totalBytes)} gzip, ${kb(weights.landing.identity.totalBytes)} uncompressed`);
    log(`status: ${kb(weights.status.br.totalBytes)} br, ${kb(weights.status.gzip.totalBytes)} gzip, ${kb(weights.status.identity.totalBytes)} uncompressed`);

    const landing: PageVisit[] = [];
    const status: PageVisit[] = [];
    for (let i = 0; i < runs; i++) {
      landing.push(await visitPage(browser, landingUrl, throttle, { watch: PAY_BUTTON, repeat: i === 0 }));
      status.push(await visitPage(browser, statusUrl, throttle, { repeat: i === 0, lingerMs: 1000 }));
      const l = landing[i]!;
      log(`run ${i + 1}/${runs}: landing FCP ${ms(l.fcpMs)}, Pay usable ${ms(l.usableMs ?? NaN)}, ${kb(l.transferBytes)}; status FCP ${ms(status[i]!.fcpMs)}, ${kb(status[i]!.transferBytes)}`);
    }

    const payUsable = median(landing.map((v) => v.usableMs ?? NaN));
    const landingBytes = median(landing.map((v) => v.transferBytes));
    const weightRows = (name: string, w: (typeof weights)['landing']) =>
      w.br.items.map((item, i) => `| ${name} | \`${item.url}\` | ${kb(item.bodyBytes)} | ${kb(w.gzip.items[i]?.bodyBytes ?? NaN)} | ${kb(w.identity.items[i]?.bodyBytes ?? NaN)} |`);
    const t = throttle;
    const markdown = [
      '## Pages',
      '',
      `Measured with \`npm run bench:pages${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` (${((Date.now() - started) / 60_000).toFixed(1)} min).`,
      '',
      machineMarkdown(machine),
      quietMarkdown(quiet),
      '',
      'Ladepay runs as a child process (SQLite) with one station free for the landing page and one session charging for the status page.',
      '',
      '### Bytes',
      '',
      'Each page and the resources it loads (its stylesheet and script; the favicon is a `data:` URL), fetched with the given Accept-Encoding; body bytes as sent.',
      '',
      '| page | resource | br | gzip | uncompressed |',
      '| --- | --- | ---: | ---: | ---: |',
      ...weightRows('landing', weights.landing),
      `| **landing** | **all, bodies** | **${kb(weights.landing.br.bodyBytes)}** | **${kb(weights.landing.gzip.bodyBytes)}** | **${kb(weights.landing.identity.bodyBytes)}** |`,
      `| landing | all, with response headers | ${kb(weights.landing.br.totalBytes)} | ${kb(weights.landing.gzip.totalBytes)} | ${kb(weights.landing.identity.totalBytes)} |`,
      ...weightRows('status', weights.status),
      `| **status** | **all, bodies** | **${kb(weights.status.br.bodyBytes)}** | **${kb(weights.status.gzip.bodyBytes)}** | **${kb(weights.status.identity.bodyBytes)}** |`,
      `| status | all, with response headers | ${kb(weights.status.br.totalBytes)} | ${kb(weights.status.gzip.totalBytes)} | ${kb(weights.status.identity.totalBytes)} |`,
      '',
      '### In Chromium on slow 4G',
      '',
      `Debian's Chromium (\`/usr/bin/chromium\`, headless, via playwright-core), a phone-sized context (390×844, touch), a fresh context per run ` +
        `(cold cache), the network throttled through the DevTools protocol (Network.emulateNetworkConditions: ${t.downKbps} kbit/s down, ` +
        `${t.upKbps} kbit/s up, ${t.latencyMs} ms latency)${t.cpuSlowdown > 1 ? `, CPU slowed ${t.cpuSlowdown}×` : ', no CPU slowdown'}. ` +
        `${runs} runs; median (min–max). Times from navigation start. "Pay usable": the Pay with Vipps button is in the page, enabled, laid out ` +
        'and not hidden, its stylesheet loaded, and the page has painted (the later of that and first contentful paint); the page needs no ' +
        'script for it. Transfer: every response as Chromium received it, headers included (over plain http Chromium asks for gzip, not br; ' +
        'on https it would get the br sizes above). The status page\'s transfer includes the first second of its live event stream.',
      '',
      '| page | first contentful paint | Pay usable | DOMContentLoaded | load | transfer | repeat visit (warm cache) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| landing | ${range(landing.map((v) => v.fcpMs), ms)} | ${range(landing.map((v) => v.usableMs ?? NaN), ms)} | ${range(landing.map((v) => v.domContentLoadedMs), ms)} | ${range(landing.map((v) => v.loadMs), ms)} | ${range(landing.map((v) => v.transferBytes), kb)} | ${kb(landing[0]?.repeatTransferBytes ?? NaN)} |`,
      `| status (charging) | ${range(status.map((v) => v.fcpMs), ms)} | – | ${range(status.map((v) => v.domContentLoadedMs), ms)} | ${range(status.map((v) => v.loadMs), ms)} | ${range(status.map((v) => v.transferBytes), kb)} | ${kb(status[0]?.repeatTransferBytes ?? NaN)} |`,
      '',
      `Requests of the first landing visit: ${landing[0]?.requests.map((r) => `\`${r.url}\` ${kb(r.bytes)}`).join(', ') ?? '–'}.`,
      '',
      '### Targets',
      '',
      `- Landing page under 30 KB: **${landingBytes < 30_000 && weights.landing.gzip.totalBytes < 30_000 ? 'met' : 'not met'}** (${kb(landingBytes)} as Chromium transferred it, gzip; ${kb(weights.landing.br.totalBytes)} with br).`,
      `- Pay button usable under 1.5 s on slow 4G: **${payUsable < 1500 ? 'met' : 'not met'}** (median ${ms(payUsable)}).`,
      '',
    ].join('\n');
    console.log(`\n${markdown}`);
    if (write) {
      writeResultsSection('pages', markdown);
      log('written to docs/benchmarks.md');
    }
  } finally {
    await browser.close();
    await Promise.all(cps.map((c) => c.stop().catch(() => undefined)));
    await ladepay?.stop();
    await vipps.stop();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
