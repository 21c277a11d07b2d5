import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/adapters/security/password-hash.ts';
import { UserStore } from '../../src/adapters/storage/user-store.ts';
import { sharingEn } from '../../src/adapters/web/console/i18n/sharing-en.ts';
import { sharingNb } from '../../src/adapters/web/console/i18n/sharing-nb.ts';
import { launchChromium, runAxe } from '../browser/browser.ts';
import { ConsoleClient } from '../console/console-client.ts';
import { WAIT_LIMIT_MS } from '../support/eventually.ts';
import { startAccessPoint, type AccessPoint } from '../support/ocpi-access-point.ts';
import { ocpiSharingOf } from '../support/ocpi-sharing-of.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { skipUnlessPresent } from '../support/system-deps.ts';
import { primaryDialect } from '../support/test-database.ts';

// The console's "Data sharing" page: every partner with its role, state and
// push figures; owners make a Token A and unregister, viewers only read.
const OWNER = { email: 'eier@example.no', password: 'eier-passord-123' };
const VIEWER = { email: 'les@example.no', password: 'les-passord-123' };
const noChromium = skipUnlessPresent('chromium', 'the Chromium test in test/ocpi/data-sharing-console.e2e.ts');

let sys: TestSystem;
let ap: AccessPoint;

async function loggedIn(who: { email: string; password: string }): Promise<ConsoleClient> {
  const client = new ConsoleClient(sys.ladepay.url);
  expect((await client.login(who.email, who.password)).status).toBe(303);
  return client;
}

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect(), env: { OCPI_PARTY_ID: 'LDP' } });
  ap = await startAccessPoint();
  const users = new UserStore(sys.ladepay.database.db);
  await users.create({ email: OWNER.email, passwordHash: await hashPassword(OWNER.password), role: 'owner' }, new Date());
  await users.create({ email: VIEWER.email, passwordHash: await hashPassword(VIEWER.password), role: 'viewer' }, new Date());
  const ocpi = await ocpiSharingOf(sys);
  await ocpi.admin.addHandMade({ name: 'Dutch NAP', roles: [{ role: 'NAP', countryCode: 'NL', partyId: 'NDW' }], pushEndpoints: { locations: 'https://nap.example/locations' }, pushToken: 'push' });
});
afterAll(async () => {
  await ap?.stop();
  await sys?.stop();
});

describe('the Data sharing page', () => {
  it('lists each partner with role, state and push figures, in the navigation for every role; a viewer gets no forms', async () => {
    const viewer = await loggedIn(VIEWER);
    const page = await viewer.get('/console/data-sharing');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<a href="/console/data-sharing" aria-current="page">Data sharing</a>');
    expect(page.text).toMatch(/<td>Dutch NAP<\/td><td><span>NAP NL\*NDW<\/span> <\/td><td>entered by hand<\/td><td><span class="badge ok">registered<\/span><\/td><td>–<\/td><td>never<\/td><td>0<\/td><td>0<\/td><td>–<\/td>/);
    expect(page.text).toContain(`<code id="ocpi-versions-url">${sys.ladepay.publicUrl}/ocpi/versions</code>`);
    expect(page.text).not.toContain('Make Token A');
    expect(page.text).not.toContain('Unregister');
    expect((await viewer.post('/console/data-sharing/token-a', { _csrf: ConsoleClient.csrfOf((await viewer.get('/console')).text), name: 'x' })).status).toBe(403);
  });

  it('lets an owner make a Token A shown once, which a partner registers with, and unregister a partner', async () => {
    const client = await loggedIn(OWNER);
    const csrf = await client.csrf('/console/data-sharing');
    const made = await client.post('/console/data-sharing/token-a', { _csrf: csrf, name: 'Roaming hub' });
    expect(made.status).toBe(201);
    const token = /<div class="secret" id="ocpi-token-a">([^<]+)<\/div>/.exec(made.text)?.[1] ?? '';
    expect((await ap.registerWith(`${sys.ladepay.url}/ocpi/versions`, token)).json).toMatchObject({ status_code: 1000 });
    const page = (await client.get('/console/data-sharing?lang=nb')).text;
    expect(page).toMatch(/Roaming hub.*<td><span>NAP NL\*NDW<\/span> <\/td><td>deres registrering \(Token A\)<\/td><td><span class="badge ok">registrert<\/span><\/td><td>2\.2\.1<\/td>/s);
    expect((await client.post('/console/data-sharing/token-a', { _csrf: csrf, name: '' })).status).toBe(400);
    // In bokmål, no English text of the page is left.
    for (const [key, text] of Object.entries(sharingEn)) {
      if (typeof text === 'string' && text !== sharingNb[key as keyof typeof sharingNb]) expect(page, key).not.toContain(text);
    }

    const id = /Roaming hub <form class="inline" method="post" action="\/console\/data-sharing\/([0-9a-f-]+)\/unregister"/.exec(page)?.[1] ?? '';
    await client.get('/console/data-sharing?lang=en');
    const gone = await client.post(`/console/data-sharing/${id}/unregister`, { _csrf: csrf });
    expect(gone.status).toBe(200);
    expect(gone.text).toContain('&quot;Roaming hub&quot; unregistered: its tokens no longer work; the partner was told.');
    expect(ap.received.at(-1)).toMatchObject({ method: 'DELETE', path: '/ocpi/2.2.1/credentials' });
    expect((await client.post(`/console/data-sharing/${id}/unregister`, { _csrf: csrf })).status).toBe(409);
    expect((await client.post('/console/data-sharing/nobody/unregister', { _csrf: csrf })).status).toBe(404);
  });

  it.skipIf(noChromium)('passes axe in Chromium, with a partner and the owner’s form', async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      // bypassCSP only so axe can be injected; the console runs no script.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Oslo', bypassCSP: true });
      context.setDefaultTimeout(WAIT_LIMIT_MS);
      const page = await context.newPage();
      await page.goto(`${sys.ladepay.url}/console/login`);
      await page.getByLabel('Email').fill(OWNER.email);
      await page.getByLabel('Password').fill(OWNER.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(`${sys.ladepay.url}/console`);
      await page.getByRole('link', { name: 'Data sharing' }).click();
      await page.getByRole('heading', { name: 'Connecting a partner' }).waitFor();
      expect(await runAxe(page)).toEqual([]);
    } finally {
      await browser?.close();
    }
  });
});
