import { describe, expect, it } from 'vitest';
import { aTariff } from '../../../test/support/tariff-builder.ts';
import type { Tariff } from '../tariff.ts';
import { decide } from './decide.ts';
import { newSession } from './new-session.ts';
import type { Session } from './session.ts';
import type { SessionInput, SessionPolicy } from './session-input.ts';

const policy: SessionPolicy = { startWindowSeconds: 180, stationSilenceSeconds: 900, meterIntervalSeconds: 10 };
const t0 = Date.parse('2026-11-26T10:00:00.000Z');
const iso = (s: number) => new Date(t0 + s * 1000).toISOString();

// A session that has charged and is about to end; its meter already holds
// whatever the case needs (how it got there is meter-evidence.test.ts's business).
function ending(o: { tariff?: Tariff; meterStartWh: number; meterLastWh: number }): Session {
  const { session } = newSession(
    {
      id: 's1',
      token: 'tok',
      reference: 'lp-s1',
      idTag: 'TAG',
      remoteStartId: 1,
      stationId: 'CP-1',
      connectorNo: 1,
      connectorId: 'CP-1-1',
      tariff: o.tariff ?? aTariff({ perKwhOre: 500 }),
      maxPowerW: 50_000,
      maxAmountOre: 35_000,
      paymentMethod: 'WALLET',
    },
    new Date(t0),
  );
  return {
    ...session,
    state: 'charging',
    authorizedOre: 35_000,
    authorizedAt: iso(0),
    transactionId: 'tx',
    meterStartWh: o.meterStartWh,
    meterLastWh: o.meterLastWh,
    chargingStartedAt: iso(10),
    lastMeterAt: iso(3600),
  };
}

function run(s: Session, steps: Array<[number, SessionInput]>) {
  const commands: string[] = [];
  const outcomes: string[] = [];
  for (const [sec, input] of steps) {
    const d = decide(s, input, new Date(t0 + sec * 1000), policy);
    if (d.changed) {
      s = d.session;
      commands.push(...d.commands.map((c) => ('amountOre' in c ? `${c.type}:${c.amountOre}` : c.type)));
      outcomes.push(d.events.map((e) => e.type).join('+'));
    } else {
      outcomes.push(`unchanged:${d.reason}`);
    }
  }
  return { s, commands, outcomes };
}

const ended: [number, SessionInput] = [3700, { type: 'transaction_ended', at: iso(3700), reason: 'remote' }];

describe('a session that cannot be priced', () => {
  it.each([
    ['a register past what pricing takes (a lifetime register taken for the start)', {}, 0, 12_000_000, 'invalid_usage:energyWh:too_large'],
    ['a stored tariff that is not one (kroner typed where øre were meant)', { tariff: aTariff({ perKwhOre: 4.99 }) }, 1_000_000, 1_010_000, 'invalid_tariff:perKwhOre:not_integer'],
  ])('%s waits for an operator: no capture, no release, the reservation held', (_name, extra, meterStartWh, meterLastWh, failure) => {
    const { s, commands, outcomes } = run(ending({ ...extra, meterStartWh, meterLastWh }), [ended, [99_999, { type: 'tick' }]]);
    expect(s.state).toBe('needs_review');
    expect(commands).toEqual([]);
    expect(outcomes).toEqual(['charging_ended+pricing_failed', 'unchanged:nothing due']);
    expect(s.review).toEqual({ failure, openedAt: iso(3700) });
    expect(s.priced).toBeUndefined();
    expect(s.capturedOre + s.cancelledOre).toBe(0);
  });

  it('settled without the station (silence) and unpriceable: held for review, and the station is still told to stop', () => {
    const s0 = { ...ending({ tariff: aTariff({ perKwhOre: 4.99 }), meterStartWh: 1_000_000, meterLastWh: 1_010_000 }), lastHeardAt: iso(3600) };
    const { s, commands } = run(s0, [[3600 + 901, { type: 'tick' }]]);
    expect(s.state).toBe('needs_review');
    expect(commands).toEqual(['remote_stop']);
    expect(s.stopOwed).toBe(true);
  });

  it('is captured as the operator decides, with one line that says so, then released and receipted as usual', () => {
    const { s, commands, outcomes } = run(ending({ meterStartWh: 0, meterLastWh: 12_000_000 }), [
      ended,
      [4000, { type: 'review_resolved', action: 'capture', amountOre: 36_000, reason: 'meter photo' }],
      [4001, { type: 'review_resolved', action: 'capture', amountOre: 5000, reason: 'x' }],
      [4002, { type: 'review_resolved', action: 'capture', amountOre: 5000, reason: 'Register read on site: 10 kWh' }],
      [4003, { type: 'review_resolved', action: 'release', reason: 'second thoughts' }],
      [4004, { type: 'capture_answered', ok: true, capturedOre: 5000 }],
      [4005, { type: 'cancel_answered', ok: true, cancelledOre: 30_000 }],
    ]);
    expect(outcomes.slice(1, 4)).toEqual(['unchanged:more_than_authorized', 'unchanged:reason_required', 'review_resolved']);
    expect(outcomes[4]).toBe('unchanged:nothing to review in settling');
    expect(commands).toEqual(['capture:5000', 'cancel', 'send_receipt']);
    expect(s.state).toBe('settled');
    expect(s.priced?.lines.map((l) => [l.kind, l.amountOre, l.vatOre])).toEqual([['set_by_operator', 5000, 1000]]);
    expect(s.review?.decision).toEqual({ action: 'capture', amountOre: 5000, reason: 'Register read on site: 10 kWh', at: iso(4002) });
  });

  it('is released in full when the operator so decides, with no bill and no receipt', () => {
    const { s, commands } = run(ending({ meterStartWh: 0, meterLastWh: 12_000_000 }), [
      ended,
      [4000, { type: 'review_resolved', action: 'release', reason: 'Cannot tell what was delivered' }],
      [4001, { type: 'cancel_answered', ok: true, cancelledOre: 35_000 }],
    ]);
    expect(commands).toEqual(['cancel']);
    expect(s.state).toBe('settled');
    expect(s.priced).toEqual({ lines: [], totalOre: 0, vatOre: 0, netOre: 0 });
    expect(s.receipt).toBe('none');
  });

  it('cannot be resolved before it needs review', () => {
    const { outcomes } = run(ending({ meterStartWh: 1_000_000, meterLastWh: 1_001_000 }), [
      [100, { type: 'review_resolved', action: 'release', reason: 'too early' }],
    ]);
    expect(outcomes).toEqual(['unchanged:nothing to review in charging']);
  });
});

describe('refund answers', () => {
  it('keep the highest total Vipps reported, whatever order two answers arrive in', () => {
    const settled = { ...ending({ meterStartWh: 0, meterLastWh: 0 }), state: 'settled' as const, capturedOre: 5000 };
    const { s, outcomes } = run(settled, [
      [1, { type: 'refund_answered', ok: true, refundedOre: 2000, reason: 'b' }],
      [2, { type: 'refund_answered', ok: true, refundedOre: 1000, reason: 'a' }],
      [3, { type: 'refund_answered', ok: true, refundedOre: 2000, reason: 'b' }],
    ]);
    expect(s.refundedOre).toBe(2000);
    expect(outcomes).toEqual(['refunded', 'unchanged:duplicate', 'unchanged:duplicate']);
  });
});
