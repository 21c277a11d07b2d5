import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ChargePoint } from '../../simulators/charge-point/index.ts';
import { en } from '../../src/adapters/web/console/i18n/en.ts';
import { nb } from '../../src/adapters/web/console/i18n/nb.ts';
import type { Session } from '../../src/core/session/session.ts';
import { launchChromium, runAxe } from '../browser/browser.ts';
import { WAIT_LIMIT_MS } from '../support/eventually.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { ConsoleClient } from './console-client.ts';
import { chargeUntil } from './settled-session.ts';
import { skipUnlessPresent } from '../support/system-deps.ts';

const noChromium = skipUnlessPresent('chromium', 'the Chromium test in test/console/console-language.e2e.ts');

// The console in bokmål and English: the language link in the navigation
// (a cookie, no script), Accept-Language when nothing was chosen, English
// when the request names no language.

const ADMIN = { email: 'drift@example.no', password: 'correct-horse-battery' };

let sys: TestSystem;
let cp: ChargePoint;
let settled: Session;

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect(), env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  await sys.addStation('SPRAK-1', 'ocpp1.6', 'SPRAK1');
  cp = await sys.connect('SPRAK-1', 'ocpp1.6');
  settled = await chargeUntil(sys, cp, 'SPRAK1', { minutes: 20, end: 'settled' });
});
afterAll(async () => sys?.stop());

async function loggedIn(headers: Record<string, string> = {}): Promise<ConsoleClient> {
  const client = new ConsoleClient(sys.ladepay.url, headers);
  expect((await client.login(ADMIN.email, ADMIN.password)).status).toBe(303);
  return client;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

// The texts of the page's navigation, headings, table heads, legends, labels' first words and buttons.
function landmarks(page: string): string[] {
  const out: string[] = [];
  for (const m of page.matchAll(/<(h1|h2|h3|th|legend|button|caption|a)\b[^>]*>([\s\S]*?)<\/\1>/g)) {
    const text = (m[2] ?? '').replace(/<[^>]+>/g, ' ').replace(/&[#\w]+;/g, (e) => ENTITIES[e] ?? ' ').replace(/\s+/g, ' ').trim();
    if (text) out.push(text);
  }
  for (const m of page.matchAll(/<label\b[^>]*>([^<]+)</g)) out.push((m[1] ?? '').trim());
  return out;
}

// Every English text of the console that bokmål words differently (but the
// language link's own name, "English", which a bokmål page shows on purpose).
function englishOnly(): Set<string> {
  const found = new Set<string>();
  const walk = (a: unknown, b: unknown) => {
    if (typeof a === 'string') {
      if (a !== b && a.trim().length >= 3) found.add(a.trim());
    } else if (a && typeof a === 'object') {
      for (const [k, v] of Object.entries(a)) walk(v, (b as Record<string, unknown> | undefined)?.[k]);
    }
  };
  walk(en, nb);
  found.delete(en.languageName);
  return found;
}

function pages(): string[] {
  return ['/console', '/console/sessions', `/console/sessions/${settled.id}`, '/console/stations', '/console/stations/SPRAK-1', '/console/tariffs', '/console/reports', '/console/alerts', '/console/users', '/console/sites', '/console/api-tokens', '/console/audit', '/console/stickers', '/console/stations/import'];
}

describe('the console’s language', () => {
  it('is English for a request that names no language, and bokmål for a browser that asks for Norwegian', async () => {
    const plain = await new ConsoleClient(sys.ladepay.url).get('/console/login');
    expect(plain.text).toContain('<html lang="en">');
    expect(plain.text).toContain('>Log in<');
    for (const tag of ['nb-NO,nb;q=0.9,en;q=0.5', 'no', 'nn-NO']) {
      const page = await new ConsoleClient(sys.ladepay.url, { 'accept-language': tag }).get('/console/login');
      expect(page.text).toContain('<html lang="nb">');
      expect(page.text).toContain('>Logg inn<');
      expect(page.text).toContain('lang="en">English</a>');
    }
    const english = await new ConsoleClient(sys.ladepay.url, { 'accept-language': 'sv-SE,en;q=0.8' }).get('/console/login');
    expect(english.text).toContain('<html lang="en">');
  });

  it('switches to bokmål with the navigation’s link, shows every page in it, and switches back', async () => {
    const client = await loggedIn();
    const home = await client.get('/console');
    expect(home.text).toContain('<html lang="en">');
    // The link names the other language in itself and points at the same page.
    expect(home.text).toMatch(/<a class="language" id="language-switch" href="\/console\?lang=nb" hreflang="nb" lang="nb">Norsk<\/a>/);

    const switched = await client.get('/console?lang=nb');
    const cookie = switched.setCookies.find((c) => c.startsWith('console_lang='));
    expect(cookie).toMatch(/^console_lang=nb;/);
    expect(cookie).toMatch(/Path=\/console/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const english = englishOnly();
    for (const path of pages()) {
      const page = await client.get(path);
      expect(page.status, path).toBe(200);
      expect(page.text, path).toContain('<html lang="nb">');
      const nav = /<nav[^>]*>([\s\S]*?)<\/nav>/.exec(page.text)?.[1] ?? '';
      for (const label of Object.values(nb.layout.nav)) expect(nav, path).toContain(label);
      expect(page.text, path).toContain(`>${nb.layout.logOut}<`);
      const left = landmarks(page.text).filter((text) => english.has(text));
      expect(left, `English left on ${path}`).toEqual([]);
    }
    // A sample of what each page says, in bokmål.
    expect((await client.get('/console')).text).toContain('<h1>Direkte</h1>');
    expect((await client.get(`/console/sessions/${settled.id}`)).text).toContain('>Prisede linjer<');
    expect((await client.get(`/console/sessions/${settled.id}`)).text).toContain('>oppgjort<');
    expect((await client.get('/console/stations/SPRAK-1')).text).toContain('<h2 id="operations-title">Fjernstyring</h2>');
    expect((await client.get('/console/tariffs')).text).toContain('>Opprett prisen<');
    expect((await client.get('/console/reports')).text).toContain('>Last ned CSV<');

    // A station operation answers in bokmål, the station's own status code as sent.
    const csrf = ConsoleClient.csrfOf((await client.get('/console/stations/SPRAK-1')).text);
    const reset = await client.post('/console/stations/SPRAK-1/operations/reset', { _csrf: csrf, kind: 'soft' });
    expect(reset.status).toBe(200);
    expect(reset.text).toMatch(/Stasjonen godtok omstarten \(Accepted\)\./);
    // A form error in bokmål.
    const badSite = await client.post('/console/sites', { _csrf: csrf, id: '', name: '', address: '' });
    expect(badSite.status).toBe(400);
    expect(badSite.text).toContain('Rett opp de 2 feltene som er merket nedenfor.');
    const badTariff = await client.post('/console/tariffs', { _csrf: csrf, name: 'Kveld', perKwh: '4,99', startFee: '0', perHour: '0', idlePerMinute: '0', idleGraceMinutes: '0', idleCap: '0', vat: '25', p1Days: 'Mon-Fri', p1From: '17:00', p1To: '22:00', p2Days: 'Fri', p2From: '20:00', p2To: '23:00' });
    expect(badTariff.status).toBe(400);
    expect(badTariff.text).toContain('Periode 2 overlapper periode 1 på fredag fra 20:00');

    // And back: the link on a bokmål page points at English.
    const sessions = await client.get('/console/sessions?state=settled');
    expect(sessions.text).toContain('href="/console/sessions?state=settled&amp;lang=en"');
    const back = await client.get('/console/sessions?state=settled&lang=en');
    expect(back.setCookies.find((c) => c.startsWith('console_lang='))).toMatch(/^console_lang=en;/);
    for (const path of pages()) {
      const page = await client.get(path);
      expect(page.text, path).toContain('<html lang="en">');
      const nav = /<nav[^>]*>([\s\S]*?)<\/nav>/.exec(page.text)?.[1] ?? '';
      for (const label of Object.values(en.layout.nav)) expect(nav, path).toContain(label);
    }
  });

  it('keeps the chosen language over the browser’s', async () => {
    const client = await loggedIn({ 'accept-language': 'nb-NO' });
    expect((await client.get('/console/stations')).text).toContain('<html lang="nb">');
    await client.get('/console/stations?lang=en');
    expect((await client.get('/console/stations')).text).toContain('<html lang="en">');
    expect((await client.get('/console/stations?lang=xx')).text).toContain('<html lang="en">');
  });

  it.skipIf(noChromium)('passes axe in Chromium in bokmål, the language coming from the browser', async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      // bypassCSP only so axe can be injected; the console runs no script.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo', bypassCSP: true });
      context.setDefaultTimeout(WAIT_LIMIT_MS);
      const page = await context.newPage();
      await page.goto(`${sys.ladepay.url}/console/login`);
      await page.getByLabel('E-post').fill(ADMIN.email);
      await page.getByLabel('Passord').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Logg inn' }).click();
      await page.waitForURL(`${sys.ladepay.url}/console`);
      await page.goto(`${sys.ladepay.url}/console/sessions/${settled.id}`);
      expect(await page.locator('html').getAttribute('lang')).toBe('nb');
      await page.getByRole('heading', { name: 'Prisede linjer' }).waitFor();
      expect(await runAxe(page)).toEqual([]);
      // The link to English works without script.
      await page.getByRole('link', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Priced lines' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
    } finally {
      await browser?.close();
    }
  });
});
