import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/adapters/security/password-hash.ts';
import { UserStore } from '../../src/adapters/storage/user-store.ts';
import { startChargePoint } from '../../simulators/charge-point/index.ts';
import { eventually } from '../support/eventually.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { ConsoleClient } from './console-client.ts';
import { firstPageQr, pdfPageCount } from './pdf-qr.ts';
import { chargeUntil } from './settled-session.ts';

// The operator console on a running Ladepay, over real HTTP: login, CSRF,
// the forms that set up stations and prices, stickers, refunds and the CSV.

const ADMIN = { email: 'drift@example.no', password: 'correct-horse-battery' };
const OTHER = { email: 'kari@example.no', password: 'another-long-password' };
const LOCKED = { email: 'ola@example.no', password: 'a-third-long-password' };

let sys: TestSystem;
let base: string;

async function loggedIn(who = ADMIN): Promise<ConsoleClient> {
  const client = new ConsoleClient(base);
  const r = await client.login(who.email, who.password);
  expect(r.status).toBe(303);
  return client;
}

beforeAll(async () => {
  // The tests stand in for a proxy on this machine: each client names its own address in X-Forwarded-For.
  sys = await startSystem({ dialect: primaryDialect(), env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, TRUSTED_PROXIES: '127.0.0.1' } });
  base = sys.ladepay.url;
  const users = new UserStore(sys.ladepay.database.db);
  for (const u of [OTHER, LOCKED]) await users.create({ email: u.email, passwordHash: await hashPassword(u.password), role: 'owner' }, new Date());
});
afterAll(async () => sys?.stop());

describe('login', () => {
  it('sends a visitor without a login to the login page', async () => {
    const r = await new ConsoleClient(base).get('/console/sessions');
    expect(r.status).toBe(303);
    expect(r.location).toBe('/console/login?next=%2Fconsole%2Fsessions');
  });

  it('refuses a wrong password and lets the right one in with a signed, HttpOnly, SameSite=Strict cookie', async () => {
    const client = new ConsoleClient(base, { 'x-forwarded-for': '192.0.2.10' });
    const bad = await client.login(ADMIN.email, 'not-the-password');
    expect(bad.status).toBe(401);
    expect(bad.text).toContain('Wrong email or password.');
    expect(client.cookies.has('lp_console')).toBe(false);
    const unknown = await client.login('nobody@example.no', ADMIN.password);
    expect(unknown.status).toBe(401);

    const good = await client.login(ADMIN.email.toUpperCase(), ADMIN.password);
    expect(good.status).toBe(303);
    expect(good.location).toBe('/console');
    const cookie = good.setCookies.find((c) => c.startsWith('lp_console='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/console/i);
    expect(cookie).not.toMatch(/Secure/i); // served over http here
    // Signed: a value with its signature; a tampered one is refused.
    const value = client.cookies.get('lp_console') ?? '';
    expect(value).toMatch(/\./);
    const live = await client.get('/console');
    expect(live.status).toBe(200);
    expect(live.text).toContain('<h1>Live</h1>');
    expect(live.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(live.text).toContain('<meta http-equiv="refresh" content="10">');
    expect((await client.get('/console?refresh=off')).text).not.toContain('http-equiv="refresh"');
    const missing = await client.get('/console/no-such-page');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/html');

    const forged = new ConsoleClient(base);
    forged.cookies.set('lp_console', `${value.split('.')[0]}x.${value.split('.').slice(1).join('.')}`);
    expect((await forged.get('/console')).status).toBe(303);
  });

  it('ends the session on the server at logout: the old cookie no longer works', async () => {
    const client = await loggedIn();
    const cookie = client.cookies.get('lp_console') as string;
    const out = await client.post('/console/logout', { _csrf: await client.csrf() });
    expect(out.status).toBe(303);
    const replay = new ConsoleClient(base);
    replay.cookies.set('lp_console', cookie);
    expect((await replay.get('/console')).status).toBe(303);
  });

  it('refuses a login form that did not come from the login page', async () => {
    const client = new ConsoleClient(base);
    const r = await client.post('/console/login', { email: ADMIN.email, password: ADMIN.password });
    expect(r.status).toBe(403);
    expect(client.cookies.has('lp_console')).toBe(false);
  });

  it('locks an account after repeated wrong passwords, even for the right one', async () => {
    const client = new ConsoleClient(base, { 'x-forwarded-for': '198.51.100.7' });
    for (let i = 0; i < 5; i++) expect((await client.login(LOCKED.email, `wrong-${i}`)).status).toBe(401);
    const locked = await client.login(LOCKED.email, LOCKED.password);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(client.cookies.has('lp_console')).toBe(false);
    // Another account from the same address is not locked.
    expect((await client.login(ADMIN.email, ADMIN.password)).status).toBe(303);
  });

  it('limits login attempts per address', async () => {
    const client = new ConsoleClient(base, { 'x-forwarded-for': '203.0.113.9' });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await client.login(`user${i}@example.no`, 'whatever-password')).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect((await client.login(ADMIN.email, ADMIN.password)).status).toBe(429);
  });
});

describe('CSRF', () => {
  it('refuses a form without the token, and with another operator’s token, changing nothing', async () => {
    const admin = await loggedIn();
    const kari = await loggedIn(OTHER);
    const form = { id: 'csrf-site', name: 'Should not exist', address: '' };

    const without = await admin.post('/console/sites', form);
    expect(without.status).toBe(403);
    const foreign = await admin.post('/console/sites', { ...form, _csrf: await kari.csrf() });
    expect(foreign.status).toBe(403);
    const crossSite = await admin.post('/console/sites', { ...form, _csrf: await admin.csrf() }, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const db = sys.ladepay.database.db;
    expect(await db.selectFrom('sites').select('id').where('id', '=', 'csrf-site').executeTakeFirst()).toBeUndefined();

    const own = await admin.post('/console/sites', { ...form, _csrf: await admin.csrf() });
    expect(own.status).toBe(303);
    expect(await db.selectFrom('sites').select('id').where('id', '=', 'csrf-site').executeTakeFirst()).toEqual({ id: 'csrf-site' });
  });
});

describe('stations and tariffs through the forms', () => {
  it('adds a station, shows its password and OCPP URL once, and a simulated station connects with them', async () => {
    const client = await loggedIn();
    const csrf = await client.csrf('/console/stations/new');
    const bad = await client.post('/console/stations', { _csrf: csrf, id: 'has space', name: '', siteId: 'site', connectors: '0', type: 'CCS', power: 'lots' });
    expect(bad.status).toBe(400);
    expect(await sys.ladepay.database.db.selectFrom('stations').select('id').where('id', '=', 'has space').executeTakeFirst()).toBeUndefined();

    const made = await client.post('/console/stations', { _csrf: csrf, id: 'FORM-1', name: 'Lader på brygga', siteId: 'site', connectors: '2', type: 'Type2', power: '22' });
    expect(made.status).toBe(201);
    const password = /id="station-password">([^<]+)</.exec(made.text)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(made.text).toContain(`<code id="ocpp-url">${sys.ladepay.publicUrl.replace('http', 'ws')}/ocpp/FORM-1</code>`);
    const stored = await sys.ladepay.database.db.selectFrom('stations').select('password_hash').where('id', '=', 'FORM-1').executeTakeFirstOrThrow();
    expect(stored.password_hash).not.toContain(password);
    expect(await verifyPassword(password, stored.password_hash)).toBe(true);
    const connectors = await sys.ladepay.database.db.selectFrom('connectors').selectAll().where('station_id', '=', 'FORM-1').orderBy('connector_no').execute();
    expect(connectors.map((c) => [c.connector_no, c.type, c.max_power_w])).toEqual([
      [1, 'Type2', 22_000],
      [2, 'Type2', 22_000],
    ]);
    expect(made.text).toContain(connectors[0]?.code);

    const cp = await startChargePoint({ csmsUrl: `${base.replace(/^http/, 'ws')}/ocpp`, stationId: 'FORM-1', password, protocol: 'ocpp2.0.1', connectors: 2, timeScale: 0 });
    try {
      await eventually(async () => (await client.get('/console')).text.includes('>online</span>'), 'FORM-1 online in the live view');
      // A new password replaces the old one.
      const again = await client.post('/console/stations/FORM-1/password', { _csrf: await client.csrf('/console/stations/FORM-1') });
      const fresh = /id="station-password">([^<]+)</.exec(again.text)?.[1] ?? '';
      const hash = (await sys.ladepay.database.db.selectFrom('stations').select('password_hash').where('id', '=', 'FORM-1').executeTakeFirstOrThrow()).password_hash;
      expect(await verifyPassword(fresh, hash)).toBe(true);
      expect(await verifyPassword(password, hash)).toBe(false);
    } finally {
      await cp.stop();
    }
  });

  it('creates a tariff from kroner typed with a comma, exactly, and refuses an invalid one', async () => {
    const client = await loggedIn();
    const csrf = await client.csrf('/console/tariffs');
    const count = async () => (await sys.ladepay.database.db.selectFrom('tariffs').select('id').execute()).length;
    const before = await count();
    const form = { _csrf: csrf, name: 'Vinter', siteId: 'site', perKwh: '4,99', startFee: '0', perHour: '0', idlePerMinute: '1,50', idleGraceMinutes: '30', idleCap: '0', vat: '25', validFrom: '2030-01-01T00:00' };

    const noCap = await client.post('/console/tariffs', form);
    expect(noCap.status).toBe(400);
    expect(noCap.text).toContain('An idle fee needs a cap');
    const badPrice = await client.post('/console/tariffs', { ...form, perKwh: '4,999', idleCap: '100' });
    expect(badPrice.status).toBe(400);
    expect(badPrice.text).toContain('An amount in kroner');
    expect(await count()).toBe(before);

    const ok = await client.post('/console/tariffs', { ...form, perKwh: '0,29', idleCap: '100' });
    expect(ok.status).toBe(303);
    const row = await sys.ladepay.database.db.selectFrom('tariffs').selectAll().where('name', '=', 'Vinter').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ site_id: 'site', per_kwh_ore: 29, idle_per_minute_ore: 150, idle_grace_minutes: 30, idle_cap_ore: 10_000, vat_rate_bp: 2500 });
    // Norwegian time: midnight in winter is 23:00 UTC the day before.
    expect(row.valid_from).toBe('2029-12-31T23:00:00.000Z');
    const page = await client.get('/console/tariffs');
    expect(page.text).toContain('scheduled');
  });

  it('creates a tariff with evening prices for DC connectors, lists it, and refuses overlapping periods and classes', async () => {
    const client = await loggedIn();
    const csrf = await client.csrf('/console/tariffs');
    const count = async () => (await sys.ladepay.database.db.selectFrom('tariffs').select('id').execute()).length;
    const before = await count();
    const form = {
      _csrf: csrf, name: 'Kveld DC', siteId: 'site', powerCurrent: 'DC', powerMinKw: '50', powerMaxKw: '', connectorId: '',
      perKwh: '3,90', startFee: '0', perHour: '0', idlePerMinute: '0', idleGraceMinutes: '0', idleCap: '0', vat: '25', validFrom: '2030-06-01T00:00',
      p1Days: 'man-fre', p1From: '17:00', p1To: '21:00', p1PerKwh: '5,90', p1StartFee: '10',
    };
    const overlap = await client.post('/console/tariffs', { ...form, p2Days: 'Mon', p2From: '20:00', p2To: '22:00', p2PerKwh: '6' });
    expect(overlap.status).toBe(400);
    expect(overlap.text).toContain('Period 2 overlaps period 1 on Monday from 20:00');
    const badDays = await client.post('/console/tariffs', { ...form, p1Days: 'Funday' });
    expect(badDays.status).toBe(400);
    expect(badDays.text).toContain('Weekdays such as Mon-Fri');
    expect(await count()).toBe(before);

    expect((await client.post('/console/tariffs', form)).status).toBe(303);
    const page = await client.get('/console/tariffs');
    expect(page.text).toContain('Testgata lading · DC from 50 kW');
    expect(page.text).toMatch(/Mon–Fri 17:00–21:00: 5,90\u00a0kr\/kWh · start 10,00\u00a0kr/);

    const clash = await client.post('/console/tariffs', { ...form, name: 'Rask', powerCurrent: '', powerMinKw: '100', p1Days: '' , p1From: '', p1To: '', p1PerKwh: '', p1StartFee: '' });
    expect(clash.status).toBe(400);
    expect(clash.text).toContain('The power class overlaps &quot;Kveld DC&quot; (DC from 50 kW)');
    expect(await count()).toBe(before + 1);
    const audit = await sys.ladepay.database.db.withTables<{ operator_audit: { action: string; detail: string | null } }>().selectFrom('operator_audit').selectAll().where('action', '=', 'tariff.create').execute();
    expect(audit.some((a) => String(a.detail).includes('Kveld DC'))).toBe(true);
  });
});

describe('QR stickers', () => {
  it('prints a PDF sheet whose QR code reads as the connector’s landing page', async () => {
    await sys.addStation('STICKER-1', 'ocpp1.6', 'STK222');
    await sys.addStation('STICKER-2', 'ocpp1.6', 'STK333');
    const client = await loggedIn();
    const page = await client.get('/console/stickers?connectors=STK222');
    expect(page.text).toContain('value="STK222" id="sticker-STK222" checked');
    expect(page.text).not.toContain('value="STK333" id="sticker-STK333" checked');

    const one = await client.get('/console/stickers.pdf?connectors=STK222&perPage=1');
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(one.text, 'latin1');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // fetch's text() cannot carry binary; ask again as bytes.
    const bytes = Buffer.from(await (await fetch(`${base}/console/stickers.pdf?connectors=STK222&perPage=1`, { headers: { cookie: `lp_console=${client.cookies.get('lp_console')}` } })).arrayBuffer());
    expect(firstPageQr(bytes).text).toBe(`${sys.ladepay.publicUrl}/c/STK222`);

    const sheet = Buffer.from(await (await fetch(`${base}/console/stickers.pdf?connectors=STK222,STK333&perPage=1`, { headers: { cookie: `lp_console=${client.cookies.get('lp_console')}` } })).arrayBuffer());
    expect(pdfPageCount(sheet)).toBe(2);
    expect((await client.get('/console/stickers.pdf?connectors=STK222&perPage=7')).status).toBe(400);
  });
});

describe('sessions', () => {
  it('refunds part of a settled session with a reason, which Vipps’ books and the timeline show', async () => {
    await sys.addStation('REF-1', 'ocpp1.6', 'REF111');
    const cp = await sys.connect('REF-1', 'ocpp1.6');
    const settled = await chargeUntil(sys, cp, 'REF111', { minutes: 30, end: 'settled' });
    expect(settled.capturedOre).toBeGreaterThan(1000);
    const client = await loggedIn();
    const path = `/console/sessions/${settled.id}`;
    const page = await client.get(path);
    expect(page.status).toBe(200);
    // The receipt a Norwegian customer is owed.
    expect(page.text).toContain('Ladepay Demo Lading AS');
    expect(page.text).toContain('999 999 999 MVA');
    expect(page.text).toContain('Lading Lader REF-1');

    const csrf = ConsoleClient.csrfOf(page.text);
    const nonce = /name="nonce" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const tooMuch = await client.post(`${path}/refund`, { _csrf: csrf, nonce, amount: String(settled.capturedOre), reason: 'for mye' });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.text).toContain('more than is left to refund');
    const noReason = await client.post(`${path}/refund`, { _csrf: csrf, nonce, amount: '5', reason: '' });
    expect(noReason.status).toBe(409);
    expect(sys.vipps.books(settled.reference)?.payment.aggregate.refundedAmount.value).toBe(0);

    const done = await client.post(`${path}/refund`, { _csrf: csrf, nonce, amount: '10,00', reason: 'Kabelen var ødelagt' });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${path}?notice=refunded`);
    expect(sys.vipps.books(settled.reference)?.payment.aggregate.refundedAmount.value).toBe(1000);
    expect((await sys.session(settled.token)).refundedOre).toBe(1000);
    const after = await client.get(done.location as string);
    expect(after.text).toContain('Refund done.');
    expect(after.text).toContain('Kabelen var ødelagt');
    expect(after.text).toContain('session.refund by console:drift@example.no: ok');
  });

  it('exports settled sessions as a semicolon CSV with a BOM, in kroner, adding up to the capture', async () => {
    const client = await loggedIn();
    const settled = (await sys.ladepay.repo.inStates(['settled'], 10))[0]?.session;
    expect(settled).toBeDefined();
    const res = await fetch(`${base}/console/sessions.csv`, { headers: { cookie: `lp_console=${client.cookies.get('lp_console')}` } });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    // The old columns first, as they were; the session's times, place and references after (test/console/reports.e2e.ts).
    expect(lines[0]).toBe('Dato;Stasjon;Vipps-referanse;Linje;Mengde;Beløp (kr);MVA-sats (%);MVA (kr);Netto (kr);Refundert (kr);Start;Slutt;Sted;Stasjons-ID;Kontakt;PSP-referanse;Kvitteringsnr.');
    const kroner = (s: string | undefined) => Math.round(Number((s ?? '').replace(',', '.')) * 100);
    // One row per line of the stored bill, adding up to the capture; then the refunds.
    const rows = lines.map((l) => l.split(';')).filter((r) => r[2] === settled!.reference);
    const billed = rows.filter((r) => r[3] !== 'Refusjon');
    expect(billed.map((r) => r[3])).toEqual(settled!.priced!.lines.map((l) => (l.kind === 'energy' ? 'Lading Lader REF-1' : expect.any(String))));
    expect(billed[0]?.[1]).toBe('Lader REF-1');
    expect(billed.reduce((sum, r) => sum + kroner(r[5]), 0)).toBe(settled!.capturedOre);
    for (const r of billed) {
      expect(r[5]).toMatch(/^-?\d+,\d{2}$/);
      expect(kroner(r[7]) + kroner(r[8])).toBe(kroner(r[5]));
    }
    expect(rows.find((r) => r[3] === 'Refusjon')?.[9]).toBe('10,00');
  });

  it('lists sessions by state and finds one by its Vipps reference', async () => {
    const client = await loggedIn();
    const settled = (await sys.ladepay.repo.inStates(['settled'], 10))[0]!.session;
    const list = await client.get('/console/sessions?state=settled');
    expect(list.text).toContain(settled.reference);
    const none = await client.get('/console/sessions?state=charging');
    expect(none.text).not.toContain(settled.reference);
    const found = await client.get(`/console/sessions?reference=${settled.reference}`);
    expect(found.text).toContain(`/console/sessions/${settled.id}`);
    expect((await client.get('/console/sessions?from=yesterday')).status).toBe(400);
  });

  it('retries a dead side effect of the session', async () => {
    const client = await loggedIn();
    const settled = (await sys.ladepay.repo.inStates(['settled'], 10))[0]!.session;
    const db = sys.ladepay.database.db;
    await db.updateTable('outbox').set({ state: 'dead', last_error: 'unavailable' }).where('key', '=', `receipt-${settled.id}`).execute();
    const page = await client.get(`/console/sessions/${settled.id}`);
    expect(page.text).toContain('Retry send receipt');
    const outboxId = (await db.selectFrom('outbox').select('id').where('key', '=', `receipt-${settled.id}`).executeTakeFirstOrThrow()).id;
    // An item of another session is not retried from this page.
    const other = await db.selectFrom('outbox').select('id').where('key', 'not like', `%${settled.id}%`).executeTakeFirst();
    if (other) expect((await client.post(`/console/sessions/${settled.id}/retry`, { _csrf: ConsoleClient.csrfOf(page.text), outboxId: String(other.id) })).status).toBe(409);
    const r = await client.post(`/console/sessions/${settled.id}/retry`, { _csrf: ConsoleClient.csrfOf(page.text), outboxId: String(outboxId) });
    expect(r.status).toBe(303);
    await eventually(async () => (await db.selectFrom('outbox').select('state').where('id', '=', outboxId).executeTakeFirst())?.state === 'done', 'receipt retried');
  });
});

describe('login expiry', () => {
  // Last in this file: it moves Ladepay's clock.
  it('ends a login on the server after two idle hours, whatever the cookie says', async () => {
    const client = await loggedIn();
    expect((await client.get('/console')).status).toBe(200);
    await sys.advance(2 * 3_600_000 + 120_000);
    const r = await client.get('/console');
    expect(r.status).toBe(303);
    expect(r.location).toContain('/console/login');
  });
});
