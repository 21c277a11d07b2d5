import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChargePoint } from '../../simulators/charge-point/index.ts';
import { launchChromium, readConsoleInEnglish } from '../browser/browser.ts';
import { WAIT_LIMIT_MS } from '../support/eventually.ts';
import { screenshotFolder } from '../support/screenshot-folder.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { chargeUntil } from './settled-session.ts';
import { skipUnlessPresent } from '../support/system-deps.ts';

const noChromium = skipUnlessPresent('chromium', 'test/console/station-reset.browser.e2e.ts');

// An operator resets a station with a session charging, in real Chromium with
// the console's CSP: the console asks first, the station's answer is shown,
// and the session ends settled.

const SCREENSHOTS = screenshotFolder();
const ADMIN = { email: 'drift@example.no', password: 'correct-horse-battery' };

let sys: TestSystem;
let browser: Browser;
let page: Page;
let cp: ChargePoint;
const cspViolations: string[] = [];

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect(), env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  await sys.addStation('KAI-1', 'ocpp2.0.1', 'KAIAA1');
  cp = await sys.connect('KAI-1', 'ocpp2.0.1');
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  await readConsoleInEnglish(context, sys.ladepay.url);
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  page = await context.newPage();
  page.setDefaultTimeout(WAIT_LIMIT_MS);
});

afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

const text = async (selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\u00a0/g, ' ').trim();

describe.skipIf(noChromium)('a station reset from the console', () => {
  it('asks to confirm while a session charges, shows the station’s answer, and the session is settled', async () => {
    const charging = await chargeUntil(sys, cp, 'KAIAA1', { minutes: 10, end: 'charging' });
    await page.goto(`${sys.ladepay.url}/console/login`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${sys.ladepay.url}/console`);

    await page.goto(`${sys.ladepay.url}/console/stations/KAI-1`);
    const card = page.locator('section', { has: page.locator('#operations-title') });
    await card.getByLabel('Reset type').selectOption('hard');
    await card.getByRole('button', { name: 'Reset', exact: true }).click();
    expect(await text('#operation-warning')).toBe(
      'A session is charging at this station (connector 1). The station ends it when it acts on this, and the session is settled on what was delivered.',
    );
    await page.screenshot({ path: resolve(SCREENSHOTS, 'console-reset-confirm.png'), fullPage: true });
    await page.getByRole('button', { name: 'Reset anyway' }).click();
    expect(await text('#operation-answer')).toBe('The station accepted the reset (Accepted).');

    await sys.waitForState(charging.token, 'settled');
    await page.goto(`${sys.ladepay.url}/console/stations/KAI-1`);
    const row = page.locator('#operations-log tbody tr').first();
    expect(await row.textContent()).toContain('kind hard');
    expect(await row.textContent()).toContain('accepted (Accepted)');
    await page.screenshot({ path: resolve(SCREENSHOTS, 'console-station-operations.png'), fullPage: true });
    expect(cspViolations).toEqual([]);
  });
});
