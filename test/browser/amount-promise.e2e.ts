import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { primaryDialect } from '../support/test-database.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { aTariff } from '../support/tariff-builder.ts';
import { launchChromium, newPhoneContext } from './browser.ts';
import { skipUnlessPresent } from '../support/system-deps.ts';

const noChromium = skipUnlessPresent('chromium', 'test/browser/amount-promise.e2e.ts');

// What the landing page promises an amount buys, against what the charge
// delivers: the real server, the Vipps simulator's phone page and a simulated
// station with a car that never fills up, in Chromium on a 390×844 screen.

// The demo's tariff: 4.99 kr/kWh and an idle fee of 1 kr a minute after 30 minutes, at most 100 kr.
const idleFeeTariff = aTariff({ perKwhOre: 499, idlePerMinuteOre: 100, idleGraceMinutes: 30, idleCapOre: 10_000 });

describe.skipIf(noChromium)('what a maximum buys', () => {
  let sys: TestSystem;
  let browser: Browser;

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect(), tariff: idleFeeTariff });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  it('a 200 kr maximum with an idle-fee reserve charges at least the energy the page promised', async () => {
    await sys.addStation('CP-AMT1', 'ocpp1.6', 'AMOUNT1');
    const cp = await sys.connect('CP-AMT1', 'ocpp1.6');
    await cp.plugIn(1, { socPercent: 5, batteryWh: 200_000 });
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${sys.ladepay.publicUrl}/c/AMOUNT1?lang=en`);

    const label = ((await page.locator('label.choice:has(input[value="20000"])').textContent()) ?? '').replace(/\u00a0/g, ' ');
    const promisedKwh = Number(/at least (\d+) kWh/.exec(label)?.[1]);
    // 200 kr − 4 kr margin − 100 kr reserve = 96 kr: 19.2 kWh at 4.99 kr, less one meter interval at 50 kW.
    expect(promisedKwh).toBe(19);
    expect((await page.locator('.notes').textContent())?.replace(/\u00a0/g, ' ')).toContain('100 kr of the maximum is kept back for a possible idle fee');

    await page.check('input[name="amount"][value="20000"]');
    await page.check('#terms');
    await Promise.all([page.waitForURL(/\/phone\//), page.click('button.vipps')]);
    await Promise.all([page.waitForURL(/\/s\//), page.click('button.approve')]);
    await page.waitForSelector('#live[data-phase="charging"]');
    const token = new URL(page.url()).pathname.split('/')[2]!;

    // The car would take 190 kWh: only the cost guard ends this charge.
    await eventually(async () => {
      await cp.tick(60_000);
      return (await sys.session(token)).state === 'idling';
    }, 'the cost guard stopping the charge, the energy captured');
    // The car leaves within the idle fee's grace: the rest is released.
    await cp.unplug(1);
    await sys.waitForState(token, 'settled');
    const s = await sys.session(token);
    expect(s.stopSource).toBe('cost_guard');
    expect(s.priced?.lines.find((l) => l.kind === 'energy')?.quantity).toBeGreaterThanOrEqual(promisedKwh * 1000);
    expect(s.capturedOre).toBeLessThanOrEqual(20_000);

    await page.waitForSelector('#live[data-phase="finished"]');
    expect((await page.locator('.outcome').textContent())?.replace(/\u00a0/g, ' ')).toBe(
      'Charging stopped because your maximum of 200 kr was nearly used up. 100 kr of it is kept back for a possible idle fee.',
    );
    await context.close();
  });
});
