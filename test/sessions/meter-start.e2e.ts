import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { connectScriptedStation } from '../support/scripted-station.ts';
import { STATION_PASSWORD, startSystem, type TestSystem } from '../support/system.ts';
import { primaryDialect } from '../support/test-database.ts';

// A 2.0.1 transaction that starts without a register reading starts at its
// first reading, never at 0: on a meter that has counted 12 MWh in its life,
// the driver pays for what this transaction drew.
describe('2.0.1: the first register reading is the meter start', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startSystem({ dialect: primaryDialect() });
  });
  afterAll(async () => sys?.stop());

  it('a transaction started with no reading is billed from its first reading', async () => {
    await sys.addStation('CP-M1', 'ocpp2.0.1', 'MSTART1');
    const station = await connectScriptedStation(sys.ocppUrl, 'CP-M1', STATION_PASSWORD, 'ocpp2.0.1', { clock: sys.clockTo, now: sys.now });
    await station.boot();
    await station.status('plugged');
    const r = await sys.ladepay.driver.startDropIn({ connectorCode: 'MSTART1', maxAmountOre: 35_000, method: 'WALLET' });
    if (!r.ok) throw new Error(r.reason);
    sys.vipps.phone.approve((await sys.session(r.token)).reference);
    const t0 = sys.now().getTime();
    const { transactionId } = await station.startAsAsked(undefined, new Date(t0));
    const started = await sys.waitForState(r.token, 'charging');
    expect(started.meterStartWh).toBeUndefined();

    await station.meter(transactionId, 12_000_000, new Date(t0 + 10_000));
    await station.meter(transactionId, 12_002_000, new Date(t0 + 600_000));
    await eventually(async () => (await sys.session(r.token)).meterLastWh === 12_002_000, 'readings applied');
    expect((await sys.session(r.token)).meterStartWh).toBe(12_000_000);
    await sys.ladepay.driver.stop(r.token);
    await station.end(transactionId, 12_003_000, new Date(t0 + 900_000), { reason: 'Remote' });
    const s = await sys.waitForState(r.token, 'settled');
    expect(s.capturedOre).toBe(1500); // 3 kWh at 5 kr
    expect(s.flags).not.toContain('capped_at_maximum');
    await station.close();
  });
});
