import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TariffStore } from '../../src/adapters/storage/tariff-store.ts';
import { osloWallClock } from '../../src/core/oslo-clock.ts';
import { validatePeriods } from '../../src/core/tariff-schedule.ts';
import { primaryDialect } from '../support/test-database.ts';
import { startSystem, type TestSystem } from '../support/system.ts';
import { aTariff } from '../support/tariff-builder.ts';

// A time-of-day tariff across a boundary (docs/pricing.md, "The price at start holds"): the site's
// price is 3,90 kr/kWh until a period at 5,90 kr/kWh and a 10 kr start fee begins 20 minutes after
// the test starts, on Norway's clock. A session started before the boundary and ended after it is
// priced at 3,90 throughout; the landing page meanwhile shows the new price, and a session started
// then is sold at it. Time moves with the stations' ticks, as in the other session tests.
const MINUTE = 60_000;
const base = aTariff({ perKwhOre: 390 });

function hhmm(at: Date): string {
  const m = osloWallClock(at).minuteOfDay;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

describe.each(['ocpp1.6', 'ocpp2.0.1'] as const)('a time-of-day tariff over %s', (protocol) => {
  let sys: TestSystem;
  let boundary: Date;
  const tag = protocol === 'ocpp1.6' ? '16' : '201';

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect() });
    const now = sys.now();
    boundary = new Date(Math.floor((now.getTime() + 20 * MINUTE) / MINUTE) * MINUTE);
    // Every day from the boundary for three hours (past midnight if need be).
    const periods = validatePeriods(base, [{ days: [1, 2, 3, 4, 5, 6, 7], from: hhmm(boundary), to: hhmm(new Date(boundary.getTime() + 180 * MINUTE)), perKwhOre: 590, startFeeOre: 1000 }]);
    if (!periods.ok) throw new Error(JSON.stringify(periods.error));
    await new TariffStore(sys.database.db).create({ id: 'tod', siteId: 'site', name: 'Kveld', tariff: base, periods: periods.value, validFrom: new Date(now.getTime() - MINUTE) }, now);
  });
  afterAll(async () => sys?.stop());

  it('prices a session started before the boundary and ended after it at the start price', async () => {
    const station = `CP-TOD-${tag}`;
    const code = `TOD${tag}`;
    await sys.addStation(station, protocol, code);
    const cp = await sys.connect(station, protocol);

    const before = await sys.ladepay.driver.landing(code);
    expect(before?.tariff).toMatchObject({ perKwhOre: 390, startFeeOre: 0 });
    expect(before?.schedule?.nextChange).toMatchObject({ at: boundary.toISOString(), tariff: { perKwhOre: 590, startFeeOre: 1000 } });

    await cp.plugIn(1, { socPercent: 20 });
    const started = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: 35_000, method: 'WALLET' });
    if (!started.ok) throw new Error(started.reason);
    expect((await sys.session(started.token)).tariff).toMatchObject({ perKwhOre: 390, startFeeOre: 0 });
    sys.vipps.phone.approve((await sys.session(started.token)).reference);
    await sys.waitForState(started.token, 'charging');

    // 40 minutes of charging: the boundary passes 20 minutes in.
    await cp.tick(40 * MINUTE);
    expect(sys.now().getTime()).toBeGreaterThan(boundary.getTime());
    const during = await sys.ladepay.driver.landing(code);
    expect(during?.tariff).toMatchObject({ perKwhOre: 590, startFeeOre: 1000 });

    expect(await sys.ladepay.driver.stop(started.token)).toEqual({ ok: true });
    await cp.unplug(1);
    const settled = await sys.waitForState(started.token, 'settled');
    const energyWh = (settled.meterLastWh ?? 0) - (settled.meterStartWh ?? 0);
    expect(energyWh).toBeGreaterThan(5_000);
    expect(settled.priced?.lines.map((l) => [l.kind, l.quantity, l.unitPriceOre])).toEqual([['energy', energyWh, 390]]);
    expect(settled.capturedOre).toBe(Math.round((energyWh * 390) / 1000));
    expect(sys.vipps.books(settled.reference)!.payment.aggregate.capturedAmount.value).toBe(settled.capturedOre);

    // A session started now, in the period, is sold at the period's prices.
    await cp.plugIn(1, { socPercent: 20 });
    const next = await sys.ladepay.driver.startDropIn({ connectorCode: code, maxAmountOre: 35_000, method: 'WALLET' });
    if (!next.ok) throw new Error(next.reason);
    expect((await sys.session(next.token)).tariff).toMatchObject({ perKwhOre: 590, startFeeOre: 1000 });
  });
});
