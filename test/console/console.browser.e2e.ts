import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChargePoint, type ChargePoint } from '../../simulators/charge-point/index.ts';
import { launchChromium, readConsoleInEnglish } from '../browser/browser.ts';
import { eventually, WAIT_LIMIT_MS } from '../support/eventually.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { screenshotFolder } from '../support/screenshot-folder.ts';
import { firstPageQr } from './pdf-qr.ts';
import { skipUnlessPresent } from '../support/system-deps.ts';

const noChromium = skipUnlessPresent('chromium', 'test/console/console.browser.e2e.ts');

// The console in real Chromium, CSP enforced: a new operator sets up a
// station from the console alone, points a simulated station at it, watches
// a session in the live view and refunds it, typing the amount and confirming.

const SCREENSHOTS = screenshotFolder();
const ADMIN = { email: 'drift@example.no', password: 'correct-horse-battery' };

let sys: TestSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cp: ChargePoint | undefined;
const cspViolations: string[] = [];
const shown = { password: '', ocppUrl: '', code: '' };

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect(), env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, OPERATOR_NAME: 'Fjordlading AS' } });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  await readConsoleInEnglish(context, sys.ladepay.url);
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  page = await context.newPage();
  page.setDefaultTimeout(WAIT_LIMIT_MS);
});

afterAll(async () => {
  await cp?.stop();
  await browser?.close();
  await sys?.stop();
});

const text = async (selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\u00a0/g, ' ').trim();

describe.skipIf(noChromium)('a new operator in the console', () => {
  it('logs in, after a wrong password', async () => {
    await page.goto(`${sys.ladepay.url}/console`);
    await page.waitForURL(/\/console\/login/);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('wrong-password-here');
    await page.getByRole('button', { name: 'Log in' }).click();
    expect(await text('[role="alert"]')).toBe('Wrong email or password.');
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${sys.ladepay.url}/console`);
    expect(await text('h1')).toBe('Live');
    // Styled by its own stylesheet under the CSP.
    expect(await page.evaluate("getComputedStyle(document.querySelector('header.top')).backgroundColor")).toBe('rgb(29, 29, 34)');
  });

  it('adds a station and is shown its OCPP password and URL once', async () => {
    await page.getByRole('link', { name: 'Stations' }).click();
    await page.getByRole('link', { name: 'Add a station' }).click();
    await page.getByLabel(/OCPP identity/).fill('FJORD-1');
    await page.getByLabel(/^Name/).fill('Lader ved kaia');
    await page.getByLabel('Connector type').selectOption('CCS');
    await page.getByLabel(/Max power per connector/).fill('50');
    await page.getByRole('button', { name: 'Add station' }).click();
    await page.waitForSelector('#station-password');
    shown.password = await text('#station-password');
    shown.ocppUrl = await text('#ocpp-url');
    shown.code = (await text('td.mono')).trim();
    expect(shown.password.length).toBeGreaterThanOrEqual(20);
    expect(shown.ocppUrl).toBe(`${sys.ladepay.publicUrl.replace('http', 'ws')}/ocpp/FJORD-1`);
    expect(shown.code).toMatch(/^[2-9A-Z]{6}$/);
  });

  it('creates a tariff', async () => {
    await page.getByRole('link', { name: 'Tariffs' }).click();
    await page.getByLabel(/^Name/).fill('Kveldspris');
    await page.getByLabel(/Price per kWh/).fill('3,49');
    await page.getByRole('button', { name: 'Create tariff' }).click();
    await page.waitForURL(/notice=tariff-created/);
    expect(await text('[role="status"]')).toBe('Tariff created.');
    expect(await page.locator('tr', { hasText: 'Kveldspris' }).textContent()).toContain('3,49');
    const row = await sys.ladepay.database.db.selectFrom('tariffs').selectAll().where('name', '=', 'Kveldspris').executeTakeFirstOrThrow();
    expect(row.per_kwh_ore).toBe(349);
  });

  it('prints a sticker sheet whose QR code leads to the connector', async () => {
    await page.getByRole('link', { name: 'QR stickers' }).click();
    // Only the new station's connector.
    for (const box of await page.locator('input[name="connectors"]').all()) await box.setChecked((await box.getAttribute('value')) === shown.code);
    await page.getByLabel('Stickers per A4 page').selectOption('1');
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes('/console/stickers.pdf')), page.getByRole('button', { name: 'Make PDF' }).click()]);
    expect(response.url()).toContain(`connectors=${shown.code}`);
    expect(response.headers()['content-type']).toBe('application/pdf');
    // Chromium's PDF viewer takes the stream over; fetch the same URL with the page's cookies for the bytes.
    const pdf = await (await context.request.get(response.url())).body();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(firstPageQr(pdf).text).toBe(`${sys.ladepay.publicUrl}/c/${shown.code}`);
    await page.goto(`${sys.ladepay.url}/console`);
  });

  it('sees the station come online once it is pointed at Ladepay with the shown password', async () => {
    cp = sys.keepInStep(
      await startChargePoint({
        csmsUrl: shown.ocppUrl.replace(/\/FJORD-1$/, '').replace(sys.ladepay.publicUrl.replace('http', 'ws'), sys.ladepay.url.replace('http', 'ws')),
        stationId: 'FJORD-1',
        password: shown.password,
        protocol: 'ocpp1.6',
        timeScale: 0,
        settleTimeoutMs: WAIT_LIMIT_MS,
      }),
    );
    await page.goto(`${sys.ladepay.url}/console`);
    await eventually(async () => {
      await page.reload();
      return (await page.locator('section', { hasText: 'FJORD-1' }).textContent())?.includes('online');
    }, 'FJORD-1 online in the live view');
  });

  it('keeps the OCPP URL inside its card on a phone-wide screen', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    try {
      await page.goto(`${sys.ladepay.url}/console/stations/FJORD-1`);
      const overflowing = await page.evaluate(`[...document.querySelectorAll('.card')]
        .filter((card) => card.scrollWidth > card.clientWidth || card.getBoundingClientRect().right > document.documentElement.clientWidth)
        .map((card) => card.querySelector('h2')?.textContent)`);
      expect(overflowing).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${sys.ladepay.url}/console`);
    }
  });

  it('watches a session in the live view', async () => {
    if (!cp) throw new Error('no charge point');
    await cp.plugIn(1, { socPercent: 35 });
    const started = await sys.ladepay.driver.startDropIn({ connectorCode: shown.code, maxAmountOre: 50_000, method: 'WALLET' });
    if (!started.ok) throw new Error('drop-in refused');
    sys.vipps.phone.approve((await sys.session(started.token)).reference);
    await sys.waitForState(started.token, 'charging');
    await cp.tick(45 * 60_000);
    await eventually(async () => ((await sys.session(started.token)).meterLastWh ?? 0) > 1_000_000, 'meter values in');
    await page.reload();
    const card = page.locator('section', { hasText: 'FJORD-1' });
    expect(await card.textContent()).toContain('charging');
    expect((await card.textContent())?.replace(/\u00a0/g, ' ')).toMatch(/[1-9]\d*,\d{3} kWh · .* · \d+,\d{2} kr of 500,00 kr/);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'console-live.png'), fullPage: true });

    await sys.ladepay.driver.stop(started.token);
    await sys.waitForState(started.token, 'settled');
    await sys.ladepay.outboxWorker.drain();
  });

  it('refunds the session from its page, and Vipps’ books show the refund', async () => {
    const session = (await sys.ladepay.repo.inStates(['settled'], 1))[0]!.session;
    await page.getByRole('link', { name: 'Sessions' }).click();
    await page.getByRole('link', { name: /\d{4}-\d{2}-\d{2}/ }).first().click();
    await page.waitForURL(`${sys.ladepay.url}/console/sessions/${session.id}`);
    expect(await text('h1')).toContain(session.reference);
    expect(await page.locator('#receipt').locator('..').textContent()).toContain('Fjordlading AS');
    // The amount is typed, never offered; the page asks before it refunds.
    const captured = `${(session.capturedOre / 100).toFixed(2).replace('.', ',')} kr`;
    expect(await page.getByLabel(/Amount \(kr\)/).inputValue()).toBe('');
    await page.getByLabel(/Amount \(kr\)/).fill('20,00');
    await page.getByLabel(/Reason/).fill('Kunden ble stående i kø');
    await page.getByRole('button', { name: 'Refund…' }).click();
    await page.waitForURL(/\/refund\/confirm$/);
    expect(await text('#refund-question')).toBe(`Refund 20,00 kr of ${captured} captured to the driver's Vipps?`);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'console-refund-confirm.png'), fullPage: true });
    // Going back refunds nothing.
    await page.getByRole('link', { name: 'No, go back' }).click();
    await page.waitForURL(`${sys.ladepay.url}/console/sessions/${session.id}`);
    expect(sys.vipps.books(session.reference)?.payment.aggregate.refundedAmount.value).toBe(0);
    // More than was captured is refused before any question.
    await page.getByLabel(/Amount \(kr\)/).fill(String(session.capturedOre));
    await page.getByLabel(/Reason/).fill('Kunden ble stående i kø');
    await page.getByRole('button', { name: 'Refund…' }).click();
    expect(await text('[role="alert"]')).toBe('That is more than is left to refund.');
    await page.getByLabel(/Amount \(kr\)/).fill('20,00');
    await page.getByRole('button', { name: 'Refund…' }).click();
    await page.getByRole('button', { name: 'Yes, refund 20,00 kr' }).click();
    await page.waitForURL(/notice=refunded/);
    expect(await text('[role="status"]')).toBe('Refund done.');
    expect(sys.vipps.books(session.reference)?.payment.aggregate.refundedAmount.value).toBe(2000);
    expect(await page.locator('ol.timeline').textContent()).toContain('Kunden ble stående i kø');
    await page.screenshot({ path: resolve(SCREENSHOTS, 'console-session.png'), fullPage: true });
    expect(cspViolations).toEqual([]);
  });
});
