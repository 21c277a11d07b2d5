import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PriceScheduleView } from '../../src/usecases/ports/driver-views.ts';
import { screenshotFolder } from '../support/screenshot-folder.ts';
import { launchChromium, newPhoneContext, runAxe } from './browser.ts';
import { buildDriverTestApp } from './driver-test-app.ts';
import { aLandingView, aTariffView, anAmountOffer } from './driver-view-builders.ts';
import { skipUnlessPresent } from '../support/system-deps.ts';

const noChromium = skipUnlessPresent('chromium', 'test/browser/price-schedule.e2e.ts');

// A connector whose tariff has periods, in real Chromium: the price now, the line that says when it
// changes next and to what ("Fra 17:00: 5,90 kr/kWh"), and the week's prices, all before payment.

const SCREENSHOTS = screenshotFolder();
const now = aTariffView({ perKwhOre: 390, startFeeOre: 0, idlePerMinuteOre: 0, idleCapOre: 0 });
const evening = aTariffView({ perKwhOre: 590, startFeeOre: 1000, idlePerMinuteOre: 0, idleCapOre: 0 });

function schedule(nextChange: PriceScheduleView['nextChange']): PriceScheduleView {
  return {
    base: now,
    periods: [{ days: [1, 2, 3, 4, 5], from: '17:00', to: '21:00', tariff: evening }],
    ...(nextChange ? { nextChange } : {}),
  };
}

let app: FastifyInstance;
let base: string;
let browser: Browser;
let audit: BrowserContext;

beforeAll(async () => {
  const built = await buildDriverTestApp({ publicUrl: 'http://127.0.0.1' });
  app = built.app;
  // 17:00 Oslo on a winter Monday is 16:00 UTC; Saturday 00:00 is Friday 23:00 UTC.
  built.actions.landings.set('TOD001', aLandingView({ connectorCode: 'TOD001', tariff: now, amounts: anAmountOffer(now), schedule: schedule({ at: '2026-01-12T16:00:00.000Z', sameDay: true, tariff: evening }) }));
  built.actions.landings.set('TOD002', aLandingView({ connectorCode: 'TOD002', tariff: now, amounts: anAmountOffer(now), schedule: schedule({ at: '2026-01-16T23:00:00.000Z', sameDay: false, tariff: evening }) }));
  built.actions.landings.set('FLAT01', aLandingView({ connectorCode: 'FLAT01' }));
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  // axe is injected as an inline script, which the pages' CSP refuses.
  audit = await newPhoneContext(browser, { bypassCSP: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const text = (s: string | null) => (s ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

describe.skipIf(noChromium)('a price that changes through the day', () => {
  it.each([
    ['nb', 'TOD001', 'Fra 17:00: 5,90 kr/kWh, startavgift 10,00 kr', 'Pris nå'],
    ['en', 'TOD001', 'From 17:00: 5,90 kr/kWh, start fee 10,00 kr', 'Price now'],
    ['nb', 'TOD002', 'Fra lørdag 00:00: 5,90 kr/kWh, startavgift 10,00 kr', 'Pris nå'],
    ['en', 'TOD002', 'From Saturday 00:00: 5,90 kr/kWh, start fee 10,00 kr', 'Price now'],
  ] as const)('says when the price changes next (%s, %s)', async (language, code, line, heading) => {
    const page = await audit.newPage();
    await page.goto(`${base}/c/${code}?lang=${language}`);
    expect(text(await page.locator('#next-price').textContent())).toBe(line);
    expect(text(await page.locator('#price-heading').textContent())).toBe(heading);
    // The week, every component: the period and the other times.
    const terms = (await page.locator('dl.schedule dt').allTextContents()).map(text);
    const prices = (await page.locator('dl.schedule dd').allTextContents()).map(text);
    expect(terms).toEqual(language === 'nb' ? ['man.–fre. 17:00–21:00', 'Andre tider'] : ['Mon–Fri 17:00–21:00', 'Other times']);
    expect(prices).toEqual(language === 'nb' ? ['5,90 kr/kWh, startavgift 10,00 kr', '3,90 kr/kWh'] : ['5,90 kr/kWh, start fee 10,00 kr', '3,90 kr/kWh']);
    expect(await runAxe(page)).toEqual([]);
    if (code === 'TOD001') await page.screenshot({ path: resolve(SCREENSHOTS, `landing-schedule-${language}.png`), fullPage: true });
    await page.close();
  });

  it('shows no next-change line and no schedule for a flat price', async () => {
    const page = await audit.newPage();
    await page.goto(`${base}/c/FLAT01?lang=nb`);
    expect(text(await page.locator('#price-heading').textContent())).toBe('Pris');
    expect(await page.locator('#next-price').count()).toBe(0);
    expect(await page.locator('dl.schedule').count()).toBe(0);
    await page.close();
  });
});
