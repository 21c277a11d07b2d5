import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionPhase } from '../../../usecases/ports/driver-views.ts';
import { aFinishedSessionView, aSessionView, aTariffView } from '../../../../test/browser/driver-view-builders.ts';
import { CHARGING_TOKEN, PUBLIC_URL, buildDriverTestApp } from '../../../../test/browser/driver-test-app.ts';
import type { ScriptedDriverActions } from '../../../../test/browser/scripted-driver-actions.ts';
import { en } from './i18n/en.ts';
import { nb } from './i18n/nb.ts';
import { stopCheckValue } from './stop-check.ts';
import { pdfText } from '../../../../test/support/pdf-text.ts';

let app: FastifyInstance;
let actions: ScriptedDriverActions;

beforeEach(async () => {
  ({ app, actions } = await buildDriverTestApp());
});
afterEach(async () => {
  await app.close();
});

const text = (body: string) => body.replace(/\u00a0/g, ' ');
const checkValueIn = (body: string) => /name="check" value="([^"]+)"/.exec(body)?.[1] ?? '';

function stop(token: string, check: string, headers: Record<string, string> = { origin: PUBLIC_URL }) {
  return app.inject({
    method: 'POST',
    url: `/s/${token}/stop`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams({ check }).toString(),
  });
}

describe('GET /s/:token', () => {
  it('shows a charging session live: energy, power, cost against the maximum, battery, reference, stop', async () => {
    const res = await app.inject({ url: `/s/${CHARGING_TOKEN}`, headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
    const body = text(res.body);
    expect(body).toContain('<h1 id="phase-title">Charging in progress</h1>');
    expect(body).toContain('<dd id="energy">12,34 kWh</dd>');
    expect(body).toContain('<dd id="power">48,2 kW</dd>');
    expect(body).toContain('<dd id="soc">54 %</dd>');
    expect(body).toContain('<progress id="cost-bar" max="30000" value="7158"');
    expect(body).toContain('71,58 kr of at most 300,00 kr');
    expect(body).toContain('<dt>Reference</dt><dd class="reference">ladepay-k7p2qx-000123</dd>');
    expect(body).toContain('<button id="stop-button" class="button stop" type="submit">Stop charging</button>');
    expect(body).toContain('<noscript><meta http-equiv="refresh" content="10"></noscript>');
    expect(body).toMatch(/<script src="\/assets\/driver\/driver\.[0-9a-f]{10}\.js" defer><\/script>/);
  });

  it('labels the reference "Referanse" in bokmål', async () => {
    const res = await app.inject({ url: `/s/${CHARGING_TOKEN}`, headers: { 'accept-language': 'nb' } });
    expect(res.body).toContain('<dt>Referanse</dt>');
    expect(res.body).toContain('>Stopp ladingen</button>');
  });

  const phases: SessionPhase[] = ['awaiting_payment', 'plug_in', 'starting', 'charging', 'stopping', 'needs_review', 'idle_fee', 'settling', 'finished', 'payment_failed', 'start_failed'];
  it.each(phases.flatMap((phase) => (['nb', 'en'] as const).map((lang) => [phase, lang] as const)))('renders %s in %s', async (phase, lang) => {
    const token = `tok_phase_${phase}`;
    actions.sessions.set(token, phase === 'finished' ? aFinishedSessionView({ token }) : aSessionView({ token, phase }));
    const res = await app.inject({ url: `/s/${token}`, headers: { 'accept-language': lang } });
    expect(res.statusCode).toBe(200);
    const t = lang === 'nb' ? nb : en;
    expect(res.body).toContain(`<html lang="${lang}">`);
    expect(res.body).toContain(`<h1 id="phase-title">${t.phase[phase].title}</h1>`);
    expect(res.body).toContain(t.phase[phase].hint);
  });

  it.each([
    ['en', 'Idle fee so far: 45 min, 45,00 kr (counted after the first 30 minutes, at most 100,00 kr).', 'The rest of your reservation is released when the car is unplugged.'],
    ['nb', 'Okkupasjonsgebyr så langt: 45 min, 45,00 kr (regnet etter de første 30 minuttene, høyst 100,00 kr).', 'Resten av reservasjonen frigis når bilen kobles fra.'],
  ])('shows (%s) that the charge ended and the idle fee runs until the car is unplugged', async (lang, fee, release) => {
    const token = 'tok_idle_fee_000001';
    const tariff = aTariffView({ idlePerMinuteOre: 100, idleGraceMinutes: 30, idleCapOre: 10_000 });
    const idle = { since: '2026-11-26T10:40:00.000Z', until: '2026-11-26T12:50:00.000Z', billedMinutes: 45, feeOre: 4_500, energyOre: 6_158 };
    actions.sessions.set(token, aSessionView({ token, phase: 'idle_fee', canStop: false, powerW: undefined, endedAt: idle.since, tariff, idle, stopReason: 'driver' }));
    const res = await app.inject({ url: `/s/${token}`, headers: { 'accept-language': lang } });
    const body = text(res.body);
    // The page is fetched again when the 46th minute is billed.
    expect(body).toContain(`<p id="idle-fee" data-next="2026-11-26T11:55:01.000Z">${fee}</p>`);
    expect(body).toContain(release);
    expect(body).toContain('<dd id="idle-elapsed" data-since="2026-11-26T10:40:00.000Z">');
    // Still live: the page follows the session until the car has left.
    expect(body).toContain('<noscript><meta http-equiv="refresh" content="10"></noscript>');
  });

  it.each([
    ['nb', 'Ladestasjonen svarer ikke: stopp ladingen på ladestasjonen.'],
    ['en', 'The station is not answering: stop the charge at the station.'],
  ])('tells the driver (%s) when the stop did not reach the station', async (lang, sentence) => {
    const token = 'tok_stop_not_delivered';
    actions.sessions.set(token, aSessionView({ token, phase: 'stopping', canStop: false, stationNotAnswering: true }));
    const res = await app.inject({ url: `/s/${token}`, headers: { 'accept-language': lang } });
    expect(res.body).toContain(`<div id="station-note" class="alert" role="alert"><p>${sentence}</p></div>`);
    // Otherwise the note is there for the live updates, hidden.
    const charging = await app.inject({ url: `/s/${CHARGING_TOKEN}`, headers: { 'accept-language': lang } });
    expect(charging.body).toContain(`<div id="station-note" class="alert" role="alert" hidden>`);
  });

  it('asks Vipps when the driver comes back while the payment is awaited, then shows the new state', async () => {
    const token = 'tok_awaiting_000001';
    actions.sessions.set(token, aSessionView({ token, phase: 'awaiting_payment', canStop: false, paymentRedirectUrl: 'https://landing.vipps.example/pay?token=1' }));
    actions.paymentReturnAnswer = (t) => {
      actions.update(t, { phase: 'plug_in', canStop: true, paymentRedirectUrl: undefined });
    };
    const res = await app.inject({ url: `/s/${token}`, headers: { 'accept-language': 'en' } });
    expect(actions.paymentReturns).toEqual([token]);
    expect(res.body).toContain('<h1 id="phase-title">Plug in your car</h1>');
    expect(res.body).toContain('>Cancel</button>');
  });

  it('offers to open Vipps again while the payment is awaited', async () => {
    const token = 'tok_awaiting_000002';
    actions.sessions.set(token, aSessionView({ token, phase: 'awaiting_payment', canStop: false, paymentRedirectUrl: 'https://landing.vipps.example/pay?token=2' }));
    const res = await app.inject({ url: `/s/${token}`, headers: { 'accept-language': 'en' } });
    expect(res.body).toContain('<a id="resume" class="button vipps" href="https://landing.vipps.example/pay?token=2">Open Vipps</a>');
    expect(res.body).toMatch(/<form id="stop-form"[^>]* hidden>/);
  });

  it('still shows the page when asking Vipps fails', async () => {
    const token = 'tok_awaiting_000003';
    actions.sessions.set(token, aSessionView({ token, phase: 'awaiting_payment', canStop: false }));
    actions.paymentReturnAnswer = () => {
      throw new Error('Vipps timed out');
    };
    const res = await app.inject({ url: `/s/${token}`, headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Waiting for Vipps');
  });

  it('does not ask Vipps once the payment is settled either way', async () => {
    await app.inject(`/s/${CHARGING_TOKEN}`);
    expect(actions.paymentReturns).toEqual([]);
  });

  it('shows the receipt a Norwegian sales document needs, every fact once', async () => {
    const token = 'tok_finished_000001';
    actions.sessions.set(token, aFinishedSessionView({ token }));
    const res = await app.inject({ url: `/s/${token}`, headers: { 'accept-language': 'nb' } });
    const body = text(res.body);
    // Number and date; the seller with organisation number + MVA and address.
    expect(body).toContain('<dt>Kvitteringsnr.</dt><dd>42</dd>');
    expect(body).toContain('<dt>Dato</dt><dd>26. nov. 2026, 11:40</dd>');
    expect(body).toContain('<dt>Selger</dt><dd>Fjordlading AS</dd>');
    expect(body).toContain('<dt>Org.nr.</dt><dd>912 345 678 MVA</dd>');
    expect(body).toContain('<dt>Adresse</dt><dd>Bryggen 1, 5003 Bergen</dd>');
    // What was delivered, where and when (Oslo time).
    expect(body).toContain('<dt>Ladepunkt</dt><dd>Hurtiglader 2, kontakt 1</dd>');
    expect(body).toContain('<dt>Sted</dt><dd>Fjordparken, Strandveien 12, 5003 Bergen</dd>');
    expect(body).toContain('<dt>Start</dt><dd>26. nov. 2026, 11:02</dd>');
    expect(body).toContain('<dt>Slutt</dt><dd>26. nov. 2026, 11:40</dd>');
    // Each line with quantity, unit price, VAT rate and amount; the totals with the VAT.
    expect(body).toContain('<th scope="row">Energi<span class="line-detail">12,34 kWh à 4,99 kr/kWh, mva. 25 %</span></th><td>61,58 kr</td>');
    expect(body).toContain('<th scope="row">Startavgift<span class="line-detail">1 à 10,00 kr, mva. 25 %</span></th><td>10,00 kr</td>');
    expect(body).toContain('<th scope="row">Sum uten mva.</th><td>57,26 kr</td>');
    expect(body).toContain('<th scope="row">Mva. 25 %</th><td>14,32 kr</td>');
    expect(body).toContain('<tr class="total"><th scope="row">Totalt</th><td>71,58 kr</td></tr>');
    // How it was paid: the method, the reservation, what was charged and released.
    expect(body).toContain('<dt>Betalt med</dt><dd>Vipps</dd>');
    expect(body).toContain('<dt>Reservert</dt><dd>300,00 kr</dd>');
    expect(body).toContain('<dt>Trukket</dt><dd>71,58 kr</dd>');
    expect(body).toContain('<dt>Frigitt</dt><dd>228,42 kr</dd>');
    expect(body).toContain('<div class="wrap"><dt>Referanse</dt><dd class="reference">ladepay-k7p2qx-000123</dd></div>');
    expect(body).toContain('Kvitteringen finner du også i Vipps-appen.');
    expect(body).toContain(`<a class="button secondary" href="/s/${token}/receipt.pdf?lang=nb" download="kvittering-42.pdf">Last ned kvittering (PDF)</a>`);
    expect(body).toContain('Du stoppet ladingen.');
    // Said once: no final-price card and no station card after the receipt.
    expect(body).not.toContain('id="final-heading"');
    expect(body).not.toContain('class="details"');
    const receiptAndAfter = body.slice(body.indexOf('<section class="card receipt"'));
    for (const fact of ['ladepay-k7p2qx-000123', '300,00 kr', 'Fjordparken', '228,42 kr', '71,58 kr</dd>']) expect(receiptAndAfter.split(fact), fact).toHaveLength(2);
    // Nothing live any more: no refresh, no script, no stop.
    expect(body).not.toContain('http-equiv="refresh"');
    expect(body).not.toContain('<script');
    expect(body).toMatch(/<form id="stop-form"[^>]* hidden>/);
  });

  it.each([
    [{}, 'nb', 'Ladingen stoppet fordi maksbeløpet ditt på 300 kr nesten var brukt opp. 200 kr av det holdes av til et mulig okkupasjonsgebyr.'],
    [{}, 'en', 'Charging stopped because your maximum of 300 kr was nearly used up. 200 kr of it is kept back for a possible idle fee.'],
    [{ idlePerMinuteOre: 0, idleCapOre: 0 }, 'en', 'Charging stopped because your maximum of 300 kr was nearly used up.'],
  ])('names the maximum, and the idle-fee reserve in it, when the cost guard stopped the charge (%j, %s)', async (tariff, language, sentence) => {
    const token = `tok_guard_${language}_${Object.keys(tariff).length}_0001`;
    actions.sessions.set(token, aFinishedSessionView({ token, stopReason: 'cost_guard', tariff: aTariffView(tariff) }));
    const res = await app.inject({ url: `/s/${token}`, headers: { 'accept-language': language } });
    expect(text(res.body)).toContain(`<p class="outcome">${sentence}</p>`);
  });

  it('shows the receipt in English, paid by card, with a refund', async () => {
    const token = 'tok_finished_000003';
    const finished = aFinishedSessionView({ token, paymentMethod: 'CARD' });
    actions.sessions.set(token, { ...finished, final: { ...finished.final!, refundedOre: 1000 } });
    const body = text((await app.inject({ url: `/s/${token}`, headers: { 'accept-language': 'en' } })).body);
    expect(body).toContain('<dt>Receipt no.</dt><dd>42</dd>');
    expect(body).toContain('<dt>Org. no.</dt><dd>912 345 678 MVA</dd>');
    expect(body).toContain('<th scope="row">Energy<span class="line-detail">12,34 kWh at 4,99 kr/kWh, VAT 25 %</span></th><td>61,58 kr</td>');
    expect(body).toContain('<dt>Paid with</dt><dd>Payment card (Vipps)</dd>');
    expect(body).toContain('<dt>Refunded</dt><dd>10,00 kr</dd>');
    expect(body).toContain('>Download receipt (PDF)</a>');
  });

  it('shows the final price and the station card while the payment is settled, before there is a receipt', async () => {
    const token = 'tok_settling_000001';
    const finished = aFinishedSessionView({ token });
    actions.sessions.set(token, { ...finished, phase: 'settling', issuedReceipt: undefined, receipt: 'none' });
    const body = text((await app.inject({ url: `/s/${token}`, headers: { 'accept-language': 'nb' } })).body);
    expect(body).toContain('<th scope="row">Energi, 12,34 kWh à 4,99 kr/kWh</th><td>61,58 kr</td>');
    expect(body).toContain('<dt>Trukket</dt><dd>71,58 kr</dd>');
    expect(body).toContain('<div class="wrap"><dt>Referanse</dt><dd class="reference">ladepay-k7p2qx-000123</dd></div>');
    expect(body).not.toContain('receipt-heading');
    expect(body).not.toContain('receipt.pdf');
  });

  it('keeps refreshing a finished page while the receipt is on its way', async () => {
    const token = 'tok_finished_000002';
    actions.sessions.set(token, aFinishedSessionView({ token, receipt: 'pending' }));
    const res = await app.inject(`/s/${token}`);
    expect(res.body).toContain('<noscript><meta http-equiv="refresh" content="10"></noscript>');
  });

  it('says why a start failed, that nothing was charged, and offers to try again', async () => {
    const token = 'tok_failed_00000001';
    actions.sessions.set(token, aSessionView({ token, phase: 'start_failed', canStop: false, failureReason: 'station_refused', energyWh: 0, chargingStartedAt: undefined }));
    const res = await app.inject({ url: `/s/${token}`, headers: { 'accept-language': 'en' } });
    expect(res.body).toContain('Nothing was charged. The whole reservation is released.');
    expect(res.body).toContain('The charging station would not start.');
    expect(res.body).toContain('<a class="button primary" href="/c/K7P2QX">Try again</a>');
    expect(res.body).toMatch(/<div id="meter" class="meter" hidden>/);
  });

  it('uses a general sentence for a failure code it does not know', async () => {
    const token = 'tok_failed_00000002';
    actions.sessions.set(token, aSessionView({ token, phase: 'payment_failed', canStop: false, failureReason: 'something_new' }));
    const res = await app.inject({ url: `/s/${token}`, headers: { 'accept-language': 'en' } });
    expect(res.body).toContain('Something went wrong along the way.');
  });

  it('answers an unknown or malformed token with a 404 page', async () => {
    for (const url of ['/s/tok_doesnotexist000', '/s/short', '/s/%3Cscript%3Ealert(1)%3C%2Fscript%3E']) {
      const res = await app.inject({ url, headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('Page not found');
      expect(res.body).not.toContain('<script>alert');
    }
  });
});

describe('GET /s/:token/receipt.pdf', () => {
  it('answers the receipt as a PDF with every field of the page and the support contact', async () => {
    const token = 'tok_finished_pdf001';
    actions.sessions.set(token, aFinishedSessionView({ token }));
    const res = await app.inject({ url: `/s/${token}/receipt.pdf`, headers: { 'accept-language': 'nb' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="kvittering-42.pdf"');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
    const pdf = pdfText(res.rawPayload);
    const lines = pdf.split('\n').map((l) => l.trim().replace(/\s{2,}/g, ' | '));
    expect(lines).toEqual(
      expect.arrayContaining([
        'Kvittering nr. 42',
        'Kvitteringsnr. | 42',
        'Dato | 26. nov. 2026, 11:40',
        'Selger | Fjordlading AS',
        'Org.nr. | 912 345 678 MVA',
        'Adresse | Bryggen 1, 5003 Bergen',
        'Ladepunkt | Hurtiglader 2, kontakt 1',
        'Sted | Fjordparken, Strandveien 12, 5003 Bergen',
        'Start | 26. nov. 2026, 11:02',
        'Slutt | 26. nov. 2026, 11:40',
        'Beskrivelse | Antall | Enhetspris | Mva.-sats | Beløp',
        'Energi | 12,34 kWh | 4,99 kr/kWh | 25 % | 61,58 kr',
        'Startavgift | 1 | 10,00 kr | 25 % | 10,00 kr',
        'Sum uten mva. | 57,26 kr',
        'Mva. 25 % | 14,32 kr',
        'Totalt | 71,58 kr',
        'Betalt med | Vipps',
        'Reservert | 300,00 kr',
        'Trukket | 71,58 kr',
        'Frigitt | 228,42 kr',
        'Referanse | ladepay-k7p2qx-000123',
        'Kundeservice',
        'Telefon | +47 55 12 34 56',
        'E-post | kundeservice@fjordlading.example',
        'Nettside | https://lade.example.no/hjelp',
      ]),
    );
  });

  it('writes a minus a PDF font has (a line that takes off) and names the file in English', async () => {
    const token = 'tok_finished_pdf002';
    const finished = aFinishedSessionView({ token });
    const capped = {
      ...finished.final!,
      lines: [...finished.final!.lines, { kind: 'limited_to_maximum' as const, quantity: 1, unitPriceOre: -158, amountOre: -158, netOre: -126, vatOre: -32, vatRateBasisPoints: 2500 }],
      totalOre: 7000,
      vatOre: 1400,
      netOre: 5600,
      capturedOre: 7000,
      releasedOre: 23_000,
    };
    actions.sessions.set(token, { ...finished, final: capped });
    const res = await app.inject({ url: `/s/${token}/receipt.pdf?lang=en`, headers: { 'accept-language': 'nb' } });
    expect(res.headers['content-disposition']).toBe('attachment; filename="receipt-42.pdf"');
    const pdf = pdfText(res.rawPayload);
    expect(pdf).toMatch(/Limited to your maximum\s+1\s+-1,58 kr\s+25 %\s+-1,58 kr/);
    expect(pdf).toMatch(/Total\s+70,00 kr/);
  });

  it('answers 404 before there is a receipt, and for an unknown token', async () => {
    const settling = 'tok_settling_pdf01';
    actions.sessions.set(settling, { ...aFinishedSessionView({ token: settling }), phase: 'settling', issuedReceipt: undefined });
    for (const token of [CHARGING_TOKEN, settling, 'tok_doesnotexist000']) {
      const res = await app.inject({ url: `/s/${token}/receipt.pdf`, headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('Page not found');
    }
  });
});

describe('GET /s/:token.json', () => {
  it('answers the session view, uncached', async () => {
    const res = await app.inject(`/s/${CHARGING_TOKEN}.json`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toMatchObject({ token: CHARGING_TOKEN, phase: 'charging', energyWh: 12_340 });
  });

  it('answers 404 for an unknown token', async () => {
    const res = await app.inject('/s/tok_doesnotexist000.json');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found' });
  });
});

describe('POST /s/:token/stop', () => {
  it('stops with the check value from the page and answers 303 back to the page; a second press the same', async () => {
    const page = await app.inject(`/s/${CHARGING_TOKEN}`);
    const check = checkValueIn(page.body);
    const first = await stop(CHARGING_TOKEN, check);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/s/${CHARGING_TOKEN}`);
    const second = await stop(CHARGING_TOKEN, check);
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toBe(`/s/${CHARGING_TOKEN}`);
    expect(actions.stops).toEqual([CHARGING_TOKEN, CHARGING_TOKEN]);
    expect(actions.sessions.get(CHARGING_TOKEN)?.phase).toBe('stopping');
  });

  it('accepts a post with a same-origin Referer and no Origin', async () => {
    const check = checkValueIn((await app.inject(`/s/${CHARGING_TOKEN}`)).body);
    const res = await stop(CHARGING_TOKEN, check, { referer: `${PUBLIC_URL}/s/${CHARGING_TOKEN}` });
    expect(res.statusCode).toBe(303);
  });

  it('refuses a wrong or missing check value', async () => {
    for (const check of ['', 'forged', checkValueIn((await app.inject(`/s/${CHARGING_TOKEN}`)).body).slice(1)]) {
      const res = await stop(CHARGING_TOKEN, check);
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain(`href="/s/${CHARGING_TOKEN}"`);
    }
    expect(actions.stops).toEqual([]);
  });

  it('refuses the check value of another session', async () => {
    const other = 'tok_other_session01';
    actions.sessions.set(other, aSessionView({ token: other }));
    const otherCheck = checkValueIn((await app.inject(`/s/${other}`)).body);
    expect((await stop(CHARGING_TOKEN, otherCheck)).statusCode).toBe(403);
    expect(actions.stops).toEqual([]);
  });

  it('refuses a post from another site even with the right check value', async () => {
    const check = checkValueIn((await app.inject(`/s/${CHARGING_TOKEN}`)).body);
    const res = await stop(CHARGING_TOKEN, check, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(actions.stops).toEqual([]);
  });

  it('accepts the origin the request was addressed to', async () => {
    const check = checkValueIn((await app.inject(`/s/${CHARGING_TOKEN}`)).body);
    const res = await stop(CHARGING_TOKEN, check, { origin: 'http://10.0.0.5:8080', host: '10.0.0.5:8080' });
    expect(res.statusCode).toBe(303);
  });

  it('answers an unknown token with 404', async () => {
    const token = 'tok_doesnotexist000';
    const res = await stop(token, '');
    // Without the right check value nothing is looked up at all.
    expect(res.statusCode).toBe(403);
    const real = await stop(token, stopCheckValue(Buffer.from('test-form-key-0123456789abcdef'), token));
    expect(real.statusCode).toBe(404);
  });
});
