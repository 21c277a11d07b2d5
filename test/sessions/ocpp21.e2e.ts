import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChargePoint } from '../../simulators/charge-point/index.ts';
import { phoneButtonUrl } from '../../simulators/vipps/phone-link.ts';
import { defaultMarginOre, stationLimit } from '../../src/core/cost-limit.ts';
import { aTariff } from '../support/tariff-builder.ts';
import { eventually } from '../support/eventually.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';

// OCPP 2.1 end to end (docs/ocpp21.md, docs/display-payment.md), through real
// sockets with the charge-point and Vipps simulators: a 2.1 station is held to
// the driver's maximum by Ladepay and by itself, ends the charge at that
// limit on its own while Ladepay is out of reach, and the session settles on
// its meter; its own sum is compared with the bill; the driver pays from the
// one-time Vipps QR on its screen, without the sticker; and a 2.1 station
// that says it has none of it gets none of it.

const PRICE = aTariff({ perKwhOre: 500 }); // the test system's price: 5,00 kr/kWh
const ONLY_21 = ['SetDefaultTariff', 'ChangeTransactionTariff', 'NotifyWebPaymentStarted', 'SetDisplayMessage', 'CostUpdated', 'ClearDisplayMessage'];

let sys: TestSystem;
const logLines: string[] = [];

beforeAll(async () => {
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  // A station out of reach for half an hour is not yet given up for silent.
  sys = await startSystem({ dialect: primaryDialect(), logger, env: { STATION_SILENCE_SECONDS: '7200' } });
  await sys.addStation('V21-LIMIT', 'ocpp2.1', 'V21LIM');
  await sys.addStation('V21-COST', 'ocpp2.1', 'V21CST');
  await sys.addStation('V21-QR', 'ocpp2.1', 'V21QR');
  await sys.addStation('V21-PLAIN', 'ocpp2.1', 'V21PLN');
  await sys.addStation('V21-WEB', 'ocpp2.1', 'V21WEB');
  await sys.addStation('V21-TAP', 'ocpp2.1', 'V21TAP');
});
afterAll(async () => sys?.stop());

const stationsById = new Map<string, ChargePoint>();
const sent = (cp: ChargePoint, action: string) => cp.frames().filter((f) => f.dir === 'in' && f.text.startsWith('[2,') && f.text.includes(`"${action}"`));

// A big car that takes the connector's 50 kW: 98 kr of energy in under half an hour.
const BIG_CAR = { socPercent: 10, batteryWh: 100_000, maxPowerW: 50_000 };

async function paidCharge(cp: ChargePoint, code: string, maxAmountOre: number): Promise<string> {
  await cp.plugIn(1, BIG_CAR);
  const started = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre, method: 'WALLET' });
  if (!started.ok) throw new Error(`no start: ${started.reason}`);
  sys.vipps.phone.approve((await sys.session(started.token)).reference);
  await sys.waitForState(started.token, 'charging');
  return started.token;
}

describe('a 2.1 station held to the driver’s maximum', () => {
  it('boots on 2.1, is given the guard’s limit from the start, stops itself at it while Ladepay is out of reach, and the session settles on its meter', async () => {
    const cp = await sys.connect('V21-LIMIT', 'ocpp2.1', { display: 'display-messages', tariffs: true });
    expect(cp.protocol).toBe('ocpp2.1');
    await eventually(() => sent(cp, 'SetDefaultTariff').length > 0, 'the tariff set on the station');

    const maxAmountOre = 10_000;
    const token = await paidCharge(cp, 'V21LIM', maxAmountOre);
    const guard = stationLimit(PRICE, maxAmountOre)!;
    expect(guard.maxCostOre).toBe(maxAmountOre - defaultMarginOre(maxAmountOre));
    const held = await eventually(() => cp.limitsFor(1).limit, 'the limit on the station');
    expect(held).toEqual({ maxCost: guard.maxCostOre / 100, maxEnergy: guard.maxEnergyWh });
    // The driver's own price, once the transaction runs (sent beside its answer, not in it).
    await eventually(() => sent(cp, 'ChangeTransactionTariff').length === 1, 'the driver’s tariff on the station');

    // Ladepay out of reach: nothing stops the charge but the station itself.
    await cp.tick(60_000);
    await cp.goOffline();
    await cp.tick(60 * 60_000);
    const limits = cp.limitsFor(1);
    expect(limits.running).toBe(false);
    expect(['maxCost', 'maxEnergy']).toContain(limits.reached?.kind);

    await cp.goOnline();
    const settled = await sys.waitForState(token, 'settled');
    await sys.ladepay.outboxWorker.drain();
    expect(['cost_limit_reached', 'energy_limit_reached']).toContain(settled.stationStopReason);
    // The bill is the station's meter at the price, and within what was reserved.
    const energyWh = cp.connector(1).energyWh - settled.meterStartWh!;
    expect(settled.meterLastWh).toBe(cp.connector(1).energyWh);
    expect(energyWh).toBeLessThanOrEqual(guard.maxEnergyWh! + 100);
    expect(settled.priced?.totalOre).toBe(Math.round((energyWh * 500) / 1000));
    expect(settled.priced!.totalOre).toBeLessThanOrEqual(guard.maxCostOre);
    const books = sys.vipps.books(settled.reference)!.payment.aggregate;
    expect(books.capturedAmount.value).toBe(settled.priced!.totalOre);
    expect(books.capturedAmount.value + books.cancelledAmount.value).toBe(maxAmountOre);
  });
});

describe('the station’s own sum', () => {
  it('is compared with the bill: far off, the session is flagged with both, and the bill stands', async () => {
    const cp = await sys.connect('V21-COST', 'ocpp2.1', { display: 'display-messages', tariffs: true, costSkewPercent: 50 });
    await eventually(() => sent(cp, 'SetDefaultTariff').length > 0, 'the tariff set on the station');
    const token = await paidCharge(cp, 'V21CST', 35_000);
    await cp.tick(10 * 60_000);
    expect(await sys.ladepay.driver.stop(token)).toEqual({ ok: true });
    const settled = await sys.waitForState(token, 'settled');
    expect(settled.flags).toContain('station_cost_differs');
    const own = cp.limitsFor(1).cost?.totalCost.total.inclTax;
    expect(own).toBeGreaterThan(settled.priced!.totalOre / 100 + 1);
    const history = await sys.ladepay.repo.events(settled.id);
    expect(history.find((e) => e.type === 'station_cost_differs')?.data).toEqual({ stationOre: Math.round(own! * 100), billedOre: settled.priced!.totalOre });
    expect(sys.vipps.books(settled.reference)?.payment.aggregate.capturedAmount.value).toBe(settled.priced!.totalOre);
  });
});

describe('paying from the charger’s screen', () => {
  it('shows Vipps’ one-time QR when the driver taps Pay; the phone’s camera approves it, and the charge runs and settles as any other', async () => {
    const cp = await sys.connect('V21-QR', 'ocpp2.1', { display: 'display-messages', tariffs: true });
    await eventually(async () => (await sys.ladepay.database.db.selectFrom('stations').select('display_support').where('id', '=', 'V21-QR').executeTakeFirst())?.display_support?.includes('"qrCode":true'), 'the screen’s QR support recorded');
    await cp.plugIn(1, { socPercent: 30 });
    expect(await cp.tapPay(1)).toBe('Accepted');
    const qr = cp.qrCode(1);
    expect(qr).toBeDefined();

    // The driver scans it: the phone opens what the code carries, and approves.
    const page = await fetch(qr!);
    expect(page.status).toBe(200);
    expect((await fetch(phoneButtonUrl(qr!, 'approve'), { method: 'POST', redirect: 'manual' })).status).toBe(303);

    const session = await eventually(async () => {
      const row = await sys.ladepay.database.db.selectFrom('sessions').select(['id', 'token']).where('station_id', '=', 'V21-QR').executeTakeFirst();
      return row ? sys.waitForState(row.token, 'charging') : undefined;
    }, 'the session charging');
    expect(session.qrOnScreen).toBe(true);
    expect(session.maxAmountOre).toBe(35_000); // DEFAULT_AMOUNT_ORE, unset here
    await eventually(() => cp.qrCode(1) === undefined, 'the QR cleared once the charge started');

    await cp.tick(5 * 60_000);
    expect(await sys.ladepay.driver.stop(session.token)).toEqual({ ok: true });
    const settled = await sys.waitForState(session.token, 'settled');
    await sys.ladepay.outboxWorker.drain();
    expect(sys.vipps.books(settled.reference)?.payment.aggregate.capturedAmount.value).toBe(settled.priced!.totalOre);
    // The receipt link reaches the screen as a QR code too.
    await eventually(() => cp.qrCode(1) === `${sys.ladepay.publicUrl}/s/${session.token}`, 'the receipt link as a QR code');
  });
});

describe('a driver paying on the phone at a 2.1 station', () => {
  it('has the EVSE held for them while they are in Vipps: another card at the charger is refused', async () => {
    const cp = await sys.connect('V21-WEB', 'ocpp2.1', { display: 'display-messages', tariffs: true });
    await eventually(async () => (await sys.ladepay.database.db.selectFrom('stations').select('display_support').where('id', '=', 'V21-WEB').executeTakeFirst())?.display_support?.includes('"tariffs21":true'), 'the station known as 2.1');
    await cp.plugIn(1, BIG_CAR);
    const started = await sys.ladepay.driver.startDropIn({ connectorCode: 'V21WEB', maxAmountOre: 35_000, method: 'WALLET' });
    expect(started.ok).toBe(true);
    const [notify] = await eventually(() => {
      const frames = sent(cp, 'NotifyWebPaymentStarted');
      return frames.length > 0 ? frames : undefined;
    }, 'NotifyWebPaymentStarted');
    const [, , , payload] = JSON.parse(notify!.text) as [number, string, string, { evseId: number; timeout: number }];
    expect(payload.evseId).toBe(1);
    // UNPAID_HOLD_SECONDS (180 by default), less the moments since the session was made.
    expect(payload.timeout).toBeGreaterThan(170);
    expect(payload.timeout).toBeLessThanOrEqual(180);
    expect(await cp.tapCard(1, 'SOMEONE-ELSES-CARD')).toBe('Rejected');
  });
});

describe('the Pay button, pressed by a station that is not what it says', () => {
  it('refuses an EVSE the station does not have, and data that is no EVSE, and makes nothing', async () => {
    const cp = await sys.connect('V21-TAP', 'ocpp2.1', { display: 'display-messages', tariffs: true });
    stationsById.set('V21-TAP', cp);
    await eventually(async () => (await sys.ladepay.database.db.selectFrom('stations').select('display_support').where('id', '=', 'V21-TAP').executeTakeFirst())?.display_support?.includes('"qrCode":true'), 'the screen’s QR support recorded');
    for (const data of ['{"evseId":2}', '"nope"', '"{\\"evseId\\":0}"', '{"evseId":1.5}', '{"evseId":"1"}', '{}']) {
      const answer = await cp.sendRaw(`[2,"tap-${data.length}-${Math.random()}","DataTransfer",{"vendorId":"no.ladepay","messageId":"PayWithVipps","data":${data}}]`);
      expect(JSON.parse(answer!)).toEqual([3, expect.any(String), { status: 'Rejected' }]);
    }
    const unknown = await cp.sendRaw('[2,"tap-other","DataTransfer",{"vendorId":"no.ladepay","messageId":"FreeCharging","data":"{}"}]');
    expect(JSON.parse(unknown!)).toEqual([3, 'tap-other', { status: 'UnknownMessageId' }]);
    const made = await sys.ladepay.database.db.selectFrom('sessions').select('id').where('station_id', '=', 'V21-TAP').execute();
    expect(made).toEqual([]);
  });

  it('pressed again and again, makes one session and one payment, and shows the same QR', async () => {
    const cp = stationsById.get('V21-TAP')!;
    await cp.plugIn(1, BIG_CAR);
    const answers = await Promise.all([cp.tapPay(1), cp.tapPay(1), cp.tapPay(1)]);
    expect(answers).toEqual(['Accepted', 'Accepted', 'Accepted']);
    const made = await sys.ladepay.database.db.selectFrom('sessions').select(['id', 'token']).where('station_id', '=', 'V21-TAP').execute();
    expect(made).toHaveLength(1);
    expect(cp.qrCode(1)).toBeDefined();
    const { reference } = await sys.session(made[0]!.token);
    expect(sys.vipps.books(reference)?.payment.state).toBe('CREATED');
  });
});

describe('a 2.1 station with no screen and no tariffs', () => {
  it('gets the transaction limit and nothing else 2.1 has, refuses nothing, and is refused the Pay button', async () => {
    const cp = await sys.connect('V21-PLAIN', 'ocpp2.1');
    await eventually(async () => (await sys.ladepay.database.db.selectFrom('stations').select('display_support').where('id', '=', 'V21-PLAIN').executeTakeFirst())?.display_support === '{"kind":"none"}', 'the support recorded');
    expect(await cp.tapPay(1)).toBe('Rejected');
    const token = await paidCharge(cp, 'V21PLN', 35_000);
    await eventually(() => cp.limitsFor(1).limit, 'the limit on the station');
    await cp.tick(60_000);
    expect(await sys.ladepay.driver.stop(token)).toEqual({ ok: true });
    await sys.waitForState(token, 'settled');
    await sys.ladepay.outboxWorker.drain();
    for (const action of ONLY_21) expect(sent(cp, action)).toEqual([]);
    expect(cp.frames().filter((f) => f.text.startsWith('[4,'))).toEqual([]);
    const loud = logLines.map((l) => JSON.parse(l) as { level: number; stationId?: string; msg: string }).filter((l) => l.stationId === 'V21-PLAIN' && (l.level >= 40 || /CallError/i.test(l.msg)));
    expect(loud).toEqual([]);
  });
});
