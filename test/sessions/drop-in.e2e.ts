import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { primaryDialect } from '../support/test-database.ts';
import { startSystem, type TestSystem } from '../support/system.ts';

// The whole drop-in flow through real sockets: Ladepay, the Vipps simulator
// with its phone, and charge points speaking OCPP 1.6J and 2.0.1.
describe.each(['ocpp1.6', 'ocpp2.0.1'] as const)('drop-in charging over %s', (protocol) => {
  let sys: TestSystem;
  const station = protocol === 'ocpp1.6' ? 'CP-16' : 'CP-201';
  const code = protocol === 'ocpp1.6' ? 'HAPPY16' : 'HAPPY201';

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect() });
    await sys.addStation(station, protocol, code);
  });
  afterAll(async () => sys?.stop());

  it('pays, charges, stops from the phone, captures exactly what was used and releases the rest', async () => {
    const cp = await sys.connect(station, protocol);
    await cp.plugIn(1, { socPercent: 40 });
    const started = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: 35_000, method: 'WALLET' });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    // A second press returns the same session and payment: no second reservation.
    const again = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: 35_000, method: 'WALLET' });
    expect(again).toEqual(started);

    const waiting = await sys.session(started.token);
    expect(waiting.state).toBe('awaiting_payment');
    expect(sys.vipps.books(waiting.reference)?.payment.state).toBe('CREATED');

    sys.vipps.phone.approve(waiting.reference);
    await sys.waitForState(started.token, 'charging');

    await cp.tick(60 * 60 * 1000); // an hour of charging at the station
    const charging = await sys.waitForState(started.token, 'charging');
    await sys.ladepay.reconcileNow();
    const view = await sys.ladepay.driver.session(started.token);
    expect(view?.phase).toBe('charging');

    expect(await sys.ladepay.driver.stop(started.token)).toEqual({ ok: true });
    expect(await sys.ladepay.driver.stop(started.token)).toEqual({ ok: true }); // pressed twice
    const settled = await sys.waitForState(started.token, 'settled');
    await sys.ladepay.outboxWorker.drain();

    const energyWh = (settled.meterLastWh ?? 0) - (settled.meterStartWh ?? 0);
    expect(energyWh).toBeGreaterThan(1000);
    expect(settled.priced?.totalOre).toBe(Math.round((energyWh * 500) / 1000));
    expect(settled.capturedOre).toBe(settled.priced?.totalOre);
    expect(settled.capturedOre + settled.cancelledOre).toBe(35_000);
    void charging;

    // The simulator's books agree with ours to the øre.
    const books = sys.vipps.books(settled.reference)!;
    expect(books.payment.aggregate.capturedAmount.value).toBe(settled.capturedOre);
    expect(books.payment.aggregate.cancelledAmount.value).toBe(settled.cancelledOre);
    const names = books.events.map((e) => e.name);
    expect(names.filter((n) => n === 'CAPTURED')).toHaveLength(1);
    expect(names.filter((n) => n === 'CANCELLED')).toHaveLength(1);

    // The receipt reached Vipps, lines adding up to the capture.
    const order = await eventually(() => sys.vipps.receipts(settled.reference)?.receipt, 'the receipt in Vipps');
    const receipt = order as { orderLines: Array<{ totalAmount: number }> };
    const sum = receipt.orderLines.reduce((s, l) => s + l.totalAmount, 0);
    expect(sum).toBe(settled.capturedOre);
  });
});
