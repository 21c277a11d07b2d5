import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenStore } from '../../src/adapters/storage/api-token-store.ts';
import { decodeSession, encodeSession } from '../../src/adapters/storage/session-codec.ts';
import { createVippsClient, type VippsClient } from '../../src/adapters/vipps/vipps-client.ts';
import type { BillLine } from '../../src/core/bill.ts';
import type { Session } from '../../src/core/session/session.ts';
import { launchChromium, newPhoneContext } from '../browser/browser.ts';
import { ConsoleClient } from '../console/console-client.ts';
import { eventually } from '../support/eventually.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { aVippsConfig } from '../vipps/a-vipps-config.ts';
import { skipUnlessPresent } from '../support/system-deps.ts';

const noChromium = skipUnlessPresent('chromium', 'test/sessions/money-truth.e2e.ts');

// One money truth: the bill is made once, at settlement, and stored; every
// place that shows money shows those lines. A charge capped at the maximum
// is where they used to disagree (total 100 kr, VAT 100 kr, net 400 kr on the
// page; VAT 20 kr on the Vipps receipt).

const ADMIN = { email: 'drift@example.no', password: 'correct-horse-battery' };

type Figures = { amountOre: number; vatOre?: number; netOre?: number };

// "−400,00 kr", "-400,00", "1 234,50 kr" → øre.
function ore(text: string | null | undefined): number {
  const cleaned = (text ?? '').replace(/[\s\u00a0]|kr/g, '').replace('\u2212', '-');
  const m = /^(-?)(\d+),(\d{2})$/.exec(cleaned);
  if (!m) throw new Error(`not an amount: ${JSON.stringify(text)}`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
}

const figures = (lines: readonly BillLine[], withVat = true): Figures[] =>
  lines.map((l) => (withVat ? { amountOre: l.amountOre, vatOre: l.vatOre, netOre: l.netOre } : { amountOre: l.amountOre }));

describe.skipIf(noChromium)('one money truth', () => {
  let sys: TestSystem;
  let browser: Browser;
  let vipps: VippsClient;
  let n = 0;

  beforeAll(async () => {
    // A meter value a minute: two hours of charging in 120 of them.
    sys = await startSystem({ dialect: primaryDialect(), env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, OCPP_METER_INTERVAL_SECONDS: '60' } });
    browser = await launchChromium();
    const m = sys.vipps.merchants[0]!;
    vipps = createVippsClient(
      aVippsConfig({ baseUrl: sys.vipps.url, clientId: m.clientId, clientSecret: m.clientSecret, subscriptionKey: m.subscriptionKey, msn: m.msn }),
      { logger: pino({ level: 'silent' }) },
    );
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  async function consoleLogin(): Promise<ConsoleClient> {
    const client = new ConsoleClient(sys.ladepay.url);
    expect((await client.login(ADMIN.email, ADMIN.password)).status).toBe(303);
    return client;
  }

  async function api(path: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
    const token = (await new ApiTokenStore(sys.ladepay.database.db).create(`money-${n}`, new Date())).token;
    const res = await fetch(`${sys.ladepay.url}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }

  it('a charge capped at the maximum shows the same lines on the driver’s page, in the console, the CSV, the API and the Vipps receipt', async () => {
    n += 1;
    await sys.addStation('CP-CAP', 'ocpp1.6', 'CAPPED');
    // A 50 kW station that ignores the cost guard's stop and charges on.
    const cp = await sys.connect('CP-CAP', 'ocpp1.6', { connectorMaxPowerW: 50_000 });
    cp.ignoreCalls('RemoteStopTransaction');
    await cp.plugIn(1, { batteryWh: 150_000, socPercent: 5, maxPowerW: 50_000 });
    const started = await sys.ladepay.driver.startDropIn({ connectorCode: 'CAPPED', maxAmountOre: 10_000, method: 'WALLET' });
    if (!started.ok) throw new Error(started.reason);
    const reference = (await sys.session(started.token)).reference;
    sys.vipps.phone.approve(reference);
    await sys.waitForState(started.token, 'charging');
    await cp.tick(2 * 60 * 60_000); // two hours at 50 kW: 100 kWh, 500 kr at 5 kr/kWh
    expect((await sys.session(started.token)).stopSource).toBe('cost_guard');
    await cp.pressStop(1);
    const s: Session = await sys.waitForState(started.token, 'settled');
    await eventually(async () => (await sys.session(started.token)).receipt === 'sent', 'receipt sent');

    // The stored bill: the tariff's price, then what the maximum takes off.
    const bill = s.priced!;
    expect(bill.lines.map((l) => l.kind)).toEqual(['energy', 'limited_to_maximum']);
    expect(bill.lines[0]!.quantity).toBeGreaterThanOrEqual(99_000);
    expect(bill.totalOre).toBe(10_000);
    expect(s.capturedOre).toBe(10_000);
    expect(Math.abs(bill.vatOre - 2000)).toBeLessThanOrEqual(1); // 25 % of 100 kr inside, summed line by line
    expect(bill.netOre + bill.vatOre).toBe(bill.totalOre);
    for (const l of bill.lines) expect(l.netOre + l.vatOre).toBe(l.amountOre);
    expect(sys.vipps.books(reference)?.payment.aggregate.capturedAmount.value).toBe(10_000);

    // The driver's page, in Chromium.
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${sys.ladepay.publicUrl}/s/${started.token}`);
    const pageLines = await page.locator('table.lines tbody tr td').allTextContents();
    expect(pageLines.map(ore)).toEqual(bill.lines.map((l) => l.amountOre));
    const foot = (await page.locator('table.lines tfoot tr td').allTextContents()).map(ore);
    expect(foot).toEqual([bill.netOre, bill.vatOre, bill.totalOre]);
    expect(await page.locator('#receipt-heading').count()).toBe(1);
    await context.close();

    // The console's session page.
    const client = await consoleLogin();
    const consolePage = (await client.get(`/console/sessions/${s.id}`)).text;
    const rows = [...consolePage.matchAll(/<tr data-line="(\w+)">([\s\S]*?)<\/tr>/g)].filter((m) => m[1] !== 'total');
    const consoleLines = rows.map((m) => {
      const cells = [...m[2]!.matchAll(/<td class="num">([^<]*)/g)].map((c) => c[1]!);
      return { kind: m[1], amountOre: ore(cells[2]), vatOre: ore(cells[3]), netOre: ore(cells[4]) };
    });
    expect(consoleLines).toEqual(bill.lines.map((l) => ({ kind: l.kind, amountOre: l.amountOre, vatOre: l.vatOre, netOre: l.netOre })));

    // The bookkeeping CSV.
    const csv = await fetch(`${sys.ladepay.url}/console/sessions.csv`, { headers: { cookie: `lp_console=${client.cookies.get('lp_console')}` } });
    const csvRows = (await csv.text())
      .split('\r\n')
      .map((l) => l.split(';'))
      .filter((r) => r[2] === reference);
    expect(csvRows.map((r) => ({ amountOre: ore(r[5]), vatOre: ore(r[7]), netOre: ore(r[8]) }))).toEqual(figures(bill.lines));

    // The REST API.
    const viaApi = await api(`/sessions/${s.id}`);
    expect(viaApi).toMatchObject({ lines: bill.lines, totalOre: bill.totalOre, vatOre: bill.vatOre, netOre: bill.netOre, capturedOre: 10_000 });

    // The receipt in the Vipps app, read back from Order Management: a line
    // that takes off goes as a return.
    const order = await vipps.orders.getOrder(reference);
    if (!order.ok) throw new Error(JSON.stringify(order.failure));
    const receiptLines = order.value.receipt!.orderLines.map((l) => {
      const sign = l.isReturn ? -1 : 1;
      return { amountOre: sign * l.totalAmount, vatOre: sign * l.totalTaxAmount, netOre: sign * l.totalAmountExcludingTax };
    });
    expect(receiptLines).toEqual(figures(bill.lines));
    expect(receiptLines.reduce((sum, l) => sum + l.amountOre, 0)).toBe(s.capturedOre);
    expect(receiptLines.reduce((sum, l) => sum + (l.vatOre ?? 0), 0)).toBe(bill.vatOre);
  }, 90_000);

  // A stored tariff that cannot be priced (kroner typed where øre were meant,
  // a hand edit, a bad restore): the one way a price can fail once the meter
  // is bounded by physics.
  async function unpriceable(id: string, code: string): Promise<Session> {
    await sys.addStation(id, 'ocpp2.0.1', code);
    const cp = await sys.connect(id, 'ocpp2.0.1');
    await cp.plugIn(1);
    const started = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: 35_000, method: 'WALLET' });
    if (!started.ok) throw new Error(started.reason);
    sys.vipps.phone.approve((await sys.session(started.token)).reference);
    const charging = await sys.waitForState(started.token, 'charging');
    await cp.tick(10 * 60_000);
    const db = sys.ladepay.database.db;
    const row = await db.selectFrom('sessions').select('data').where('id', '=', charging.id).executeTakeFirstOrThrow();
    const data = decodeSession(row.data, charging.id);
    await db.updateTable('sessions').set({ data: encodeSession({ ...data, tariff: { ...data.tariff, perKwhOre: 4.99 } }) }).where('id', '=', charging.id).execute();
    await sys.ladepay.driver.stop(started.token);
    return sys.waitForState(started.token, 'needs_review');
  }

  it('a price that cannot be made waits for the operator, the reservation held; the operator captures an amount and the receipt says so', async () => {
    const s = await unpriceable('CP-REV1', 'REVIEW1');
    await sys.ladepay.outboxWorker.drain();
    expect(s.review?.failure).toBe('invalid_tariff:perKwhOre:not_integer');
    expect(s.priced).toBeUndefined();
    // Held: authorized in Vipps, nothing captured, nothing released.
    const held = sys.vipps.books(s.reference)!.payment;
    expect(held.state).toBe('AUTHORIZED');
    expect(held.aggregate.capturedAmount.value).toBe(0);
    expect(held.aggregate.cancelledAmount.value).toBe(0);

    // The driver is told the amount is being checked.
    const status = await (await fetch(`${sys.ladepay.url}/s/${s.token}`, { headers: { 'accept-language': 'en' } })).text();
    expect(status).toContain('The amount is being checked.');

    // The operator sees it in the list and on the page, and decides.
    const client = await consoleLogin();
    expect((await client.get('/console/sessions?state=needs_review')).text).toContain(s.reference);
    const page = await client.get(`/console/sessions/${s.id}`);
    expect(page.text).toContain('invalid_tariff:perKwhOre:not_integer');
    const csrf = ConsoleClient.csrfOf(page.text);
    const tooMuch = await client.post(`/console/sessions/${s.id}/review`, { _csrf: csrf, decision: 'capture', amount: '350,01', reason: 'For mye' });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.text).toContain('more than the driver authorized');
    const decided = await client.post(`/console/sessions/${s.id}/review`, { _csrf: csrf, decision: 'capture', amount: '12,34', reason: 'Registeret lest av på stedet' });
    expect(decided.status).toBe(303);

    const settled = await sys.waitForState(s.token, 'settled');
    await eventually(async () => (await sys.session(s.token)).receipt === 'sent', 'receipt sent');
    expect(settled.priced?.lines.map((l) => [l.kind, l.amountOre])).toEqual([['set_by_operator', 1234]]);
    const books = sys.vipps.books(s.reference)!.payment.aggregate;
    expect(books.capturedAmount.value).toBe(1234);
    expect(books.cancelledAmount.value).toBe(35_000 - 1234);
    const order = await vipps.orders.getOrder(s.reference);
    expect(order.ok && order.value.receipt?.orderLines.map((l) => [l.id, l.totalAmount])).toEqual([['set_by_operator', 1234]]);
  });

  it('the operator may release it all through the API instead', async () => {
    n += 1;
    const s = await unpriceable('CP-REV2', 'REVIEW2');
    const answer = await api(`/sessions/${s.id}/review`, { method: 'POST', body: JSON.stringify({ action: 'release', reason: 'Kan ikke fastslå forbruket' }) });
    expect(answer).toMatchObject({ review: { failure: 'invalid_tariff:perKwhOre:not_integer', decision: { action: 'release', amountOre: 0 } } });
    const settled = await sys.waitForState(s.token, 'settled');
    expect(settled.capturedOre).toBe(0);
    expect(sys.vipps.books(s.reference)!.payment.aggregate.cancelledAmount.value).toBe(35_000);
  });
});
