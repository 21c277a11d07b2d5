import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aFinishedSessionView, aSessionView } from './driver-view-builders.ts';
import { CHARGING_TOKEN, buildDriverTestApp } from './driver-test-app.ts';
import { WAIT_LIMIT_MS } from '../support/eventually.ts';
import { screenshotFolder } from '../support/screenshot-folder.ts';
import { launchChromium, newPhoneContext, runAxe } from './browser.ts';
import type { ScriptedDriverActions } from './scripted-driver-actions.ts';
import { skipUnlessPresent } from '../support/system-deps.ts';

const noChromium = skipUnlessPresent('chromium', 'test/browser/pages.e2e.ts');

// The driver's pages in real Chromium on a phone-sized screen, served by the
// plugin on a real port with scripted session views.

const SCREENSHOTS = screenshotFolder();

let app: FastifyInstance;
let actions: ScriptedDriverActions;
let base: string;
let browser: Browser;
// Pages as a driver gets them, CSP enforced.
let strict: BrowserContext;
// The same pages for axe, which is injected as an inline script and needs the CSP bypassed.
let audit: BrowserContext;
const cspViolations: string[] = [];

beforeAll(async () => {
  ({ app, actions } = await buildDriverTestApp({ publicUrl: 'http://127.0.0.1' }));
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  strict = await newPhoneContext(browser);
  audit = await newPhoneContext(browser, { bypassCSP: true });
  strict.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function auditPage(path: string, language: 'nb' | 'en'): Promise<Page> {
  const page = await audit.newPage();
  await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}lang=${language}`);
  return page;
}

const textOf = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').replace(/\u00a0/g, ' ');

describe.skipIf(noChromium)('landing page', () => {
  it.each(['nb', 'en'] as const)('passes axe with no violations (%s)', async (language) => {
    const page = await auditPage('/c/K7P2QX', language);
    expect(await runAxe(page)).toEqual([]);
    await page.screenshot({ path: resolve(SCREENSHOTS, `landing-${language}.png`), fullPage: true });
    await page.close();
  });

  it('passes axe with the form errors shown', async () => {
    const page = await auditPage('/c/K7P2QX', 'en');
    // The browser would stop the post itself (required); take that away to get the server's answer.
    await page.locator('#terms').evaluate((el) => el.removeAttribute('required'));
    await page.getByText('Choose another amount').click();
    await page.locator('#custom').fill('5');
    await page.getByRole('button', { name: 'Pay with Vipps' }).click();
    await page.waitForURL(`${base}/c/K7P2QX/start`);
    expect(await textOf(page, '#problems')).toContain('The maximum amount must be at least 270 kr.');
    expect(await runAxe(page)).toEqual([]);
    await page.screenshot({ path: resolve(SCREENSHOTS, 'landing-errors-en.png'), fullPage: true });
    await page.close();
  });

  it('is styled by its stylesheet under the CSP, with the Vipps button in Vipps orange', async () => {
    const page = await strict.newPage();
    await page.goto(`${base}/c/K7P2QX`);
    const box = await page.getByRole('button', { name: 'Betal med Vipps' }).boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(48);
    // Page functions as strings: tsconfig has no DOM types.
    expect(await page.evaluate("getComputedStyle(document.querySelector('button.vipps')).backgroundColor")).toBe('rgb(255, 91, 36)');
    expect(await page.evaluate("getComputedStyle(document.querySelector('button.vipps')).color")).toBe('rgb(255, 255, 255)');
    expect(await page.evaluate('getComputedStyle(document.body).fontSize')).toBe('18px');
    expect(cspViolations).toEqual([]);
    await page.close();
  });

  it.each(['nb', 'en'] as const)('has the pay button on the first screen of a 390×844 phone (%s)', async (language) => {
    const page = await strict.newPage();
    await page.goto(`${base}/c/K7P2QX?lang=${language}`);
    const box = await page.locator('button.vipps').boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    await page.close();
  });

  it('says what each amount buys and what is kept back for the idle fee', async () => {
    const page = await strict.newPage();
    await page.goto(`${base}/c/K7P2QX?lang=en`);
    // 300 kr less the 2 % margin, the 10 kr start fee and the 200 kr idle-fee reserve: 84 kr at 4.99 kr/kWh is
    // 16.8 kWh, less what a 50 kW charge draws in the minute before the guard's next look.
    expect(await textOf(page, 'label.choice:has(input[value="30000"])')).toContain('300 kr at least 16 kWh');
    expect(await textOf(page, 'label.choice:has(input[value="50000"])')).toContain('500 kr at least 55 kWh');
    // 200 kr would buy less than the useful 10 kWh: not offered.
    expect(await page.locator('input[name="amount"][value="20000"]').count()).toBe(0);
    expect(await textOf(page, '.notes')).toContain('200 kr of the maximum is kept back for a possible idle fee and is not used for energy.');
    expect(await page.locator('#custom').isVisible()).toBe(false);
    await page.close();
  });

  it('opens "Choose another amount" and takes a typed amount without JavaScript', async () => {
    const context = await newPhoneContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/c/K7P2QX?lang=en`);
    await page.getByText('Choose another amount').click();
    await page.getByLabel('Other amount').check();
    expect(await textOf(page, 'label[for="custom"]')).toBe('Amount in kroner (270 kr–1 000 kr)');
    await page.locator('#custom').fill('123,45');
    await page.getByLabel(/I have read and accept the/).check();
    await page.getByRole('button', { name: 'Pay with Vipps' }).click();
    await page.waitForURL(`${base}/c/K7P2QX/start`);
    expect(await textOf(page, '#problems')).toContain('Type the amount in whole kroner, without øre.');
    await context.close();
  });
});

describe.skipIf(noChromium)('status page', () => {
  it('takes the driver from payment to a live charging page that updates over SSE, then to the receipt', async () => {
    actions.startAnswer = (input) => {
      const token = 'tok_browser_flow_01';
      actions.sessions.set(
        token,
        aSessionView({ token, phase: 'awaiting_payment', maxAmountOre: input.maxAmountOre, canStop: false, energyWh: 0, runningCostOre: 0, chargingStartedAt: undefined, powerW: undefined, socPercent: undefined }),
      );
      // "Vipps" approves at once and sends the driver back.
      return { ok: true, token, redirectUrl: `${base}/s/${token}` };
    };
    actions.paymentReturnAnswer = (token) => {
      if (actions.sessions.get(token)?.phase === 'awaiting_payment') actions.update(token, { phase: 'plug_in', canStop: true });
    };

    const page = await strict.newPage();
    await page.goto(`${base}/c/K7P2QX?lang=en`);
    await page.getByText('Choose another amount').click();
    await page.getByLabel('Other amount').check();
    await page.getByLabel(/Amount in kroner/).fill('400');
    await page.getByLabel(/I have read and accept the/).check();
    await page.getByRole('button', { name: 'Pay with Vipps' }).click();
    await page.waitForURL(`${base}/s/tok_browser_flow_01`);
    expect(actions.starts.at(-1)).toEqual({ connectorCode: 'K7P2QX', maxAmountOre: 40_000, method: 'WALLET', language: 'en' });
    expect(await textOf(page, '#phase-title')).toBe('Plug in your car');

    // Wait until the page's stream is open, then change the session.
    await vi.waitFor(() => expect(actions.listenerCount('tok_browser_flow_01')).toBe(1), { timeout: WAIT_LIMIT_MS });
    const chargingStartedAt = Date.now() - 65_000;
    actions.update('tok_browser_flow_01', {
      phase: 'charging',
      chargingStartedAt: new Date(chargingStartedAt).toISOString(),
      energyWh: 1234,
      powerW: 7400,
      socPercent: 61,
      runningCostOre: 1616,
      canStop: true,
    });
    await page.waitForFunction("document.getElementById('energy').textContent === '1,23\\u00a0kWh'");
    expect(await textOf(page, '#phase-title')).toBe('Charging in progress');
    expect(await textOf(page, '#power')).toBe('7,4 kW');
    expect(await textOf(page, '#soc')).toBe('61 %');
    expect(await textOf(page, '#cost-text')).toBe('16,16 kr of at most 400,00 kr');
    expect(await page.evaluate("[document.getElementById('cost-bar').value, document.getElementById('cost-bar').max]")).toEqual([1616, 40_000]);
    expect(await textOf(page, '#stop-button')).toBe('Stop charging');
    expect(await page.locator('#meter').isVisible()).toBe(true);
    // The charging time counts on from the start: at least the minute it had,
    // at most what has passed by now (however slowly this test ran).
    const shownElapsed = await textOf(page, '#elapsed');
    const parts = /^(\d+) min (\d\d) s$/.exec(shownElapsed);
    expect(parts).not.toBeNull();
    const elapsed = Number(parts?.[1]) * 60 + Number(parts?.[2]);
    expect(elapsed).toBeGreaterThanOrEqual(60);
    expect(elapsed).toBeLessThanOrEqual(Math.ceil((Date.now() - chargingStartedAt) / 1000));

    // Stop: a real form post from the page (Origin header and check value as the browser sends them).
    await page.getByRole('button', { name: 'Stop charging' }).click();
    await page.waitForFunction("document.getElementById('phase-title').textContent === 'Stopping'");
    expect(actions.stops).toContain('tok_browser_flow_01');

    // The end: the page fetches itself again to show the final price and receipt.
    const { version: _version, ...finished } = aFinishedSessionView({ token: 'tok_browser_flow_01', maxAmountOre: 40_000 });
    actions.update('tok_browser_flow_01', finished);
    await page.waitForSelector('#receipt-heading');
    expect(await textOf(page, '#phase-title')).toBe('Finished');
    expect(await textOf(page, '.lines .total td')).toBe('71,58 kr');
    expect(cspViolations).toEqual([]);
    await page.close();
  });

  it.each([
    ['charging', CHARGING_TOKEN],
    ['finished', 'tok_browser_finished'],
  ] as const)('passes axe with no violations when %s, in both languages', async (name, token) => {
    if (token === 'tok_browser_finished') actions.sessions.set(token, aFinishedSessionView({ token }));
    for (const language of ['nb', 'en'] as const) {
      const page = await auditPage(`/s/${token}`, language);
      expect(await runAxe(page)).toEqual([]);
      await page.screenshot({ path: resolve(SCREENSHOTS, `status-${name}-${language}.png`), fullPage: true });
      await page.close();
    }
  });

  it('refreshes itself and can still stop without JavaScript', async () => {
    const token = 'tok_browser_nojs_01';
    actions.sessions.set(token, aSessionView({ token }));
    const context = await newPhoneContext(browser, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/s/${token}?lang=en`);
      // With scripting off the parser turns <noscript> content into real elements.
      expect(await page.locator('meta[http-equiv="refresh"]').getAttribute('content')).toBe('10');
      const reloaded = page.waitForRequest((request) => request.url().endsWith(`/s/${token}?lang=en`));
      actions.update(token, { energyWh: 20_000 });
      await reloaded;
      await page.waitForLoadState('load');
      expect(await textOf(page, '#energy')).toBe('20,00 kWh');
      await page.getByRole('button', { name: 'Stop charging' }).click();
      await page.waitForURL(`${base}/s/${token}`);
      expect(actions.stops).toContain(token);
      expect(await textOf(page, '#phase-title')).toBe('Stopping');
      await page.screenshot({ path: resolve(SCREENSHOTS, 'status-nojs-en.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('has no refresh element when JavaScript runs (the script does the updating)', async () => {
    const page = await strict.newPage();
    await page.goto(`${base}/s/${CHARGING_TOKEN}`);
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    await page.close();
  });
});
