import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNok, formatPricePerKwh } from '../../src/adapters/web/format-nok.ts';
import { formatDateTime } from '../../src/adapters/web/driver/format-time.ts';
import type { Session } from '../../src/core/session/session.ts';
import { launchChromium, newPhoneContext } from '../browser/browser.ts';
import { ConsoleClient } from '../console/console-client.ts';
import { eventually } from '../support/eventually.ts';
import { pdfText } from '../support/pdf-text.ts';
import { screenshotFolder } from '../support/screenshot-folder.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect, testDialects } from '../support/test-database.ts';
import { skipUnlessPresent } from '../support/system-deps.ts';

const noChromium = skipUnlessPresent('chromium', 'the Chromium tests in test/sessions/receipt.e2e.ts');

// The receipt a settled session gets, as a Norwegian sales document
// (bokføringsforskriften § 5-1-1), on the driver's page, as a PDF and in the
// Vipps app; and the operator's support contact wherever a driver looks.

const SELLER = { OPERATOR_NAME: 'Fjordlading AS', OPERATOR_ORG_NUMBER: '987654325', OPERATOR_ADDRESS: 'Kaigata 5, 0150 Oslo' };
const SUPPORT = { SUPPORT_PHONE: '+47 55 12 34 56', SUPPORT_EMAIL: 'kundeservice@fjordlading.example', SUPPORT_URL: 'https://fjordlading.example/hjelp' };
const ADMIN = { email: 'drift@example.no', password: 'correct-horse-battery' };
const plain = (text: string) => text.replace(/\u00a0/g, ' ');
const shots = screenshotFolder();

interface SimReceipt {
  orderLines: Array<{ id: string; name: string; totalAmount: number; isReturn?: boolean; productUrl?: string }>;
  bottomLine: { receiptNumber?: string };
}

// One drop-in charge from payment to settlement, its receipt sent to Vipps.
async function chargeToSettlement(sys: TestSystem, code: string, minutes: number): Promise<Session> {
  const id = `CP-${code}`;
  await sys.addStation(id, 'ocpp1.6', code);
  const cp = await sys.connect(id, 'ocpp1.6');
  await cp.plugIn(1, { socPercent: 30 });
  const started = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: 35_000, method: 'WALLET' });
  if (!started.ok) throw new Error(started.reason);
  sys.vipps.phone.approve((await sys.session(started.token)).reference);
  await sys.waitForState(started.token, 'charging');
  await cp.tick(minutes * 60_000);
  expect(await sys.ladepay.driver.stop(started.token)).toEqual({ ok: true });
  await sys.waitForState(started.token, 'settled');
  return eventually(async () => {
    const s = await sys.session(started.token);
    return s.receipt === 'sent' ? s : undefined;
  }, 'receipt sent');
}

async function receiptNumberOf(sys: TestSystem, sessionId: string): Promise<number | undefined> {
  const row = await sys.database.db
    .withTables<{ receipt_numbers: { session_id: string; number: number } }>()
    .selectFrom('receipt_numbers')
    .select('number')
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return row ? Number(row.number) : undefined;
}

describe.skipIf(noChromium)('the receipt of a settled session', () => {
  let sys: TestSystem;
  let browser: Browser;

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect(), env: { ...SELLER, ...SUPPORT, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('is on the page, in the PDF the page offers and in the Vipps app, with the same number and every field', async () => {
    const s = await chargeToSettlement(sys, 'RECEIPT1', 40);
    const bill = s.priced!;
    const number = await receiptNumberOf(sys, s.id);
    expect(number).toBeGreaterThanOrEqual(1);
    const [energy] = bill.lines;
    expect(bill.lines.map((l) => l.kind)).toEqual(['energy']);
    const kwh = (energy!.quantity / 1000).toFixed(3).replace(/\.?0+$/, '').replace('.', ',');
    const when = (iso: string | undefined) => formatDateTime(iso ?? '', 'nb');

    // The page, in Chromium on a phone.
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${sys.ladepay.publicUrl}/s/${s.token}?lang=nb`);
    const receipt = page.locator('section.receipt');
    const rows = Object.fromEntries(
      await receipt.locator('dl > div').evaluateAll((divs) =>
        divs.map((d) => {
          const el = d as unknown as { querySelector(s: string): { textContent: string | null } | null };
          return [el.querySelector('dt')?.textContent ?? '', el.querySelector('dd')?.textContent ?? ''];
        }),
      ),
    ) as Record<string, string>;
    const shown = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, plain(v)]));
    expect(shown).toMatchObject({
      'Kvitteringsnr.': String(number),
      Selger: 'Fjordlading AS',
      'Org.nr.': '987 654 325 MVA',
      Adresse: 'Kaigata 5, 0150 Oslo',
      Ladepunkt: 'Lader CP-RECEIPT1, kontakt 1',
      Sted: 'Testgata lading, Testgata 1, 0150 Oslo',
      Start: plain(when(s.chargingStartedAt)),
      Slutt: plain(when(s.endedAt)),
      'Betalt med': 'Vipps',
      Reservert: plain(formatNok(35_000)),
      Trukket: plain(formatNok(s.capturedOre)),
      Frigitt: plain(formatNok(s.cancelledOre)),
      Referanse: s.reference,
    });
    expect(plain((await receipt.locator('tbody th').first().textContent()) ?? '')).toBe(`Energi${kwh} kWh à ${plain(formatPricePerKwh(500))}, mva. 25 %`);
    expect(plain(await receipt.locator('tfoot').innerText())).toMatch(new RegExp(`Totalt\\s+${plain(formatNok(bill.totalOre))}`));
    // Each fact once: no card after the receipt.
    expect(await page.locator('section.receipt ~ section').count()).toBe(0);
    // The reference is never broken inside (a 390 px screen): one line box.
    const reference = page.locator('section.receipt .reference');
    const box = await reference.boundingBox();
    const lineHeight = Number.parseFloat(await reference.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { lineHeight: string } }).getComputedStyle(el).lineHeight));
    expect(box!.height).toBeLessThan(lineHeight * 1.5);
    expect(await page.locator('footer .support li').allTextContents()).toEqual(['+47 55 12 34 56', 'kundeservice@fjordlading.example', 'Hjelp og kontakt']);
    await page.screenshot({ path: `${shots}/receipt-nb.png`, fullPage: true });

    // The PDF, downloaded from the page's link.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Last ned kvittering (PDF)' }).click()]);
    expect(download.suggestedFilename()).toBe(`kvittering-${number}.pdf`);
    const pdf = readFileSync((await download.path())!);
    await context.close();
    const lines = pdfText(pdf)
      .split('\n')
      .map((l) => l.trim().replace(/\s{2,}/g, ' | '));
    const money = (ore: number) => plain(formatNok(ore));
    expect(lines).toEqual(
      expect.arrayContaining([
        `Kvittering nr. ${number}`,
        `Kvitteringsnr. | ${number}`,
        'Selger | Fjordlading AS',
        'Org.nr. | 987 654 325 MVA',
        'Adresse | Kaigata 5, 0150 Oslo',
        'Ladepunkt | Lader CP-RECEIPT1, kontakt 1',
        'Sted | Testgata lading, Testgata 1, 0150 Oslo',
        `Start | ${plain(when(s.chargingStartedAt))}`,
        `Slutt | ${plain(when(s.endedAt))}`,
        'Beskrivelse | Antall | Enhetspris | Mva.-sats | Beløp',
        `Energi | ${kwh} kWh | 5,00 kr/kWh | 25 % | ${money(energy!.amountOre)}`,
        `Sum uten mva. | ${money(bill.netOre)}`,
        `Mva. 25 % | ${money(bill.vatOre)}`,
        `Totalt | ${money(bill.totalOre)}`,
        'Betalt med | Vipps',
        `Reservert | ${money(35_000)}`,
        `Trukket | ${money(s.capturedOre)}`,
        `Frigitt | ${money(s.cancelledOre)}`,
        `Referanse | ${s.reference}`,
        'Telefon | +47 55 12 34 56',
        'E-post | kundeservice@fjordlading.example',
        'Nettside | https://fjordlading.example/hjelp',
      ]),
    );
    expect(lines.find((l) => l.startsWith('Dato | '))).toMatch(/^Dato \| \d{1,2}\. \w+\.? \d{4}, \d\d:\d\d$/);

    // The Vipps app: the same number, the bill's lines, the support contact as a line of nothing.
    const order = (await eventually(() => sys.vipps.receipts(s.reference)?.receipt, 'the receipt in Vipps')) as SimReceipt;
    expect(order.bottomLine.receiptNumber).toBe(String(number));
    expect(order.orderLines.map((l) => [l.id, l.totalAmount])).toEqual([
      ['energy', bill.totalOre],
      ['support', 0],
    ]);
    expect(order.orderLines[1]).toMatchObject({ name: 'Kundeservice: +47 55 12 34 56, kundeservice@fjordlading.example', productUrl: 'https://fjordlading.example/hjelp' });
  }, 120_000);

  it('puts the support contact on the landing, status and terms pages and on the QR stickers', async () => {
    await sys.addStation('CP-SUPPORT', 'ocpp2.0.1', 'SUPPORT1');
    await sys.connect('CP-SUPPORT', 'ocpp2.0.1');
    const footer = '<p id="support-heading">Kundeservice</p>\n<ul aria-labelledby="support-heading"><li><a href="tel:+4755123456" class="nowrap">+47 55 12 34 56</a>';
    const pageText = async (path: string) => (await fetch(`${sys.ladepay.url}${path}`, { headers: { 'accept-language': 'nb' } })).text();
    expect(await pageText('/c/SUPPORT1')).toContain(footer);
    expect(await pageText('/terms')).toContain(footer);
    const started = await sys.ladepay.driver.startDropIn({ connectorCode: 'SUPPORT1', maxAmountOre: 20_000, method: 'WALLET' });
    if (!started.ok) throw new Error(started.reason);
    expect(await pageText(`/s/${started.token}`)).toContain(footer);

    const client = new ConsoleClient(sys.ladepay.url);
    expect((await client.login(ADMIN.email, ADMIN.password)).status).toBe(303);
    const sheet = await fetch(`${sys.ladepay.url}/console/stickers.pdf?connectors=SUPPORT1&perPage=1`, { headers: { cookie: `lp_console=${client.cookies.get('lp_console')}` } });
    const text = pdfText(Buffer.from(await sheet.arrayBuffer()));
    expect(text).toContain('SUPPORT1');
    expect(text).toContain('Kundeservice / Customer service: +47 55 12 34 56');
    expect(text).toContain('kundeservice@fjordlading.example');
  });
});

// The series on each database: numbers follow each other, and asking again
// (the page, the PDF, the Vipps receipt) never makes a new one.
describe.each(testDialects())('receipt numbers over %s', (dialect) => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startSystem({ dialect });
  });
  afterAll(async () => sys?.stop());

  it('gives two settled sessions consecutive numbers, and the same number every time one is asked for', async () => {
    const first = await chargeToSettlement(sys, 'SERIES1', 10);
    const second = await chargeToSettlement(sys, 'SERIES2', 10);
    const numbers = [await receiptNumberOf(sys, first.id), await receiptNumberOf(sys, second.id)];
    expect(numbers[1]).toBe((numbers[0] ?? NaN) + 1);

    for (const [i, s] of [first, second].entries()) {
      const shownOnPage = async () => /<dt>Receipt no\.<\/dt><dd>(\d+)<\/dd>/.exec(await (await fetch(`${sys.ladepay.url}/s/${s.token}?lang=en`)).text())?.[1];
      expect(await shownOnPage()).toBe(String(numbers[i]));
      expect(await shownOnPage()).toBe(String(numbers[i]));
      const pdf = pdfText(Buffer.from(await (await fetch(`${sys.ladepay.url}/s/${s.token}/receipt.pdf?lang=en`)).arrayBuffer()));
      expect(pdf).toContain(`Receipt no. ${numbers[i]}`);
      expect((sys.vipps.receipts(s.reference)?.receipt as SimReceipt).bottomLine.receiptNumber).toBe(String(numbers[i]));
    }
    // Asked for many times, and once more at once: still two numbers, one each.
    await Promise.all([first, second, first, second].map((s) => sys.ladepay.driver.session(s.token)));
    const given = await sys.database.db.withTables<{ receipt_numbers: { session_id: string; number: number } }>().selectFrom('receipt_numbers').select(['session_id', 'number']).orderBy('number').execute();
    expect(given.map((r) => [r.session_id, Number(r.number)])).toEqual([
      [first.id, numbers[0]],
      [second.id, numbers[1]],
    ]);
    // No support contact configured: none in the Vipps receipt, none on the pages.
    expect((sys.vipps.receipts(first.reference)?.receipt as SimReceipt).orderLines.map((l) => l.id)).toEqual(['energy']);
    expect(await (await fetch(`${sys.ladepay.url}/s/${first.token}`)).text()).not.toContain('class="support"');
  }, 180_000);
});
