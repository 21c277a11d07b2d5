import { describe, expect, it } from 'vitest';
import { aTariff } from '../../../test/support/tariff-builder.ts';
import { decide } from './decide.ts';
import { newSession } from './new-session.ts';
import type { SessionPolicy } from './session-input.ts';

const policy: SessionPolicy = { startWindowSeconds: 180, stationSilenceSeconds: 900, meterIntervalSeconds: 10 };
const t0 = new Date('2026-11-26T10:00:00.000Z');

function awaitingPayment() {
  return newSession(
    {
      id: 's1',
      token: 'tok',
      reference: 'ladepay-s1',
      idTag: 'LPTAG1',
      remoteStartId: 7,
      stationId: 'CP-1',
      connectorNo: 1,
      connectorId: 'CP-1-1',
      tariff: aTariff({ perKwhOre: 500 }),
      maxPowerW: 50_000,
      maxAmountOre: 35_000,
      paymentMethod: 'WALLET',
    },
    t0,
  ).session;
}

// A payment nobody approved yet, given up: the session names who gave it up,
// and whatever may be reserved is released at Vipps either way.
describe('a stop while the payment awaits approval', () => {
  it.each([
    ['operator', 'cancelled_by_operator'],
    ['driver', 'cancelled_by_driver'],
  ] as const)('from the %s ends the payment as %s, cancelled at Vipps', (source, failure) => {
    const d = decide(awaitingPayment(), { type: 'stop_requested', source }, new Date(t0.getTime() + 30_000), policy);
    expect(d.changed).toBe(true);
    if (!d.changed) return;
    expect(d.session).toMatchObject({ state: 'payment_failed', failure, stopSource: source, endedAt: '2026-11-26T10:00:30.000Z' });
    expect(d.commands).toEqual([{ type: 'cancel' }]);
  });
});
