import { describe, expect, it } from 'vitest';
import { aTariff } from '../../../test/support/tariff-builder.ts';
import { decide, STATION_COST_TOLERANCE_ORE } from './decide.ts';
import { newSession } from './new-session.ts';
import type { Session } from './session.ts';
import type { SessionInput, SessionPolicy } from './session-input.ts';

// A station that prices the charge itself (OCPP 2.1 costDetails): its sum is
// compared with the bill, never billed.

const policy: SessionPolicy = { startWindowSeconds: 180, stationSilenceSeconds: 900, meterIntervalSeconds: 10 };
const t0 = new Date('2026-12-07T10:00:00.000Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const iso = (s: number) => at(s).toISOString();

function charging(): Session {
  let s = newSession(
    {
      id: 's1',
      token: 'tok',
      reference: 'ladepay-s1',
      idTag: 'TAG',
      remoteStartId: 7,
      stationId: 'CP-21',
      connectorNo: 1,
      connectorId: 'CP-21-1',
      tariff: aTariff({ perKwhOre: 500, startFeeOre: 0, perHourOre: 0 }),
      maxPowerW: 1_000_000,
      maxAmountOre: 35_000,
      paymentMethod: 'WALLET',
    },
    t0,
  ).session;
  const steps: Array<[number, SessionInput]> = [
    [5, { type: 'payment_confirmed', state: 'AUTHORIZED', authorizedOre: 35_000 }],
    [30, { type: 'transaction_started', transactionId: 'tx-1', meterStartWh: 1_000_000, at: iso(30) }],
    [40, { type: 'meter', at: iso(40), energyRegisterWh: 1_002_000, powerW: 11_000 }],
  ];
  for (const [sec, input] of steps) {
    const d = decide(s, input, at(sec), policy);
    if (d.changed) s = d.session;
  }
  return s;
}

// 2 kWh at 5 kr/kWh: a bill of 10 kr.
function endWith(stationCostOre: number | undefined) {
  const d = decide(charging(), { type: 'transaction_ended', at: iso(50), meterStopWh: 1_002_000, reason: 'remote', stationCostOre }, at(50), policy);
  if (!d.changed) throw new Error(d.reason);
  return d;
}

describe('the cost a station works out itself', () => {
  it('within a krone of the bill changes nothing', () => {
    const d = endWith(1_000 + STATION_COST_TOLERANCE_ORE);
    expect(d.session.priced?.totalOre).toBe(1_000);
    expect(d.session.flags).not.toContain('station_cost_differs');
  });

  it('further off is flagged with both sums, and the bill stands', () => {
    const d = endWith(1_250);
    expect(d.session.priced?.totalOre).toBe(1_000);
    expect(d.commands).toEqual([{ type: 'capture', amountOre: 1_000 }]);
    expect(d.session.flags).toContain('station_cost_differs');
    expect(d.events).toContainEqual({ type: 'station_cost_differs', data: { stationOre: 1_250, billedOre: 1_000 } });
  });

  it('is not asked of a station that does not price', () => {
    expect(endWith(undefined).session.flags).not.toContain('station_cost_differs');
  });
});
