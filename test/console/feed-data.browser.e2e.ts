import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, readConsoleInEnglish, runAxe } from '../browser/browser.ts';
import { WAIT_LIMIT_MS } from '../support/eventually.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { skipUnlessPresent } from '../support/system-deps.ts';
import { primaryDialect } from '../support/test-database.ts';

const noChromium = skipUnlessPresent('chromium', 'test/console/feed-data.browser.e2e.ts');

// An operator fills in what the charger feeds need in real Chromium, the
// console's CSP enforced: the site page says what is missing, the form is
// filled by its labels, and the page then names only what is still missing.

const ADMIN = { email: 'drift@example.no', password: 'correct-horse-battery' };

let sys: TestSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect(), env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, OCPI_PARTY_ID: 'TST' } });
  await sys.addStation('FDB-1', 'ocpp2.0.1', 'FDBAAA');
  browser = await launchChromium();
  // axe goes in as an inline script, which the console's CSP refuses.
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Oslo', bypassCSP: true });
  context.setDefaultTimeout(WAIT_LIMIT_MS);
  await readConsoleInEnglish(context, sys.ladepay.url);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await sys?.stop();
});

const status = async () => ((await page.locator('#feed-status').textContent()) ?? '').trim();

describe.skipIf(noChromium)("a site's feed data in Chromium", () => {
  it('shows what is missing, takes the form by its labels, then names only the connector', async () => {
    await page.goto(`${sys.ladepay.url}/console/sites/site`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${sys.ladepay.url}/console/sites/site`);
    expect(await status()).toBe('Not shared: missing coordinates, city, postal code, opening hours, parking type; connector FDBAAA: max voltage, max amperage');
    expect(await runAxe(page)).toEqual([]);

    await page.getByLabel('City').fill('Oslo');
    await page.getByLabel('Postal code').fill('0150');
    await page.getByLabel('Latitude').fill('59.9127');
    await page.getByLabel('Longitude').fill('10.7461');
    await page.getByLabel('Open around the clock (24/7)').check();
    await page.getByLabel('Parking type').selectOption('ON_STREET');
    await page.getByLabel('Customers only').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/notice=site-saved/);
    expect(await status()).toBe('Not shared: missing connector FDBAAA: max voltage, max amperage');
    expect(await page.getByLabel('Latitude').inputValue()).toBe('59.912700');
    expect(await page.getByLabel('Customers only').isChecked()).toBe(true);
  });

  it('takes the connector’s voltage and amperage on the station page, and the site is complete', async () => {
    await page.goto(`${sys.ladepay.url}/console/stations/FDB-1`);
    const row = page.getByRole('form', { name: 'Connector FDBAAA' });
    await row.getByLabel('Max V').fill('920');
    await row.getByLabel('Max A').fill('200');
    await row.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/notice=connector-saved/);
    await page.goto(`${sys.ladepay.url}/console/sites/site`);
    expect(await status()).toBe('Complete');
    expect(await page.getByRole('cell', { name: 'NO*TST*EFDBAAA' }).count()).toBe(1);
  });
});
