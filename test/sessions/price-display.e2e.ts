import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChargePoint } from '../../simulators/charge-point/index.ts';
import type { ScreenView } from '../../simulators/charge-point/screen.ts';
import { ConsoleClient } from '../console/console-client.ts';
import { callApi, roleTokens } from '../console/station-operations-api.ts';
import { eventually } from '../support/eventually.ts';
import { connectScriptedStation } from '../support/scripted-station.ts';
import { STATION_PASSWORD, startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';

// The price on the charger's own screen (docs/price-display.md), through real
// sockets: a 1.6 station with California Pricing and a 2.0.1 station with
// display messages are shown the price before anyone pays, the driver's
// maximum and price at the start, the cost so far as Ladepay prices it, and
// the final cost with the status page; stations without a screen, and a
// station whose operator switched it off, get none of it.

const ADMIN = { email: 'drift@example.no', password: 'correct-horse-battery' };
const DISPLAY_ACTIONS = ['DataTransfer', 'SetDisplayMessage', 'ClearDisplayMessage', 'CostUpdated'];

let sys: TestSystem;
const logLines: string[] = [];
const stations = new Map<string, ChargePoint>();

async function connect(id: string, protocol: 'ocpp1.6' | 'ocpp2.0.1', display?: 'california' | 'display-messages'): Promise<ChargePoint> {
  const cp = await sys.connect(id, protocol, display ? { display } : {});
  stations.set(id, cp);
  return cp;
}

beforeAll(async () => {
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  sys = await startSystem({ dialect: primaryDialect(), logger, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
  await sys.addStation('SCREEN-16', 'ocpp1.6', 'SCR16');
  await sys.addStation('SCREEN-201', 'ocpp2.0.1', 'SCR201');
  await sys.addStation('PLAIN-16', 'ocpp1.6', 'PLN16');
  await sys.addStation('PLAIN-201', 'ocpp2.0.1', 'PLN201');
  await sys.addStation('OFF-16', 'ocpp1.6', 'OFF16');
  await sys.addStation('BARE-16', 'ocpp1.6', 'BARE16');
  await sys.addStation('BARE-201', 'ocpp2.0.1', 'BARE201');
});
afterAll(async () => sys?.stop());

async function paidCharge(cp: ChargePoint, code: string): Promise<string> {
  await cp.plugIn(1, { socPercent: 40 });
  const started = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: 35_000, method: 'WALLET' });
  if (!started.ok) throw new Error(`no start: ${started.reason}`);
  const waiting = await sys.session(started.token);
  sys.vipps.phone.approve(waiting.reference);
  await sys.waitForState(started.token, 'charging');
  return started.token;
}

async function stopAndSettle(token: string) {
  expect(await sys.ladepay.driver.stop(token)).toEqual({ ok: true });
  const settled = await sys.waitForState(token, 'settled');
  await sys.ladepay.outboxWorker.drain();
  return settled;
}

const screenOf = (cp: ChargePoint, what: string, ok: (s: ScreenView['now']) => boolean) =>
  eventually(() => {
    const s = cp.screen().now;
    return ok(s) ? s : undefined;
  }, what);

// What Ladepay itself says the charge costs at the reading the screen shows:
// 5,00 kr/kWh of the energy since the start, in kroner.
const costAt = (meterWh: number, meterStartWh: number) => Math.round(((meterWh - meterStartWh) * 500) / 1000) / 100;

function displayFrames(cp: ChargePoint): string[] {
  return cp
    .frames()
    .map((f) => f.text)
    .filter((text) => DISPLAY_ACTIONS.some((a) => text.includes(`"${a}"`)) || text.includes('DefaultPrice') || text.includes('FallbackMessage') || text.startsWith('[4,'));
}

describe('OCPP 1.6 with California Pricing', () => {
  it('shows the default price, the user price, the running cost and the final cost with the status page', async () => {
    const cp = await connect('SCREEN-16', 'ocpp1.6', 'california');
    const idle = await screenOf(cp, 'the default price', (s) => s.defaultPrice !== undefined && s.defaultPriceTexts.en !== undefined);
    expect(idle.defaultPrice).toEqual({
      priceText: 'Skann QR-koden og betal med Vipps. 5,00 kr/kWh',
      priceTextOffline: 'Laderen er uten nett: betaling er ikke mulig nå',
      chargingPrice: { kWhPrice: 5, hourPrice: 0, flatFee: 0 },
    });
    expect(idle.defaultPriceTexts.en?.priceText).toBe('Scan the QR code and pay with Vipps. NOK 5.00/kWh');

    const token = await paidCharge(cp, 'SCR16');
    const session = await sys.session(token);
    const started = await screenOf(cp, 'the user price', (s) => s.userPrice !== undefined);
    expect(started.userPrice).toEqual({
      idToken: session.idTag,
      priceText: 'Maks 350,00 kr · 5,00 kr/kWh',
      priceTextExtra: [{ format: 'UTF8', language: 'en', content: 'Max NOK 350.00 · NOK 5.00/kWh' }],
    });

    await cp.tick(60_000);
    const running = await screenOf(cp, 'a running cost', (s) => (s.runningCost?.meterValue ?? 0) > (session.meterStartWh ?? 0));
    const cost = running.runningCost!;
    expect(cost.transactionId).toBe(Number(session.transactionId));
    expect(cost.state).toBe('Charging');
    expect(cost.cost).toBeGreaterThan(0);
    expect(cost.cost).toBe(costAt(cost.meterValue!, session.meterStartWh!));
    expect(cost.chargingPrice).toEqual({ kWhPrice: 5, hourPrice: 0, flatFee: 0 });

    const settled = await stopAndSettle(token);
    const final = await screenOf(cp, 'the final cost', (s) => s.finalCost !== undefined);
    expect(final.finalCost?.transactionId).toBe(Number(settled.transactionId));
    expect(final.finalCost?.cost).toBe(settled.priced!.totalOre / 100);
    expect(final.finalCost?.qrCodeText).toBe(`${sys.ladepay.publicUrl}/s/${token}`);
    expect(final.finalCost?.priceText).toMatch(/^Totalt \d+,\d\d kr for \d+,\d\d kWh/);
    // Once, through the outbox, and answered Accepted.
    const finals = cp.frames().filter((f) => f.dir === 'in' && f.text.includes('"FinalCost"'));
    expect(finals).toHaveLength(1);
    expect((await sys.ladepay.outbox.answer(`final-cost-${settled.id}`))?.state).toBe('done');
  });
});

describe('OCPP 2.0.1 with display messages', () => {
  it('shows the default price, the price of the charge, the cost as it goes, and the total with the receipt link', async () => {
    const cp = await connect('SCREEN-201', 'ocpp2.0.1', 'display-messages');
    const idle = await screenOf(cp, 'the default price', (s) => s.messages.length >= 2 && s.tariffFallbackMessage !== undefined);
    expect(idle.messages.map((m) => [m.id, m.state, m.language, m.content])).toEqual([
      [1, 'Idle', 'nb', 'Skann QR-koden og betal med Vipps. 5,00 kr/kWh'],
      [2, 'Idle', 'en', 'Scan the QR code and pay with Vipps. NOK 5.00/kWh'],
    ]);
    expect(idle.tariffFallbackMessage).toBe('Skann QR-koden og betal med Vipps. 5,00 kr/kWh');
    expect(idle.totalCostFallbackMessage).toBe('Se prisen og kvitteringen på telefonen');

    const token = await paidCharge(cp, 'SCR201');
    const session = await sys.session(token);
    const started = await screenOf(cp, 'the price of the charge', (s) => s.messages.some((m) => m.id === 101));
    expect(started.messages.find((m) => m.id === 101)).toMatchObject({ priority: 'InFront', transactionId: session.transactionId, format: 'UTF8', content: 'Maks 350,00 kr · 5,00 kr/kWh' });

    await cp.tick(60_000);
    const running = await screenOf(cp, 'a cost update', (s) => (s.totalCost?.totalCost ?? 0) > 0);
    expect(running.totalCost?.transactionId).toBe(session.transactionId);
    const now = await sys.session(token);
    expect(running.totalCost!.totalCost).toBeLessThanOrEqual(costAt(now.meterLastWh!, now.meterStartWh!));

    const settled = await stopAndSettle(token);
    const final = await screenOf(cp, 'the receipt link', (s) => s.messages.some((m) => m.id === 301));
    expect(final.totalCost).toEqual({ transactionId: settled.transactionId, totalCost: settled.priced!.totalOre / 100 });
    expect(final.messages.find((m) => m.id === 301)).toMatchObject({ format: 'URI', content: `${sys.ladepay.publicUrl}/s/${token}` });
    expect(final.messages.find((m) => m.id === 201)?.content).toMatch(/^Totalt \d+,\d\d kr for \d+,\d\d kWh/);
    expect(final.messages.some((m) => m.id === 101)).toBe(false);
    expect(cp.screen().history.some((e) => e.kind === 'clear_display_message')).toBe(true);
  });
});

describe('stations without a screen', () => {
  it.each([
    ['PLAIN-16', 'ocpp1.6', 'PLN16'],
    ['PLAIN-201', 'ocpp2.0.1', 'PLN201'],
  ] as const)('%s is asked once what it can show, then gets nothing of it and answers no CallError', async (id, protocol, code) => {
    const cp = await connect(id, protocol);
    await eventually(async () => (await sys.ladepay.database.db.selectFrom('stations').select('display_support').where('id', '=', id).executeTakeFirst())?.display_support === '{"kind":"none"}', 'the support recorded');
    const token = await paidCharge(cp, code);
    await cp.tick(60_000);
    await stopAndSettle(token);
    expect(cp.screen().history).toEqual([]);
    expect(displayFrames(cp)).toEqual([]);
    const quiet = logLines.map((l) => JSON.parse(l) as { level: number; stationId?: string; msg: string }).filter((l) => l.stationId === id && /display|CallError/i.test(l.msg));
    expect(quiet).toEqual([]);
  });
});

describe('a station that cannot even be asked', () => {
  it.each([
    ['BARE-16', 'ocpp1.6', 'GetConfiguration'],
    ['BARE-201', 'ocpp2.0.1', 'GetVariables'],
  ] as const)('%s (%s) answers the question (%s) with a CallError: nothing more is sent, nothing logged above debug', async (id, protocol, asked) => {
    const station = await connectScriptedStation(sys.ocppUrl, id, STATION_PASSWORD, protocol);
    try {
      await station.boot();
      await station.waitForCall(asked);
      // A station takes one call at a time: the answer to this one came after the refused question was handled.
      const after = await sys.ladepay.operations.trigger(id, 'Heartbeat', undefined, { actor: 'test', confirm: true });
      expect(after).toMatchObject({ ok: true });
      expect((await sys.ladepay.database.db.selectFrom('stations').select('display_support').where('id', '=', id).executeTakeFirst())?.display_support).toBeNull();
      const loud = logLines.map((l) => JSON.parse(l) as { level: number; stationId?: string }).filter((l) => l.stationId === id && l.level >= 40);
      expect(loud).toEqual([]);
      expect(station.received.map((c) => c.action).filter((a) => ['DataTransfer', 'SetDisplayMessage', 'CostUpdated'].includes(a))).toEqual([]);
    } finally {
      await station.close();
    }
  });
});

describe('switched off in the console', () => {
  it('shows nothing on a station that could', async () => {
    const client = new ConsoleClient(sys.ladepay.url);
    expect((await client.login(ADMIN.email, ADMIN.password)).status).toBe(303);
    const page = await client.get('/console/stations/OFF-16');
    expect(page.text).toContain('Price on the charger’s screen');
    const saved = await client.post('/console/stations/OFF-16', { _csrf: ConsoleClient.csrfOf(page.text), name: 'Lader OFF-16', siteId: 'site', priceDisplay: 'off' });
    expect(saved.status).toBe(303);

    const cp = await connect('OFF-16', 'ocpp1.6', 'california');
    const after = await eventually(async () => {
      const text = (await client.get('/console/stations/OFF-16')).text;
      return text.includes('California Pricing (OCPP 1.6)') ? text : undefined;
    }, 'what the station supports, on its page');
    expect(after).toMatch(/<option value="off" selected>/);
    const token = await paidCharge(cp, 'OFF16');
    await cp.tick(60_000);
    await stopAndSettle(token);
    expect(cp.screen().history).toEqual([]);
    expect(cp.frames().filter((f) => f.text.includes('costmsg') || f.text.includes('DefaultPrice'))).toEqual([]);
  });
});

describe('a new price', () => {
  it('goes to every screen that shows prices, once, and to no other station', async () => {
    const client = new ConsoleClient(sys.ladepay.url);
    expect((await client.login(ADMIN.email, ADMIN.password)).status).toBe(303);
    const csrf = await client.csrf('/console/tariffs');
    const form = { _csrf: csrf, name: 'Ny pris', siteId: 'site', perKwh: '6', startFee: '0', perHour: '0', idlePerMinute: '0', idleGraceMinutes: '0', idleCap: '0', vat: '25', validFrom: '2021-01-01T00:00' };
    expect((await client.post('/console/tariffs', form)).status).toBe(303);

    const cp16 = stations.get('SCREEN-16')!;
    const cp201 = stations.get('SCREEN-201')!;
    await screenOf(cp16, 'the new price on the 1.6 screen', (s) => s.defaultPrice?.priceText === 'Skann QR-koden og betal med Vipps. 6,00 kr/kWh');
    await screenOf(cp201, 'the new price on the 2.0.1 screen', (s) => s.messages.find((m) => m.id === 2)?.content === 'Scan the QR code and pay with Vipps. NOK 6.00/kWh');
    expect(cp16.screen().history.filter((e) => e.kind === 'default_price')).toHaveLength(2);
    for (const id of ['PLAIN-16', 'PLAIN-201', 'OFF-16']) expect(displayFrames(stations.get(id)!)).toEqual([]);
  });

  it('that comes into force later reaches the screens when it does, and the same price is not sent twice', async () => {
    const client = new ConsoleClient(sys.ladepay.url);
    expect((await client.login(ADMIN.email, ADMIN.password)).status).toBe(303);
    const from = new Date(sys.now().getTime() + 120_000);
    const form = { _csrf: await client.csrf('/console/tariffs'), name: 'Senere', siteId: 'site', perKwh: '7', startFee: '0', perHour: '0', idlePerMinute: '0', idleGraceMinutes: '0', idleCap: '0', vat: '25', validFrom: osloMinute(from) };
    expect((await client.post('/console/tariffs', form)).status).toBe(303);
    const cp16 = stations.get('SCREEN-16')!;
    const shown = () => cp16.screen().history.filter((e) => e.kind === 'default_price').length;
    await sys.ladepay.refreshScreensNow();
    const before = shown();
    await sys.ladepay.refreshScreensNow();
    expect(shown()).toBe(before);
    expect(cp16.screen().now.defaultPrice?.priceText).toBe('Skann QR-koden og betal med Vipps. 6,00 kr/kWh');

    await sys.advance(from.getTime() + 60_000 - sys.now().getTime());
    await sys.ladepay.refreshScreensNow();
    await screenOf(cp16, 'the later price', (s) => s.defaultPrice?.priceText === 'Skann QR-koden og betal med Vipps. 7,00 kr/kWh');
    await screenOf(stations.get('SCREEN-201')!, 'the later price on 2.0.1', (s) => s.messages.find((m) => m.id === 1)?.content === 'Skann QR-koden og betal med Vipps. 7,00 kr/kWh');
    expect(shown()).toBe(before + 1);
  });
});

// "2026-12-07T10:15" on Norway's wall clock, as the tariff form takes it.
function osloMinute(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

describe('switched back on through the API', () => {
  it('shows what the station supports, and sends the price at once', async () => {
    const { operator, viewer } = await roleTokens(sys);
    const before = await callApi(sys, viewer, 'GET', '/stations/OFF-16');
    expect(before.json).toMatchObject({ priceDisplay: 'off', displaySupport: { kind: 'california', decimals: 2, languages: ['nb', 'en'] } });
    expect((await callApi(sys, viewer, 'PATCH', '/stations/OFF-16', { priceDisplay: 'auto' })).status).toBe(403);
    expect((await callApi(sys, operator, 'PATCH', '/stations/OFF-16', { priceDisplay: 'sometimes' })).status).toBe(400);
    const on = await callApi(sys, operator, 'PATCH', '/stations/OFF-16', { priceDisplay: 'auto' });
    expect(on).toMatchObject({ status: 200, json: { priceDisplay: 'auto' } });
    await screenOf(stations.get('OFF-16')!, 'the price, once switched on', (s) => s.defaultPrice?.priceText === 'Skann QR-koden og betal med Vipps. 7,00 kr/kWh');
    const plain = await callApi(sys, viewer, 'GET', '/stations/PLAIN-201');
    expect(plain.json).toMatchObject({ priceDisplay: 'auto', displaySupport: { kind: 'none' } });
  });
});
