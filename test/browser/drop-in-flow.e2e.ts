import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StationStore } from '../../src/adapters/storage/station-store.ts';
import { eventually } from '../support/eventually.ts';
import { primaryDialect } from '../support/test-database.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { screenshotFolder } from '../support/screenshot-folder.ts';
import { launchChromium, newPhoneContext, runAxe } from './browser.ts';
import { skipUnlessPresent } from '../support/system-deps.ts';

const noChromium = skipUnlessPresent('chromium', 'test/browser/drop-in-flow.e2e.ts');

// The driver's whole flow in Debian's Chromium against the real server, the
// Vipps simulator's phone page and a simulated station.
const shots = screenshotFolder();

describe.skipIf(noChromium)('the driver in a browser', () => {
  let sys: TestSystem;
  let browser: Browser;
  let n = 0;

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect() });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  async function station(protocol: 'ocpp1.6' | 'ocpp2.0.1' = 'ocpp1.6', connectorMaxPowerW?: number) {
    n += 1;
    const id = `CP-B${n}`;
    const code = `BROWSE${n}`;
    await sys.addStation(id, protocol, code);
    const cp = await sys.connect(id, protocol, connectorMaxPowerW ? { connectorMaxPowerW } : {});
    return { cp, code };
  }

  async function payOnLanding(page: Page, code: string, amount?: string) {
    await page.goto(`${sys.ladepay.publicUrl}/c/${code}`);
    if (amount) await page.check(`input[name="amount"][value="${amount}"]`);
    await page.check('#terms');
    await Promise.all([page.waitForURL(/\/phone\//), page.click('button[name="method"][value="WALLET"]')]);
  }

  const phase = (page: Page, p: string) => page.waitForSelector(`#live[data-phase="${p}"]`);

  it('scan, see the price, pay with Vipps, follow the charge, stop, get the receipt', async () => {
    const { cp, code } = await station('ocpp1.6');
    await cp.plugIn(1, { socPercent: 35 });
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${sys.ladepay.publicUrl}/c/${code}`);
    expect(await page.textContent('body')).toContain('5,00\u00a0kr/kWh');
    await page.screenshot({ path: `${shots}/flow-1-landing.png`, fullPage: true });

    await page.check('#terms');
    await Promise.all([page.waitForURL(/\/phone\//), page.click('button[name="method"][value="WALLET"]')]);
    expect(await page.textContent('body')).toContain('350');
    await page.screenshot({ path: `${shots}/flow-2-vipps-phone.png`, fullPage: true });

    await Promise.all([page.waitForURL(/\/s\//), page.click('button.approve')]);
    await phase(page, 'charging');
    await cp.tick(45 * 60 * 1000);
    // Live over SSE: the energy shown grows without a reload.
    await page.waitForFunction(() => {
      const text = (globalThis as unknown as { document: { getElementById(id: string): { textContent: string } | null } }).document.getElementById('energy')?.textContent ?? '';
      return /[1-9]/.test(text);
    });
    const reference = (await sys.session(new URL(page.url()).pathname.split('/')[2]!)).reference;
    expect(await page.textContent('body')).toContain(reference);
    await page.screenshot({ path: `${shots}/flow-3-charging.png`, fullPage: true });

    await page.click('#stop-button');
    await phase(page, 'finished');
    const body = (await page.textContent('body')) ?? '';
    expect(body).toMatch(/mva/i);
    await page.screenshot({ path: `${shots}/flow-4-receipt.png`, fullPage: true });
    const token = new URL(page.url()).pathname.split('/')[2]!;
    const s = await sys.session(token);
    expect(s.state).toBe('settled');
    expect(sys.vipps.books(s.reference)?.payment.aggregate.capturedAmount.value).toBe(s.capturedOre);
    await context.close();
  });

  it('the landing page passes an accessibility check', async () => {
    const { code } = await station();
    const context = await newPhoneContext(browser, { bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${sys.ladepay.publicUrl}/c/${code}`);
    expect(await runAxe(page)).toEqual([]);
    await context.close();
  });

  it('a driver who rejects in Vipps sees that nothing was paid', async () => {
    const { code } = await station();
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await payOnLanding(page, code);
    await Promise.all([page.waitForURL(/\/s\//), page.click('button.reject')]);
    await phase(page, 'payment_failed');
    await context.close();
  });

  it('an offline station offers no payment', async () => {
    const { cp, code } = await station();
    await cp.goOffline();
    await eventually(async () => (await new StationStore(sys.database.db).station(cp.stationId))?.online === false, 'Ladepay seeing the station offline');
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${sys.ladepay.publicUrl}/c/${code}`);
    expect(await page.$('button[name="method"]')).toBeNull();
    await page.screenshot({ path: `${shots}/flow-offline.png`, fullPage: true });
    await context.close();
  });

  it('a stop at the station, and the page reopened mid-session', async () => {
    const { cp, code } = await station('ocpp2.0.1');
    await cp.plugIn(1);
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await payOnLanding(page, code);
    await Promise.all([page.waitForURL(/\/s\//), page.click('button.approve')]);
    await phase(page, 'charging');
    const statusUrl = page.url();
    await context.close(); // the driver closes the browser

    const again = await newPhoneContext(browser);
    const reopened = await again.newPage();
    await reopened.goto(statusUrl);
    await phase(reopened, 'charging');
    await cp.tick(20 * 60 * 1000);
    await cp.pressStop(1);
    await phase(reopened, 'finished');
    await again.close();
  });

  it('the cost guard ends the charge at the driver’s maximum', async () => {
    // A 50 kW station and a car that takes it all: the 200 kr are used in under
    // an hour, some 300 meter values rather than 650 at 22 kW, which a busy
    // machine feels.
    const { cp, code } = await station('ocpp2.0.1', 50_000);
    await cp.plugIn(1, { batteryWh: 100_000, socPercent: 5, maxPowerW: 50_000 });
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await payOnLanding(page, code, '20000');
    await Promise.all([page.waitForURL(/\/s\//), page.click('button.approve')]);
    await phase(page, 'charging');
    const token = new URL(page.url()).pathname.split('/')[2]!;
    for (let i = 0; i < 300 && (await sys.session(token)).state === 'charging'; i++) await cp.tick(30_000);
    await phase(page, 'finished');
    const s = await sys.session(token);
    expect(s.stopSource).toBe('cost_guard');
    expect(s.capturedOre).toBeLessThanOrEqual(20_000);
    await context.close();
  });

  it('works without JavaScript: the status page refreshes itself', async () => {
    const { cp, code } = await station();
    await cp.plugIn(1);
    const context = await newPhoneContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await payOnLanding(page, code);
    await Promise.all([page.waitForURL(/\/s\//), page.click('button.approve')]);
    const html = await page.content();
    expect(html).toMatch(/http-equiv="refresh"/);
    await context.close();
  });
});
