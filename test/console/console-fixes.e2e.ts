import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChargePoint } from '../../simulators/charge-point/index.ts';
import { eventually, WAIT_LIMIT_MS } from '../support/eventually.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';
import { pdfText } from '../support/pdf-text.ts';
import { ConsoleClient } from './console-client.ts';
import { firstPageQr } from './pdf-qr.ts';

// The console's everyday fixes over real HTTP: an unpaid session is cancelled
// at Vipps (not "stopped"), the live view shows how long a payment has waited,
// and every time is Oslo time with its zone named.

const ADMIN = { email: 'drift@example.no', password: 'correct-horse-battery' };
let sys: TestSystem;
let client: ConsoleClient;

beforeAll(async () => {
  sys = await startSystem({ dialect: primaryDialect(), env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, SUPPORT_PHONE: '+47 22 12 34 56' } });
  await sys.addStation('WAIT-1', 'ocpp1.6', 'WAIT11');
  await sys.connect('WAIT-1', 'ocpp1.6');
  client = new ConsoleClient(sys.ladepay.url);
  expect((await client.login(ADMIN.email, ADMIN.password)).status).toBe(303);
});
afterAll(async () => sys?.stop());

// "2 min 05 s" → 125; "45 s" → 45.
function seconds(age: string): number {
  const m = /^(?:(\d+) min )?(\d+) s$/.exec(age);
  if (!m) throw new Error(`not an age: ${age}`);
  return Number(m[1] ?? 0) * 60 + Number(m[2]);
}

describe('a session awaiting payment', () => {
  it('shows its age in the live view, and the operator cancels the payment at Vipps', async () => {
    const started = await sys.ladepay.driver.startDropIn({ connectorCode: 'WAIT11', maxAmountOre: 20_000, method: 'WALLET' });
    if (!started.ok) throw new Error('drop-in refused');
    const waiting = await sys.session(started.token);
    expect(waiting.state).toBe('awaiting_payment');
    const before = Date.now();
    await sys.advance(90_000);

    const live = await client.get('/console?refresh=off');
    const age = /awaiting payment<\/span><\/a> <span class="age">for ([^<]+)<\/span>/.exec(live.text)?.[1] ?? '';
    // At least the 90 s the clock was moved, at most that and what really passed since.
    expect(seconds(age)).toBeGreaterThanOrEqual(90);
    expect(seconds(age)).toBeLessThanOrEqual(90 + Math.ceil((Date.now() - before) / 1000) + 1);

    const path = `/console/sessions/${waiting.id}`;
    const page = await client.get(path);
    expect(page.text).toContain('>Cancel payment</button>');
    expect(page.text).not.toContain('Stop charging');
    const r = await client.post(`${path}/stop`, { _csrf: ConsoleClient.csrfOf(page.text) });
    expect(r.status).toBe(303);
    expect(r.location).toBe(`${path}?notice=payment-cancelled`);
    const after = await client.get(r.location as string);
    expect(after.text).toContain('Payment cancelled at Vipps');
    expect(after.text).not.toContain('Stop sent to the station');

    const ended = await sys.session(started.token);
    expect(ended).toMatchObject({ state: 'payment_failed', failure: 'cancelled_by_operator', stopSource: 'operator' });
    await eventually(() => sys.vipps.books(waiting.reference)?.payment.state === 'TERMINATED', 'the payment cancelled at Vipps');
    // The operator's action is in the session's timeline, from the audit log.
    expect(after.text).toContain('session.stop by console:drift@example.no: ok');
    expect(after.text).toContain('{&quot;paymentCancelled&quot;:true}');
  });

  it('shows the timeline in Oslo time with the zone named, never UTC', async () => {
    const session = (await sys.ladepay.repo.inStates(['payment_failed'], 1))[0]!.session;
    const page = await client.get(`/console/sessions/${session.id}`);
    const shown = [...page.text.matchAll(/<time datetime="[^"]+">([^<]+)<\/time>/g)].map((m) => m[1]);
    expect(shown.length).toBeGreaterThan(2);
    for (const t of shown) expect(t).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} CES?T$/);
    expect(page.text).not.toMatch(/\bUTC\b/);
    expect(page.text).toMatch(/<dt>Started<\/dt><dd>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} CES?T<\/dd>/);
  });
});

describe('importing stations from a CSV in the console', () => {
  const unescape = (t: string) => t.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

  it('checks the file first, listing every error by line, and imports nothing while there is one', async () => {
    const csrf = await client.csrf('/console/stations/import');
    const csv = 'station_id;site_id;connector_no;type;max_power_kw\nIMP-1;site;1;CCS;50\nIMP-2;elsewhere;1;CCS;50\nIMP-3;site;1;CCS;lots\n';
    const checked = await client.post('/console/stations/import', { _csrf: csrf, csv, mode: 'check' });
    expect(checked.status).toBe(400);
    const text = unescape(checked.text);
    expect(text).toContain('<strong>Line 3:</strong> no active site "elsewhere"');
    expect(text).toContain('<strong>Line 4:</strong> max_power_kw "lots" is not a power');
    expect(text).not.toContain('value="import"');
    // Pressing Import anyway (an old page) is refused the same way, and recorded.
    const forced = await client.post('/console/stations/import', { _csrf: csrf, csv, mode: 'import' });
    expect(forced.status).toBe(400);
    expect((await client.get('/console/stations')).text).not.toContain('IMP-1');
  });

  it('shows the plan on a dry run, then imports, showing each new password once; the station connects with it', async () => {
    const csrf = await client.csrf('/console/stations/import');
    const csv = 'station_id,site_id,name,connector_no,type,max_power_kw\nIMP-1,site,Kaia 1,1,CCS,50\nIMP-1,site,Kaia 1,2,Type2,22\nWAIT-1,,,1,CCS,150\n';
    const checked = await client.post('/console/stations/import', { _csrf: csrf, csv, mode: 'check' });
    expect(checked.status).toBe(200);
    const plan = unescape(checked.text);
    expect(plan).toContain('What the import does: 2 changes');
    expect(plan).toContain('lines 2, 3:</span> create station IMP-1 "Kaia 1" on site site with connectors #1 CCS 50 kW, #2 Type2 22 kW; a password is made');
    expect(plan).toContain('line 4:</span> change connector WAIT-1-1: max power to 150 kW');
    expect(plan).toContain('value="import"');
    expect((await client.get('/console/stations')).text).not.toContain('IMP-1');

    // Import carries the digest of the plan the dry run showed.
    const shown = /name="shown" value="([^"]+)"/.exec(checked.text)?.[1] ?? '';
    const done = await client.post('/console/stations/import', { _csrf: csrf, csv, shown, mode: 'import' });
    expect(done.status).toBe(201);
    expect(done.text).toContain('Imported: 2 changes.');
    const password = /data-station="IMP-1">([^<]+)</.exec(done.text)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect((await client.get('/console/stations/import')).text).not.toContain(password);
    const cp = await startChargePoint({ csmsUrl: sys.ocppUrl, stationId: 'IMP-1', password, protocol: 'ocpp2.0.1', timeScale: 0, settleTimeoutMs: WAIT_LIMIT_MS });
    try {
      await eventually(async () => (await client.get('/console/stations/IMP-1')).text.includes('>online<'), 'IMP-1 online');
    } finally {
      await cp.stop();
    }
    expect((await client.get('/console/stations/WAIT-1')).text).toContain('value="150"');
    expect((await client.get('/console/audit')).text).toContain('station.import');
  });
});

describe('QR stickers', () => {
  it('carry the price in force from the stored tariff, the support contact and an English line, and still scan', async () => {
    const res = await fetch(`${sys.ladepay.url}/console/stickers.pdf?connectors=WAIT11&perPage=4`, { headers: { cookie: `lp_console=${client.cookies.get('lp_console')}` } });
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer());
    const text = pdfText(pdf);
    expect(text).toContain('Lad og betal med Vipps');
    expect(text).toContain('Charge and pay with Vipps');
    // The system's tariff: 5 kr/kWh, nothing else.
    expect(text).toContain('Pris / Price: 5,00 kr/kWh inkl. mva / VAT incl.');
    expect(text).toContain('Kundeservice / Customer service: +47');
    expect(firstPageQr(pdf).text).toBe(`${sys.ladepay.publicUrl}/c/WAIT11`);
  });
});
