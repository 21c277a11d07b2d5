import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { primaryDialect } from '../support/test-database.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { aTariff } from '../support/tariff-builder.ts';

// The idle fee after the charge (docs/pricing.md): 5 kr/kWh, 1 kr a minute
// after a 30-minute grace, at most 100 kr. The driver stops the charge from
// the phone and the car stays plugged in: the energy is captured at once, the
// idle fee when the car is unplugged, and the rest is released then.
const tariff = aTariff({ perKwhOre: 500, idlePerMinuteOre: 100, idleGraceMinutes: 30, idleCapOre: 10_000 });
const MINUTE = 60_000;

describe.each(['ocpp1.6', 'ocpp2.0.1'] as const)('the idle fee over %s', (protocol) => {
  let sys: TestSystem;
  let n = 0;

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect(), tariff });
  });
  afterAll(async () => sys?.stop());

  // A charge of half an hour, stopped from the phone with the car left plugged in.
  async function chargedAndStopped(car: { batteryWh?: number; socPercent?: number } = { socPercent: 20 }, chargeMinutes = 30) {
    n += 1;
    const station = `CP-IDLE-${protocol === 'ocpp1.6' ? '16' : '201'}-${n}`;
    const code = `IDLE${protocol === 'ocpp1.6' ? '16' : '201'}${n}`;
    await sys.addStation(station, protocol, code);
    const cp = await sys.connect(station, protocol);
    await cp.plugIn(1, car);
    const started = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: 35_000, method: 'WALLET' });
    if (!started.ok) throw new Error(started.reason);
    const reference = (await sys.session(started.token)).reference;
    sys.vipps.phone.approve(reference);
    await sys.waitForState(started.token, 'charging');
    await cp.tick(chargeMinutes * MINUTE);
    const charged = await sys.session(started.token);
    expect(await sys.ladepay.driver.stop(started.token)).toEqual({ ok: true });
    const idling = await sys.waitForState(started.token, 'idling');
    await sys.ladepay.outboxWorker.drain();
    return { cp, token: started.token, reference, idling, charged };
  }

  const energyOre = (s: { meterLastWh?: number; meterStartWh?: number }) => Math.round((((s.meterLastWh ?? 0) - (s.meterStartWh ?? 0)) * 500) / 1000);

  it('captures the energy at once, bills the idle time after the stop when the car stays plugged in, and releases the rest when it leaves', async () => {
    const { cp, token, reference, idling } = await chargedAndStopped();
    const energy = energyOre(idling);
    expect(energy).toBeGreaterThan(1_000);

    // While the car stays: the energy is captured, the rest still reserved.
    const held = await eventually(async () => ((await sys.session(token)).capturedOre === energy ? sys.vipps.books(reference) : undefined), 'the energy captured');
    expect(held!.payment.aggregate.capturedAmount.value).toBe(energy);
    expect(held!.payment.aggregate.cancelledAmount.value).toBe(0);

    // 75 minutes plugged in after the stop: 45 minutes past the grace.
    await cp.tick(75 * MINUTE);
    await sys.ladepay.reconcileNow();
    expect((await sys.session(token)).state).toBe('idling');
    const view = await sys.ladepay.driver.session(token);
    expect(view?.phase).toBe('idle_fee');
    // So far on Ladepay's clock, a few seconds ahead of the station's: the 46th minute may have begun.
    const minutes = view?.idle?.billedMinutes ?? 0;
    expect([45, 46]).toContain(minutes);
    expect(view?.idle).toMatchObject({ feeOre: minutes * 100, energyOre: energy });
    expect(view?.runningCostOre).toBe(energy + minutes * 100);

    await cp.unplug(1);
    const settled = await sys.waitForState(token, 'settled');
    await sys.ladepay.outboxWorker.drain();
    expect(settled.priced?.lines.map((l) => [l.kind, l.quantity, l.amountOre])).toEqual([
      ['energy', (idling.meterLastWh ?? 0) - (idling.meterStartWh ?? 0), energy],
      ['idle', 45, 4_500],
    ]);
    expect(settled.capturedOre).toBe(energy + 4_500);
    expect(settled.capturedOre + settled.cancelledOre).toBe(35_000);

    const books = sys.vipps.books(reference)!;
    const events = books.events.map((e) => [e.name, e.amount.value]);
    expect(events.filter(([name]) => name === 'CAPTURED')).toEqual([
      ['CAPTURED', energy],
      ['CAPTURED', 4_500],
    ]);
    expect(events.filter(([name]) => name === 'CANCELLED')).toEqual([['CANCELLED', 35_000 - energy - 4_500]]);

    // One receipt, from the final bill.
    const order = await eventually(() => sys.vipps.receipts(reference)?.receipt, 'the receipt in Vipps');
    const lines = (order as { orderLines: Array<{ totalAmount: number }> }).orderLines;
    expect(lines.reduce((sum, l) => sum + l.totalAmount, 0)).toBe(energy + 4_500);
  });

  it('captures only the energy and releases everything else after an unplug within the grace', async () => {
    const { cp, token, reference, idling } = await chargedAndStopped();
    const energy = energyOre(idling);
    await cp.tick(10 * MINUTE);
    // Another station's connector 1 going Available says nothing of this car (invariant 7).
    const other = `CP-IDLE-OTHER-${protocol === 'ocpp1.6' ? '16' : '201'}`;
    await sys.addStation(other, protocol, `OTHER${protocol === 'ocpp1.6' ? '16' : '201'}`);
    const elsewhere = await sys.connect(other, protocol);
    await elsewhere.plugIn(1);
    await elsewhere.unplug(1);
    await sys.ladepay.reconcileNow();
    expect((await sys.session(token)).state).toBe('idling');
    await cp.unplug(1);
    const settled = await sys.waitForState(token, 'settled');
    expect(settled.priced?.lines.find((l) => l.kind === 'idle')).toMatchObject({ quantity: 0, amountOre: 0 });
    expect(settled.capturedOre).toBe(energy);
    const events = sys.vipps.books(reference)!.events.map((e) => [e.name, e.amount.value]);
    expect(events.filter(([name]) => name === 'CAPTURED')).toEqual([['CAPTURED', energy]]);
    expect(events.filter(([name]) => name === 'CANCELLED')).toEqual([['CANCELLED', 35_000 - energy]]);
  });

  it('counts the idle time from when the car was full', async () => {
    // A nearly full car: it stops drawing power well before the driver's stop.
    const { cp, token, idling, charged } = await chargedAndStopped({ batteryWh: 10_000, socPercent: 99 }, 50);
    expect(charged.idleSince).toBeDefined();
    expect(idling.idleFrom).toBe(charged.idleSince);
    await cp.tick(10 * MINUTE);
    await cp.unplug(1);
    const settled = await sys.waitForState(token, 'settled');
    const idleSeconds = (Date.parse(settled.unpluggedAt ?? '') - Date.parse(charged.idleSince ?? '')) / 1000;
    const minutes = Math.ceil(Math.max(0, idleSeconds - 30 * 60) / 60);
    expect(minutes).toBeGreaterThan(0);
    expect(settled.priced?.lines.find((l) => l.kind === 'idle')).toMatchObject({ quantity: minutes, amountOre: minutes * 100 });
    expect(settled.capturedOre).toBe(energyOre(idling) + minutes * 100);
  });

  it('ends the wait at the cap when the station never reports the unplug', async () => {
    const { token, reference, idling } = await chargedAndStopped();
    const energy = energyOre(idling);
    await eventually(async () => (await sys.session(token)).capturedOre === energy, 'the energy captured');
    // 30 minutes of grace and 100 minutes to reach the 100 kr cap.
    await sys.advance(131 * MINUTE);
    const settled = await sys.waitForState(token, 'settled');
    expect(settled.flags).toContain('unplug_not_reported');
    expect(settled.priced?.lines.find((l) => l.kind === 'idle')).toMatchObject({ amountOre: 10_000 });
    expect(settled.capturedOre).toBe(energy + 10_000);
    expect(sys.vipps.books(reference)!.payment.aggregate.cancelledAmount.value).toBe(35_000 - energy - 10_000);
  });
});
