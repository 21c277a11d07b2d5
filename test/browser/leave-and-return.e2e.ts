import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { primaryDialect } from '../support/test-database.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { launchChromium, newPhoneContext } from './browser.ts';
import { skipUnlessPresent } from '../support/system-deps.ts';

const noChromium = skipUnlessPresent('chromium', 'test/browser/leave-and-return.e2e.ts');

// A payment the driver can leave and a session the driver can find again: the
// real server, the Vipps simulator's phone page and simulated stations, with
// two drivers' phones as two Chromium contexts on 390×844 screens.

const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').replace(/\u00a0/g, ' ').trim();

describe.skipIf(noChromium)('leaving a payment and finding a session again', () => {
  let sys: TestSystem;
  let browser: Browser;
  let n = 0;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect(), env: { UNPAID_HOLD_SECONDS: '180' } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  async function station(): Promise<string> {
    n += 1;
    const code = `LEAVE${n}`;
    await sys.addStation(`CP-L${n}`, 'ocpp1.6', code);
    const cp = await sys.connect(`CP-L${n}`, 'ocpp1.6');
    await cp.plugIn(1);
    return code;
  }

  async function phone(): Promise<Page> {
    const context = await newPhoneContext(browser);
    contexts.push(context);
    return context.newPage();
  }

  async function payAndLandInVipps(page: Page, code: string): Promise<void> {
    await page.goto(`${sys.ladepay.publicUrl}/c/${code}?lang=en`);
    await page.check('#terms');
    await Promise.all([page.waitForURL(/\/phone\//), page.click('button.vipps')]);
  }

  const tokenOf = (page: Page) => new URL(page.url()).pathname.split('/')[2]!;

  it('Back from Vipps: the same browser can continue or cancel, and the next driver can pay at once', async () => {
    const code = await station();
    const first = await phone();
    await payAndLandInVipps(first, code);
    // The payment's text in Vipps is in the language of the page the driver paid from.
    expect(await text(first, '.desc')).toBe(`Charging at Lader CP-L${n}. A maximum is reserved; you pay only for what you use.`);
    // Back from Vipps lands on the landing page, which knows this browser's payment.
    await first.goBack();
    await first.waitForURL(/\/s\//);
    expect(await first.locator('#live').getAttribute('data-phase')).toBe('awaiting_payment');
    expect(await text(first, '#stop-button')).toBe('Cancel');

    // Someone else sees a payment under way and when the connector is free, not "someone is charging".
    const second = await phone();
    await second.goto(`${sys.ladepay.publicUrl}/c/${code}?lang=en`);
    expect(await text(second, '.status strong')).toBe('Waiting for payment');
    expect(await text(second, '.notice')).toMatch(/^Someone is paying for this connector now\. If the payment is not approved, it is free in [23]:\d\d\.$/);
    expect(await second.locator('button.vipps').count()).toBe(0);

    // Continue goes back to the same payment in Vipps.
    const reference = (await sys.session(tokenOf(first))).reference;
    await Promise.all([first.waitForURL(/\/phone\//), first.click('#resume')]);
    expect(sys.vipps.paymentOfPhone(first.url())?.reference).toBe(reference);
    await first.goBack();
    await first.waitForURL(/\/s\//);
    await Promise.all([first.waitForURL(/\/s\//), first.click('#stop-button')]);
    await first.waitForSelector('#live[data-phase="payment_failed"]');
    await eventually(async () => sys.vipps.books(reference)?.payment.state !== 'CREATED', 'the payment cancelled at Vipps');
    expect(sys.vipps.books(reference)?.payment.aggregate.authorizedAmount.value).toBe(0);

    await second.reload();
    expect(await text(second, '.status strong')).toBe('Car connected');
    await Promise.all([second.waitForURL(/\/phone\//), second.check('#terms').then(() => second.click('button.vipps'))]);
    await Promise.all([second.waitForURL(/\/s\//), second.click('button.approve')]);
    await second.waitForSelector('#live[data-phase="charging"]');
  });

  it('a payment nobody approves holds the connector only for the unpaid hold, then is cancelled at Vipps', async () => {
    const code = await station();
    const first = await phone();
    await payAndLandInVipps(first, code);
    const reference = sys.vipps.paymentOfPhone(first.url())!.reference;
    await first.close();

    // Meanwhile, "use another connector" lists the site's others with their status: the first test's is charging.
    const waiting = await phone();
    await waiting.goto(`${sys.ladepay.publicUrl}/c/${code}?lang=en`);
    expect(await text(waiting, '.others li:has(a[href="/c/LEAVE1"])')).toBe('Lader CP-L1 · Connector 1 · CCS · up to 50 kW Charging');

    await sys.advance(181_000);
    await eventually(async () => sys.vipps.books(reference)?.payment.state !== 'CREATED', 'the unapproved payment cancelled at Vipps');
    const second = await phone();
    await second.goto(`${sys.ladepay.publicUrl}/c/${code}?lang=en`);
    expect(await text(second, '.status strong')).toBe('Car connected');
    expect(await second.locator('button.vipps').count()).toBe(1);
  });

  it('a payment Vipps could not create: the retry, with another amount, gets a fresh payment, not a busy connector', async () => {
    const code = await station();
    const page = await phone();
    await page.goto(`${sys.ladepay.publicUrl}/c/${code}?lang=en`);
    sys.vipps.faults.set({ serverError: { epayment: { share: 1 } } });
    await page.check('#terms');
    await Promise.all([page.waitForURL(/\/start$/), page.click('button.vipps')]);
    expect(await text(page, '.alert')).toBe('We cannot reach Vipps right now. Try again in a minute. Nothing was charged.');
    sys.vipps.faults.reset();

    await page.check('input[name="amount"][value="50000"]');
    await page.check('#terms');
    await Promise.all([page.waitForURL(/\/phone\//), page.click('button.vipps')]);
    await Promise.all([page.waitForURL(/\/s\//), page.click('button.approve')]);
    await page.waitForSelector('#live[data-phase="charging"]');
    expect((await sys.session(tokenOf(page))).maxAmountOre).toBe(50_000);
  });

  it('scanning again during your own charge opens your session with Stop; another phone sees the connector busy', async () => {
    const code = await station();
    const page = await phone();
    await payAndLandInVipps(page, code);
    await Promise.all([page.waitForURL(/\/s\//), page.click('button.approve')]);
    await page.waitForSelector('#live[data-phase="charging"]');
    const token = tokenOf(page);

    const again = await page.context().newPage();
    await again.goto(`${sys.ladepay.publicUrl}/c/${code}?lang=en`);
    expect(tokenOf(again)).toBe(token);
    expect(again.url()).toContain(`/s/${token}`);
    await again.click('#stop-button');
    await page.waitForSelector('#live[data-phase="finished"]');

    const other = await phone();
    await other.goto(`${sys.ladepay.publicUrl}/c/${code}?lang=en`);
    expect(other.url()).toContain(`/c/${code}`);
  });
});
