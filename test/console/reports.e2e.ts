import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/adapters/security/password-hash.ts';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import { ReceiptNumberStore } from '../../src/adapters/storage/receipt-number-store.ts';
import { UserStore } from '../../src/adapters/storage/user-store.ts';
import type { ReportFigures, ReportRow } from '../../src/core/fleet-report.ts';
import { addDays, osloDateOf, osloIsoWithOffset } from '../../src/core/oslo-calendar.ts';
import type { Session } from '../../src/core/session/session.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { launchChromium, readConsoleInEnglish, runAxe } from '../browser/browser.ts';
import { WAIT_LIMIT_MS } from '../support/eventually.ts';
import { primaryDialect } from '../support/test-database.ts';
import { ConsoleClient } from './console-client.ts';
import { chargeUntil } from './settled-session.ts';
import { skipUnlessPresent } from '../support/system-deps.ts';

const noChromium = skipUnlessPresent('chromium', 'the Chromium test in test/console/reports.e2e.ts');

// Reports and the bookkeeping CSV over real sockets: sessions paid in the
// Vipps simulator, charged on simulated stations (OCPP 1.6 and 2.0.1),
// settled and refunded through the API; every figure checked against the
// sessions' stored bills.

const VIEWER = { email: 'regnskap@example.no', password: 'viewer-password-long' };

let sys: TestSystem;
let one: Session; // REP-1, OCPP 1.6, refunded 10 kr
let two: Session; // REP-2, OCPP 2.0.1
let viewerToken: string;
let period: { from: string; to: string };

const ore = (kroner: string | undefined) => Math.round(Number((kroner ?? '').replace(',', '.')) * 100);
const energyOf = (s: Session) => s.priced!.lines.filter((l) => l.kind === 'energy').reduce((sum, l) => sum + l.quantity, 0);

async function api(path: string, token = viewerToken): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${sys.ladepay.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function viewer(): Promise<ConsoleClient> {
  const client = new ConsoleClient(sys.ladepay.url);
  expect((await client.login(VIEWER.email, VIEWER.password)).status).toBe(303);
  return client;
}

// A report's rows for one station, added up over the days of the period.
function stationSum(rows: ReportRow[], stationId: string): Omit<ReportFigures, 'utilisationBasisPoints'> {
  const sum = { sessions: 0, energyWh: 0, netOre: 0, vatOre: 0, grossOre: 0, refundsOre: 0, chargingSeconds: 0, connectorSeconds: 0, startFailed: 0, paymentFailed: 0 };
  for (const r of rows.filter((x) => x.stationId === stationId)) for (const k of Object.keys(sum) as Array<keyof typeof sum>) sum[k] += r[k];
  return sum;
}

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect() });
  await new UserStore(sys.ladepay.database.db).create({ email: VIEWER.email, passwordHash: await hashPassword(VIEWER.password), role: 'viewer' }, new Date());
  const tokens = new ApiTokenStore(sys.ladepay.database.db);
  viewerToken = (await tokens.create('bookkeeping', new Date(), 'viewer')).token;
  const operatorToken = (await tokens.create('support', new Date(), 'operator')).token;
  await sys.addStation('REP-1', 'ocpp1.6', 'REPAAA');
  await sys.addStation('REP-2', 'ocpp2.0.1', 'REPBBB');
  one = await chargeUntil(sys, await sys.connect('REP-1', 'ocpp1.6'), 'REPAAA', { minutes: 30, end: 'settled' });
  const cp2 = await sys.connect('REP-2', 'ocpp2.0.1');
  two = await chargeUntil(sys, cp2, 'REPBBB', { minutes: 20, end: 'settled' });
  // A driver who rejects in Vipps: a payment failure on REP-2.
  const rejected = await sys.ladepay.driver.startDropIn({ connectorCode: 'REPBBB', maxAmountOre: 35_000, method: 'WALLET' });
  if (!rejected.ok) throw new Error(rejected.reason);
  sys.vipps.phone.reject((await sys.session(rejected.token)).reference);
  await sys.waitForState(rejected.token, 'payment_failed');
  const refund = await fetch(`${sys.ladepay.url}/api/v1/sessions/${one.id}/refund`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ amountOre: 1000, reason: 'Kabelen var ødelagt' }),
  });
  expect(refund.status).toBe(200);
  one = await sys.session(one.token);
  // A day either side of Ladepay's clock, so a run near midnight still holds every session.
  const today = osloDateOf(sys.now().getTime());
  period = { from: addDays(today, -1), to: addDays(today, 1) };
});
afterAll(async () => sys?.stop());

describe('GET /api/v1/reports', () => {
  it('gives each station the sum of its sessions’ stored bills, its refunds, charging time and failures, to a viewer', async () => {
    const r = await api(`/reports?from=${period.from}&to=${period.to}&group=day&by=station`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ from: period.from, to: period.to, group: 'day', by: 'station', timeZone: 'Europe/Oslo' });
    const rows = r.json.rows as ReportRow[];
    expect(rows).toHaveLength(2 * 3); // two stations, three days
    for (const [s, refunds, failures] of [[one, 1000, 0], [two, 0, 1]] as const) {
      const sum = stationSum(rows, s.stationId);
      expect(sum).toMatchObject({ sessions: 1, energyWh: energyOf(s), grossOre: s.priced!.totalOre, vatOre: s.priced!.vatOre, netOre: s.priced!.netOre, refundsOre: refunds, startFailed: 0, paymentFailed: failures });
      expect(s.priced!.totalOre).toBe(s.capturedOre);
      // Splitting the charge over days floors each part to the second.
      const charged = (Date.parse(s.endedAt!) - Date.parse(s.chargingStartedAt!)) / 1000;
      expect(Math.abs(sum.chargingSeconds - charged)).toBeLessThanOrEqual(2);
    }
    expect(one.refundedOre).toBe(1000);
    const totals = r.json.totals as ReportFigures;
    expect(totals).toMatchObject({ sessions: 2, grossOre: one.capturedOre + two.capturedOre, refundsOre: 1000, paymentFailed: 1 });
    expect(totals.netOre + totals.vatOre).toBe(totals.grossOre);
    expect(totals.utilisationBasisPoints).toBeGreaterThan(0);
  });

  it('answers bad input with a 400 and a message, and shows in /docs', async () => {
    const bad = await api('/reports?from=2026-02-30&to=2026-03-01');
    expect(bad).toMatchObject({ status: 400, json: { error: 'bad_request', message: '"from" must be a date (YYYY-MM-DD) or a month (YYYY-MM).' } });
    expect((await api(`/reports?from=${period.from}&to=${period.to}&group=week`)).status).toBe(400);
    expect((await api(`/reports?from=${period.from}`)).status).toBe(400);
    const docs = (await (await fetch(`${sys.ladepay.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths)).toContain('/api/v1/reports');
  });
});

describe('the console’s reports', () => {
  it('shows a viewer the report by site, printable, and its CSV adds up to the stored bills', async () => {
    const client = await viewer();
    const page = await client.get(`/console/reports?from=${period.from}&to=${period.to}&group=month&by=site`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Reports</h1>');
    expect(page.text).toContain('Testgata lading');
    expect(page.text).toContain('class="print-only"');
    expect(page.text).toContain('Europe/Oslo');

    const res = await fetch(`${sys.ladepay.url}/console/reports.csv?from=${period.from}&to=${period.to}&group=day&by=station`, { headers: { cookie: `lp_console=${client.cookies.get('lp_console')}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n').map((l) => l.split(';'));
    expect(lines[0]).toEqual(['Periode', 'Sted-ID', 'Sted', 'Stasjons-ID', 'Stasjon', 'Økter', 'Energi (kWh)', 'Netto (kr)', 'MVA (kr)', 'Brutto (kr)', 'Refundert (kr)', 'Ladetid (t)', 'Kontakttid (t)', 'Utnyttelse (%)', 'Mislykkede starter', 'Mislykkede betalinger']);
    const body = lines.slice(1, -1);
    expect(body).toHaveLength(6);
    const gross = body.reduce((sum, r) => sum + ore(r[9]), 0);
    expect(gross).toBe(one.priced!.totalOre + two.priced!.totalOre);
    expect(ore(lines.at(-1)?.[9])).toBe(gross);
    expect(body.reduce((sum, r) => sum + ore(r[10]), 0)).toBe(1000);
  });

  it.skipIf(noChromium)('picks the period and grouping in Chromium, and prints the table with the period and no menu or form', async () => {
    const client = await viewer();
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      // bypassCSP only so axe can be injected; the page itself runs no script.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo', bypassCSP: true });
      context.setDefaultTimeout(WAIT_LIMIT_MS);
      const url = new URL(sys.ladepay.url);
      await context.addCookies([{ name: 'lp_console', value: client.cookies.get('lp_console') ?? '', domain: url.hostname, path: '/console' }]);
      await readConsoleInEnglish(context, sys.ladepay.url);
      const page = await context.newPage();
      await page.goto(`${sys.ladepay.url}/console/reports`);
      await page.getByLabel('From').fill(period.from);
      await page.getByLabel('To').fill(period.to);
      await page.getByLabel('Per').selectOption('day');
      await page.getByLabel('By').selectOption('station');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(/by=station/);
      expect(await page.locator('table.report tbody tr').count()).toBe(6);
      expect(await runAxe(page)).toEqual([]);
      expect(await page.locator('.print-only').isVisible()).toBe(false);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('header.top').isVisible()).toBe(false);
      expect(await page.locator('form.filters').isVisible()).toBe(false);
      expect(await page.locator('.print-only').textContent()).toContain(`report ${period.from} – ${period.to}, per day, by station`);
      expect(await page.locator('table.report tfoot').isVisible()).toBe(true);
      const pdf = await page.pdf();
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await context.close();
    } finally {
      await browser?.close();
    }
  });

  it('answers a period it cannot read with a 400 page', async () => {
    const client = await viewer();
    const page = await client.get('/console/reports?from=2026-03-02&to=2026-03-01');
    expect(page.status).toBe(400);
    expect(page.text).toContain('&quot;to&quot; must not be before &quot;from&quot;.');
    expect((await client.get('/console/reports.csv?group=year')).status).toBe(400);
  });
});

describe('the settled-sessions CSV', () => {
  it('gives every row its start and end in Oslo time, site, station, connector, Vipps and PSP references and receipt number', async () => {
    const client = await viewer();
    const res = await fetch(`${sys.ladepay.url}/console/sessions.csv`, { headers: { cookie: `lp_console=${client.cookies.get('lp_console')}` } });
    const lines = (await res.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((l) => l.split(';'));
    expect(lines[0]).toEqual([
      'Dato', 'Stasjon', 'Vipps-referanse', 'Linje', 'Mengde', 'Beløp (kr)', 'MVA-sats (%)', 'MVA (kr)', 'Netto (kr)', 'Refundert (kr)',
      'Start', 'Slutt', 'Sted', 'Stasjons-ID', 'Kontakt', 'PSP-referanse', 'Kvitteringsnr.',
    ]);
    const receipts = new ReceiptNumberStore(sys.ladepay.database.db);
    for (const s of [one, two]) {
      const rows = lines.filter((r) => r[2] === s.reference);
      expect(rows).toHaveLength(s.priced!.lines.length + (s.refundedOre > 0 ? 1 : 0));
      const psp = sys.vipps.books(s.reference)?.payment.pspReference;
      expect(psp).toMatch(/\S/);
      const receipt = await receipts.issue(s.id, new Date()); // given when the receipt was sent; the same number again
      for (const r of rows) {
        expect(r.slice(10)).toEqual([osloIsoWithOffset(Date.parse(s.chargingStartedAt!)), osloIsoWithOffset(Date.parse(s.endedAt!)), 'Testgata lading', s.stationId, '1', psp, String(receipt.number)]);
        expect(r[10]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
      }
      expect(rows.filter((r) => r[3] !== 'Refusjon').reduce((sum, r) => sum + ore(r[5]), 0)).toBe(s.capturedOre);
    }
    expect(lines.find((r) => r[2] === one.reference && r[3] === 'Refusjon')?.[9]).toBe('10,00');
  });
});
