import { describe, expect, it } from 'vitest';
import { aTariff } from '../../../test/support/tariff-builder.ts';
import { tariffAt, validatePeriods, type ScheduledTariff } from '../tariff-schedule.ts';
import { decide } from './decide.ts';
import { newSession } from './new-session.ts';
import type { Session } from './session.ts';
import type { SessionInput, SessionPolicy } from './session-input.ts';

// docs/pricing.md, "The price at start holds": a session is sold at the prices in effect when it is
// created, and priced with them to the end, whatever the schedule says later.
const base = aTariff({ perKwhOre: 390 });
const periods = validatePeriods(base, [{ days: [1, 2, 3, 4, 5], from: '17:00', to: '21:00', perKwhOre: 590, startFeeOre: 1000 }]);
if (!periods.ok) throw new Error('the test schedule is invalid');
const evenings: ScheduledTariff = { base, periods: periods.value };

const policy: SessionPolicy = { startWindowSeconds: 180, stationSilenceSeconds: 900, meterIntervalSeconds: 10 };

function chargedAcross(t0: Date, minutes: number): Session {
  const at = (s: number) => new Date(t0.getTime() + s * 1000);
  let s = newSession(
    {
      id: 's1',
      token: 'tok',
      reference: 'ladepay-s1',
      idTag: 'LPTAG1',
      remoteStartId: 7,
      stationId: 'CP-1',
      connectorNo: 1,
      connectorId: 'CP-1-1',
      tariff: tariffAt(evenings, t0),
      maxPowerW: 50_000,
      maxAmountOre: 50_000,
      paymentMethod: 'WALLET',
    },
    t0,
  ).session;
  const end = minutes * 60;
  const steps: Array<[number, SessionInput]> = [
    [5, { type: 'payment_confirmed', state: 'AUTHORIZED', authorizedOre: 50_000 }],
    [10, { type: 'remote_start_answered', attempt: 1, outcome: 'accepted', carPluggedIn: true }],
    [20, { type: 'transaction_started', transactionId: 'tx1', meterStartWh: 1_000_000, at: at(20).toISOString() }],
  ];
  // 10 kW, a reading a minute: 1/6 kWh each.
  for (let m = 1; m < minutes; m++) steps.push([20 + m * 60, { type: 'meter', at: at(20 + m * 60).toISOString(), energyRegisterWh: 1_000_000 + Math.round((m * 10_000) / 60), powerW: 10_000 }]);
  steps.push([end, { type: 'transaction_ended', at: at(end).toISOString(), meterStopWh: 1_000_000 + Math.round(((end - 20) / 60) * (10_000 / 60)), reason: 'local' }]);
  for (const [sec, input] of steps) {
    const d = decide(s, input, at(sec), policy);
    if (d.changed) s = d.session;
  }
  return s;
}

describe('the price at start holds', () => {
  it('prices a charge begun at 16:30 and ended at 17:30 Oslo (winter) at the 16:30 prices throughout', () => {
    const s = chargedAcross(new Date('2026-01-12T15:30:00Z'), 60);
    expect(s.tariff.perKwhOre).toBe(390);
    expect(s.state).toBe('settling');
    expect(s.priced?.lines.map((l) => [l.kind, l.unitPriceOre])).toEqual([['energy', 390]]);
    const energyWh = s.priced?.lines[0]?.quantity ?? 0;
    expect(energyWh).toBeGreaterThan(9_000);
    expect(s.priced?.totalOre).toBe(Math.round((energyWh * 390) / 1000));
  });

  it('and a charge begun in the evening period keeps its prices, start fee included, after 21:00', () => {
    const s = chargedAcross(new Date('2026-06-15T18:45:00Z'), 60); // 20:45 CEST
    expect(s.priced?.lines.map((l) => [l.kind, l.unitPriceOre])).toEqual([
      ['energy', 590],
      ['start_fee', 1000],
    ]);
  });
});
