import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, readConsoleInEnglish } from '../browser/browser.ts';
import { WAIT_LIMIT_MS } from '../support/eventually.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { skipUnlessPresent } from '../support/system-deps.ts';

const noChromium = skipUnlessPresent('chromium', 'test/console/station-import.browser.e2e.ts');

// Station import in real Chromium, CSP enforced: the operator chooses a CSV
// file, sees the dry run, imports it, and is shown the new stations'
// passwords once.

const ADMIN = { email: 'drift@example.no', password: 'correct-horse-battery' };
const CSV = 'station_id;site_id;name;connector_no;type;max_power_kw\nFIL-1;site;Fil nord;1;CCS;150\nFIL-1;site;Fil nord;2;Type2;22\nFIL-2;site;;1;CHAdeMO;50\n';

let sys: TestSystem;
let browser: Browser;
let page: Page;
let dir: string;

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect(), env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  await readConsoleInEnglish(context, sys.ladepay.url);
  page = await context.newPage();
  page.setDefaultTimeout(WAIT_LIMIT_MS);
  dir = mkdtempSync(join(tmpdir(), 'ladepay-import-'));
});

afterAll(async () => {
  await browser?.close();
  await sys?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(noChromium)('an operator imports stations from a CSV file', () => {
  it('chooses the file, sees the dry run, imports, and sees each new password once', async () => {
    await page.goto(`${sys.ladepay.url}/console/login`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${sys.ladepay.url}/console`);

    await page.getByRole('link', { name: 'Stations' }).click();
    await page.getByRole('link', { name: 'Import from CSV' }).click();
    const file = join(dir, 'fleet.csv');
    writeFileSync(file, `\ufeff${CSV}`);
    await page.getByLabel(/CSV file/).setInputFiles(file);
    await page.getByRole('button', { name: 'Check (dry run)' }).click();

    await page.getByRole('heading', { name: 'Import stations: dry run' }).waitFor();
    await expect.poll(() => page.locator('main').textContent(), { timeout: WAIT_LIMIT_MS }).toContain('Checked: fleet.csv');
    const plan = await page.locator('ol.plan li').allTextContents();
    expect(plan).toEqual([
      'lines 2, 3: create station FIL-1 "Fil nord" on site site with connectors #1 CCS 150 kW, #2 Type2 22 kW; a password is made',
      'line 4: create station FIL-2 "FIL-2" on site site with connectors #1 CHAdeMO 50 kW; a password is made',
    ]);

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Import stations: done' }).waitFor();
    const passwords = await page.locator('.secret').evaluateAll((els) => els.map((e) => [e.getAttribute('data-station'), e.textContent ?? '']));
    expect(passwords.map(([id]) => id)).toEqual(['FIL-1', 'FIL-2']);
    for (const [, password] of passwords) expect(password.length).toBeGreaterThanOrEqual(32);

    // Once: the stations are listed, their passwords shown nowhere again.
    await page.getByRole('link', { name: 'Stations', exact: true }).first().click();
    const list = (await page.locator('main').textContent()) ?? '';
    expect(list).toContain('FIL-1');
    expect(list).toContain('FIL-2');
    await page.goto(`${sys.ladepay.url}/console/stations/FIL-1`);
    const stationPage = (await page.content()) ?? '';
    for (const [, password] of passwords) expect(stationPage).not.toContain(password);
  });
});
