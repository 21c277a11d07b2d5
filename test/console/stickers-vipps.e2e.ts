import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { ConsoleClient } from './console-client.ts';
import { firstPageQr } from './pdf-qr.ts';

const ADMIN = { email: 'drift@example.no', password: 'correct-horse-battery' };
const PUBLIC_URL = 'https://lad.example.no';

// With an https public URL the sticker codes are Vipps merchant-redirect QR
// codes (id = connector code) pointing at the landing page.
describe('stickers with Vipps QR codes', () => {
  let sys: TestSystem;
  let client: ConsoleClient;

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect(), env: { PUBLIC_URL, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    await sys.addStation('VQR-1', 'ocpp1.6', 'VQR222');
    client = new ConsoleClient(sys.ladepay.url);
    expect((await client.login(ADMIN.email, ADMIN.password)).status).toBe(303);
  });
  afterAll(async () => sys?.stop());

  it('uses secure cookies and HSTS behind https', async () => {
    const fresh = new ConsoleClient(sys.ladepay.url);
    const r = await fresh.login(ADMIN.email, ADMIN.password);
    expect(r.setCookies.find((c) => c.startsWith('lp_console='))).toMatch(/; Secure/i);
    expect((await client.get('/console')).headers.get('strict-transport-security')).toContain('max-age=31536000');
  });

  it('prints the Vipps code, which leads to the landing page, and moves an old target', async () => {
    // A code made earlier for an old address is pointed at today's landing page.
    const made = await sys.ladepay.vipps.qr.create({ id: 'VQR222', redirectUrl: 'https://old.example.no/c/VQR222' });
    expect(made.ok).toBe(true);
    const page = await client.get('/console/stickers');
    expect(page.text).toContain('The codes are made by Vipps');
    const pdf = Buffer.from(
      await (await fetch(`${sys.ladepay.url}/console/stickers.pdf?connectors=VQR222&perPage=1`, { headers: { cookie: `lp_console=${client.cookies.get('lp_console')}` } })).arrayBuffer(),
    );
    const scanned = firstPageQr(pdf).text ?? '';
    expect(scanned.startsWith(sys.vipps.url)).toBe(true);
    const hop = await fetch(scanned, { redirect: 'manual' });
    expect(hop.status).toBe(302);
    expect(hop.headers.get('location')).toBe(`${PUBLIC_URL}/c/VQR222`);
    const stored = await sys.ladepay.vipps.qr.get('VQR222');
    expect(stored.ok && stored.value.redirectUrl).toBe(`${PUBLIC_URL}/c/VQR222`);
  });
});
