import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLandingView, aSessionView, aTariffView } from '../../../../test/browser/driver-view-builders.ts';
import { buildDriverTestApp } from '../../../../test/browser/driver-test-app.ts';
import type { ScriptedDriverActions } from '../../../../test/browser/scripted-driver-actions.ts';

let app: FastifyInstance;
let actions: ScriptedDriverActions;

beforeAll(async () => {
  ({ app, actions } = await buildDriverTestApp());
});
afterAll(async () => {
  await app.close();
});

const text = (body: string) => body.replace(/\u00a0/g, ' ');

describe('GET /c/:code', () => {
  it('shows the station, its status and the full price incl. VAT in bokmål', async () => {
    const res = await app.inject({ url: '/c/K7P2QX', headers: { 'accept-language': 'nb-NO,nb;q=0.9,en;q=0.5' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const body = text(res.body);
    expect(body).toContain('<html lang="nb">');
    expect(body).toContain('Hurtiglader 2');
    expect(body).toContain('Strandveien 12, 5003 Bergen');
    expect(body).toContain('Kontakt 1 · CCS · inntil 50 kW');
    expect(body).toContain('<strong>Ledig</strong>');
    expect(body).toContain('4,99 kr/kWh');
    expect(body).toContain('<dt>Startavgift</dt><dd>10,00 kr</dd>');
    expect(body).toContain('<dt>Tidsavgift</dt><dd>Ingen</dd>');
    expect(body).toContain('<dt>Okkupasjonsgebyr</dt><dd>1,00 kr/min</dd>');
    expect(body).toContain('Okkupasjonsgebyret betales når bilen står tilkoblet mer enn 30 minutter etter at ladingen er ferdig, og er høyst 200,00 kr.');
    expect(body).toContain('Alle priser inkluderer 25 % mva.');
    expect(body).toContain('resten av reservasjonen frigis så snart ladingen er ferdig');
    expect(body).toMatch(/<input type="radio" name="amount" value="30000" checked>/);
    expect(body).toContain('<input type="checkbox" id="terms" name="terms" value="yes" required>');
    expect(body).toContain('Betal med <span class="vipps-word">Vipps</span>');
    expect(body).not.toContain('Betal med kort');
    expect(body).toContain('href="/terms"');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('shows the same page in English from Accept-Language', async () => {
    const res = await app.inject({ url: '/c/K7P2QX', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    const body = text(res.body);
    expect(body).toContain('<html lang="en">');
    expect(body).toContain('Connector 1 · CCS · up to 50 kW');
    expect(body).toContain('<strong>Available</strong>');
    expect(body).toContain('Only what you use is charged; the rest of the reservation is released as soon as charging ends');
    expect(body).toContain('Pay with <span class="vipps-word">Vipps</span>');
    expect(body).toContain('href="/c/K7P2QX?lang=nb"');
  });

  it('switches language with ?lang= and remembers it in a cookie', async () => {
    const res = await app.inject({ url: '/c/K7P2QX?lang=en', headers: { 'accept-language': 'nb' } });
    expect(res.body).toContain('<html lang="en">');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^lang=en;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Secure/i); // the public URL is https
    const again = await app.inject({ url: '/c/K7P2QX', headers: { 'accept-language': 'nb', cookie: 'lang=en' } });
    expect(again.body).toContain('<html lang="en">');
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it('offers card payment when the operator allows it', async () => {
    actions.landings.set('CARD22', aLandingView({ connectorCode: 'CARD22', cardPayments: true }));
    const res = await app.inject({ url: '/c/CARD22', headers: { 'accept-language': 'en' } });
    expect(res.body).toContain('<button class="button secondary" type="submit" name="method" value="CARD">Pay with card</button>');
  });

  it.each([
    ['offline', 'Offline', 'not answering right now'],
    ['faulted', 'Out of order', 'out of order, so you cannot pay here'],
    ['occupied', 'Occupied', 'Someone is charging here now'],
    ['charging', 'Charging', 'Someone is charging here now'],
    ['unavailable', 'Unavailable', 'not available now'],
  ] as const)('says a %s connector cannot be paid for and offers no payment', async (status, label, explanation) => {
    const code = `NO${status.toUpperCase().slice(0, 6)}`;
    actions.landings.set(code, aLandingView({ connectorCode: code, status, canStart: false }));
    const res = await app.inject({ url: `/c/${code}`, headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<strong>${label}</strong>`);
    expect(res.body).toContain(explanation);
    expect(res.body).not.toContain('<form class="pay"');
    expect(res.body).not.toContain('vipps-word');
    expect(res.body).toContain('4,99\u00a0kr/kWh'); // the price is still shown
  });

  it('shows an operator terms URL, and never a script URL', async () => {
    actions.landings.set('TERMS1', aLandingView({ connectorCode: 'TERMS1', termsUrl: 'https://operator.example/vilkar' }));
    actions.landings.set('TERMS2', aLandingView({ connectorCode: 'TERMS2', termsUrl: 'javascript:alert(1)' }));
    expect((await app.inject('/c/TERMS1')).body).toContain('href="https://operator.example/vilkar"');
    const bad = (await app.inject('/c/TERMS2')).body;
    expect(bad).not.toContain('javascript:');
  });

  it('escapes what the station data says', async () => {
    actions.landings.set(
      'XSS111',
      aLandingView({ connectorCode: 'XSS111', stationName: '<script>alert(1)</script>', siteAddress: '"><img src=x onerror=alert(1)>', connectorType: 'CCS & <b>' }),
    );
    const body = (await app.inject('/c/XSS111')).body;
    expect(body).not.toContain('<script>alert(1)');
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).toContain('CCS &amp; &lt;b&gt;');
  });

  it('shows the time fee when there is one', async () => {
    actions.landings.set('TIME11', aLandingView({ connectorCode: 'TIME11', tariff: aTariffView({ perHourOre: 6000, idlePerMinuteOre: 0, idleCapOre: 0, startFeeOre: 0 }) }));
    const body = text((await app.inject({ url: '/c/TIME11', headers: { 'accept-language': 'en' } })).body);
    expect(body).toContain('<dt>Time fee</dt><dd>60,00 kr/h</dd>');
    expect(body).toContain('<dt>Idle fee</dt><dd>None</dd>');
    expect(body).not.toContain('The idle fee applies');
    expect(body).toContain('<dt>Start fee</dt><dd>None</dd>');
    // What an amount buys depends on the power when time is priced.
    expect(body).toContain('The energy is the least each amount buys at full power');
  });

  it('lists the site’s other connectors with their status when this one cannot take a payment', async () => {
    const other = { code: 'FREE22', stationName: 'Hurtiglader 3', connectorNo: 2, connectorType: 'Type2', maxPowerW: 22_000, status: 'available' as const };
    actions.landings.set('BUSY33', aLandingView({ connectorCode: 'BUSY33', status: 'charging', canStart: false, otherConnectors: [other] }));
    const body = text((await app.inject({ url: '/c/BUSY33', headers: { 'accept-language': 'nb' } })).body);
    expect(body).toContain('<h2 id="others-heading">Andre kontakter her</h2>');
    expect(body).toContain('<li><a href="/c/FREE22">Hurtiglader 3 · Kontakt 2 · Type 2 · inntil 22 kW</a> <span class="status status-available"><strong>Ledig</strong></span></li>');
  });

  it('follows the paying browser’s cookie only to its own live session at this connector', async () => {
    actions.landings.set('OWN111', aLandingView({ connectorCode: 'OWN111', status: 'charging', canStart: false }));
    actions.sessions.set('tok_own_live_000001', aSessionView({ token: 'tok_own_live_000001', connectorCode: 'OWN111', phase: 'charging' }));
    actions.sessions.set('tok_own_elsewhere_01', aSessionView({ token: 'tok_own_elsewhere_01', connectorCode: 'OTHER9', phase: 'charging' }));
    actions.sessions.set('tok_own_ended_00001', aSessionView({ token: 'tok_own_ended_00001', connectorCode: 'OWN111', phase: 'finished' }));
    const visit = (token: string) => app.inject({ url: '/c/OWN111', headers: { cookie: `ladepay_session=${token}` } });
    const own = await visit('tok_own_live_000001');
    expect(own.statusCode).toBe(303);
    expect(own.headers.location).toBe('/s/tok_own_live_000001');
    // Another connector's session, an ended one, an unknown or malformed token: the plain landing page.
    for (const token of ['tok_own_elsewhere_01', 'tok_own_ended_00001', 'tok_nobody_00000001', '../../x', '']) expect((await visit(token)).statusCode).toBe(200);
  });

  it('writes the plug as drivers know it', async () => {
    actions.landings.set('TYPE22', aLandingView({ connectorCode: 'TYPE22', connectorType: 'Type2', maxPowerW: 22_000 }));
    const body = text((await app.inject({ url: '/c/TYPE22', headers: { 'accept-language': 'nb' } })).body);
    expect(body).toContain('Kontakt 1 · Type 2 · inntil 22 kW');
  });

  it('shows a connector held by someone else’s payment as waiting for it, with when it is free', async () => {
    actions.landings.set('HELD11', aLandingView({ connectorCode: 'HELD11', status: 'awaiting_payment', canStart: false, heldForSeconds: 160 }));
    const body = text((await app.inject({ url: '/c/HELD11', headers: { 'accept-language': 'nb' } })).body);
    expect(body).toContain('<strong>Venter på betaling</strong>');
    expect(body).toContain('Noen betaler for denne kontakten nå. Blir betalingen ikke godkjent, er den ledig om 2:40.');
    expect(body).not.toContain('class="button vipps"');
  });

  it('redirects a code typed in lower case or with spaces to its canonical address', async () => {
    const res = await app.inject('/c/k7p2qx?lang=en');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/c/K7P2QX?lang=en');
  });

  it('answers an unknown code with a friendly 404 and a field for the code', async () => {
    for (const [lang, words] of [
      ['nb', 'Vi fant ikke noe ladepunkt med koden «ZZZZZZ»'],
      ['en', 'We found no charge point with the code “ZZZZZZ”'],
    ]) {
      const res = await app.inject({ url: '/c/ZZZZZZ', headers: { 'accept-language': lang as string } });
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain(words);
      expect(res.body).toContain('<form class="code" method="get" action="/c">');
      expect(res.body).toMatch(/<input type="text" id="code" name="code"[^>]*value="ZZZZZZ">/);
    }
  });

  it('answers a code that cannot exist with a 404 without asking for it', async () => {
    const lookups = actions.landingLookups.length;
    const res = await app.inject('/c/%3Cscript%3E');
    expect(res.statusCode).toBe(404);
    expect(actions.landingLookups.length).toBe(lookups);
    expect(res.body).toContain('&lt;script&gt;');
    expect(res.body).not.toContain('<script>');
  });
});

describe('GET / and GET /c?code=', () => {
  it('asks for the code printed on the station', async () => {
    const res = await app.inject({ url: '/', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<label for="code">The code on the charging station</label>');
    expect(res.body).toContain('action="/c"');
  });

  it('sends the typed code to its page', async () => {
    const res = await app.inject('/c?code=%20k7p2-qx%20');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/c/K7P2QX');
    const empty = await app.inject('/c?code=');
    expect(empty.statusCode).toBe(303);
    expect(empty.headers.location).toBe('/');
  });
});

describe('GET /terms', () => {
  it('shows the built-in terms in both languages, with the operator named', async () => {
    const nb = await app.inject({ url: '/terms', headers: { 'accept-language': 'nb' } });
    expect(nb.statusCode).toBe(200);
    expect(nb.body).toContain('Vilkår for lading med Vipps');
    expect(nb.body).toContain('Fjordlading AS');
    const en = await app.inject({ url: '/terms', headers: { 'accept-language': 'en' } });
    expect(en.body).toContain('Terms for charging with Vipps');
    expect(en.body).toContain('the rest of the reservation is released at once');
  });

  it('revalidates with an ETag that differs per language', async () => {
    const first = await app.inject({ url: '/terms', headers: { 'accept-language': 'en' } });
    const etag = String(first.headers.etag);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(String(first.headers.vary)).toMatch(/Accept-Language/);
    const again = await app.inject({ url: '/terms', headers: { 'accept-language': 'en', 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await app.inject({ url: '/terms', headers: { 'accept-language': 'nb', 'if-none-match': etag } });
    expect(other.statusCode).toBe(200);
  });
});
