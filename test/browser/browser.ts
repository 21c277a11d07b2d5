import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { WAIT_LIMIT_MS } from '../support/eventually.ts';

// Debian's Chromium, as CI has it. No downloads: playwright-core only drives it.
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const PHONE_VIEWPORT = { width: 390, height: 844 };

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

// A phone-sized context. Pass bypassCSP for a page that axe will audit: axe is
// injected as an inline script, which the pages' CSP (rightly) refuses.
// Its pages wait for selectors, navigations and clicks as long as any other
// test wait (Playwright's own default is 30 s).
export async function newPhoneContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: PHONE_VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    ...options,
  });
  context.setDefaultTimeout(WAIT_LIMIT_MS);
  return context;
}

let axeSource: string | undefined;
function readAxeSource(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

// Runs axe-core on the page against WCAG 2.1 A/AA and best practices, and
// answers the violations in a form that reads well in a test failure.
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  // The page functions run in the browser; tsconfig has no DOM types, so they reach it through globalThis.
  const hasAxe = await page.evaluate(() => 'axe' in globalThis);
  if (!hasAxe) await page.addScriptTag({ content: readAxeSource() });
  const results = await page.evaluate(async () => {
    const page = globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<AxeResults> }; document: unknown };
    return page.axe.run(page.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
  });
  // An axe that checked nothing would pass anything.
  if (results.passes.length === 0) throw new Error('axe ran no checks on the page');
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

// The console follows the browser's languages, and these contexts speak
// nb-NO; a test that reads the console's English texts says so with the
// cookie the console's language link sets.
export async function readConsoleInEnglish(context: BrowserContext, baseUrl: string): Promise<void> {
  const url = new URL(baseUrl);
  await context.addCookies([{ name: 'console_lang', value: 'en', domain: url.hostname, path: '/console' }]);
}
