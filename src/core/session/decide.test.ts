import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aTariff } from '../../../test/support/tariff-builder.ts';
import { decide } from './decide.ts';
import { newSession } from './new-session.ts';
import type { Session } from './session.ts';
import type { SessionInput, SessionPolicy } from './session-input.ts';

const policy: SessionPolicy = { startWindowSeconds: 180, stationSilenceSeconds: 900, meterIntervalSeconds: 10 };
const t0 = new Date('2026-11-26T10:00:00.000Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const iso = (s: number) => at(s).toISOString();

function aSession(overrides: Partial<Session> = {}): Session {
  const { session } = newSession(
    {
      id: 's1',
      token: 'tok',
      reference: 'ladepay-s1',
      idTag: 'LPTAG1',
      remoteStartId: 7,
      stationId: 'CP-1',
      connectorNo: 1,
      connectorId: 'CP-1-1',
      tariff: aTariff({ perKwhOre: 500, startFeeOre: 0, perHourOre: 0 }),
      // A megawatt connector: these tests are about the state machine; the
      // physics of the meter has its own (meter-evidence.test.ts).
      maxPowerW: 1_000_000,
      maxAmountOre: 35_000,
      paymentMethod: 'WALLET',
    },
    t0,
  );
  return { ...session, ...overrides };
}


// Runs a list of inputs, each at its own time, and returns the end state and every command.
function run(s: Session, steps: Array<[number, SessionInput]>) {
  const commands: string[] = [];
  for (const [sec, input] of steps) {
    const d = decide(s, input, at(sec), policy);
    if (d.changed) {
      s = d.session;
      commands.push(...d.commands.map((c) => ('amountOre' in c ? `${c.type}:${c.amountOre}` : c.type)));
    }
  }
  return { s, commands };
}

const authorized: SessionInput = { type: 'payment_confirmed', state: 'AUTHORIZED', authorizedOre: 35_000 };
const started: SessionInput = { type: 'transaction_started', transactionId: '42', meterStartWh: 1_000_000, at: iso(30) };

describe('session state machine', () => {
  it('creates the payment first', () => {
    const n = newSession({ ...aSession(), maxPowerW: 1_000_000, paymentMethod: 'WALLET' }, t0);
    expect(n.session.state).toBe('awaiting_payment');
    expect(n.commands).toEqual([{ type: 'create_payment' }]);
  });

  it.each([
    ['CREATED', 'awaiting_payment', []],
    ['AUTHORIZED', 'starting', ['remote_start']],
    ['ABORTED', 'payment_failed', []],
    ['EXPIRED', 'payment_failed', []],
    ['TERMINATED', 'payment_failed', []],
  ] as const)('a confirmed payment %s leads to %s', (state, expected, commands) => {
    const d = decide(aSession(), { type: 'payment_confirmed', state, authorizedOre: state === 'AUTHORIZED' ? 35_000 : 0 }, t0, policy);
    const s = d.changed ? d.session : aSession();
    expect(s.state).toBe(expected);
    expect(d.changed ? d.commands.map((c) => c.type) : []).toEqual(commands);
  });

  it('never starts charging without a confirmed authorization (invariant 1)', () => {
    // A transaction reported before the payment was confirmed changes nothing.
    expect(decide(aSession(), started, t0, policy).changed).toBe(false);
    // Only payment_confirmed AUTHORIZED produces a remote start.
    const inputs: SessionInput[] = [
      { type: 'payment_created', redirectUrl: 'https://x' },
      { type: 'car_plugged_in' },
      { type: 'tick' },
      { type: 'meter', at: iso(1), energyRegisterWh: 5 },
    ];
    for (const input of inputs) {
      const d = decide(aSession(), input, t0, policy);
      expect(d.changed && d.commands.some((c) => c.type === 'remote_start')).toBe(false);
    }
  });

  it('runs the happy path: authorize, start, meter, driver stop, end, capture, release, receipt', () => {
    const { s, commands } = run(aSession(), [
      [5, authorized],
      [10, { type: 'remote_start_answered', attempt: 1, outcome: 'accepted', carPluggedIn: true }],
      [30, started],
      [40, { type: 'meter', at: iso(40), energyRegisterWh: 1_002_000, powerW: 11_000, socPercent: 40 }],
      [50, { type: 'stop_requested', source: 'driver' }],
      [55, { type: 'transaction_ended', at: iso(55), meterStopWh: 1_002_500, reason: 'remote' }],
      [56, { type: 'capture_answered', ok: true, capturedOre: 1250 }],
      [57, { type: 'cancel_answered', ok: true, cancelledOre: 33_750 }],
      [58, { type: 'receipt_answered', ok: true }],
    ]);
    expect(commands).toEqual(['remote_start', 'remote_stop', 'capture:1250', 'cancel', 'send_receipt']);
    expect(s.state).toBe('settled');
    expect(s.priced?.totalOre).toBe(1250); // 2.5 kWh × 5 kr
    expect(s.capturedOre + s.cancelledOre).toBe(s.authorizedOre);
    expect(s.receipt).toBe('sent');
    expect(s.stopSource).toBe('driver');
  });

  it('shows the final cost on a station that shows prices, once, when the bill is made beside the capture', () => {
    const steps: Array<[number, SessionInput]> = [
      [5, authorized],
      [30, started],
      [40, { type: 'meter', at: iso(40), energyRegisterWh: 1_002_000, powerW: 11_000 }],
      [55, { type: 'transaction_ended', at: iso(55), meterStopWh: 1_002_500, reason: 'local' }],
      [56, { type: 'transaction_ended', at: iso(55), meterStopWh: 1_002_500, reason: 'local' }],
      [57, { type: 'capture_answered', ok: true, capturedOre: 1250 }],
      [58, { type: 'cancel_answered', ok: true, cancelledOre: 33_750 }],
    ];
    expect(run(aSession({ priceOnScreen: true }), steps).commands).toEqual(['remote_start', 'capture:1250', 'show_final_cost', 'cancel', 'send_receipt']);
    expect(run(aSession(), steps).commands).toEqual(['remote_start', 'capture:1250', 'cancel', 'send_receipt']);
    // Settled by Ladepay (the station silent): shown too, if the station comes back in time.
    const silent = run(aSession({ priceOnScreen: true }), [steps[0]!, steps[1]!, steps[2]!, [40 + 901, { type: 'tick' }]]);
    expect(silent.commands).toEqual(['remote_start', 'remote_stop', 'capture:1000', 'show_final_cost']);
    // No transaction, nothing to show it for.
    expect(run(aSession({ priceOnScreen: true }), [[5, authorized], [200, { type: 'tick' }]]).commands).toEqual(['remote_start', 'cancel', 'check_connector']);
  });

  it('releases everything and captures nothing when no energy flowed', () => {
    const { s, commands } = run(aSession({ tariff: aTariff({ perKwhOre: 500, startFeeOre: 1000 }) }), [
      [5, authorized],
      [30, started],
      [60, { type: 'transaction_ended', at: iso(60), meterStopWh: 1_000_000, reason: 'local' }],
      [61, { type: 'cancel_answered', ok: true, cancelledOre: 35_000 }],
    ]);
    expect(commands).toEqual(['remote_start', 'cancel']);
    expect(s.state).toBe('settled');
    expect(s.capturedOre).toBe(0);
    expect(s.receipt).toBe('none');
  });

  it('waits for the car when the station refuses for lack of one, then starts on plug-in', () => {
    const { s, commands } = run(aSession(), [
      [5, authorized],
      [6, { type: 'remote_start_answered', attempt: 1, outcome: 'rejected', carPluggedIn: false }],
      [60, { type: 'car_plugged_in' }],
      [61, { type: 'remote_start_answered', attempt: 2, outcome: 'accepted', carPluggedIn: true }],
      [70, started],
    ]);
    expect(commands).toEqual(['remote_start', 'remote_start']);
    expect(s.state).toBe('charging');
  });

  it('fails the start and releases it all when a station with a car plugged in refuses', () => {
    const { s, commands } = run(aSession(), [
      [5, authorized],
      [6, { type: 'remote_start_answered', attempt: 1, outcome: 'rejected', carPluggedIn: true }],
    ]);
    expect(s.state).toBe('start_failed');
    expect(s.failure).toBe('station_refused');
    expect(commands).toEqual(['remote_start', 'cancel', 'check_connector']);
  });

  it('gives up after the start window and releases the reservation', () => {
    const early = run(aSession(), [[5, authorized], [184, { type: 'tick' }]]);
    expect(early.s.state).toBe('starting');
    const late = run(aSession(), [[5, authorized], [185, { type: 'tick' }]]);
    expect(late.s.state).toBe('start_failed');
    expect(late.s.failure).toBe('start_timeout');
    expect(late.commands).toEqual(['remote_start', 'cancel', 'check_connector']);
  });

  it('holds the connector for an unapproved payment only for the unpaid hold, then cancels it at Vipps', () => {
    const early = run(aSession(), [[179, { type: 'tick' }]]);
    expect(early.s.state).toBe('awaiting_payment');
    const late = run(aSession(), [[180, { type: 'tick' }]]);
    expect(late.s.state).toBe('payment_failed');
    expect(late.s.failure).toBe('expired');
    expect(late.commands).toEqual(['cancel']);
    // An approval seen after that starts nothing: the cancel releases it.
    expect(run(late.s, [[181, authorized]]).commands).toEqual([]);
    const shorter = decide(aSession(), { type: 'tick' }, at(60), { ...policy, unpaidHoldSeconds: 60 });
    expect(shorter.changed && shorter.session.state).toBe('payment_failed');
  });

  it('ends a session whose payment could not be made, cancelling by reference in case it was made after all', () => {
    const { s, commands } = run(aSession(), [[1, { type: 'payment_create_failed', reason: 'unavailable:503' }]]);
    expect(s.state).toBe('payment_failed');
    expect(s.failure).toBe('payment_not_created');
    expect(commands).toEqual(['cancel']);
  });

  it('stops a transaction that starts after the session gave up, and bills nothing for it', () => {
    const { s, commands } = run(aSession(), [[5, authorized], [185, { type: 'tick' }], [200, started]]);
    expect(s.state).toBe('start_failed');
    expect(commands).toEqual(['remote_start', 'cancel', 'check_connector', 'remote_stop']);
  });

  it('stops the charge with the cost guard before the maximum (invariant 3)', () => {
    // 5 kr/kWh, max 350 kr: 70 kWh would be the maximum; margin 7 kr; 500 Wh per 10 s is 180 kW.
    let s = run(aSession(), [[5, authorized], [30, started]]).s;
    let stoppedAt: number | undefined;
    for (let wh = 0; wh <= 70_000 && stoppedAt === undefined; wh += 500) {
      const d = decide(s, { type: 'meter', at: iso(40 + wh / 50), energyRegisterWh: 1_000_000 + wh, powerW: 180_000 }, at(40 + wh / 50), policy);
      if (d.changed) {
        s = d.session;
        if (d.commands.some((c) => c.type === 'remote_stop')) stoppedAt = wh;
      }
    }
    expect(s.state).toBe('stopping');
    expect(s.stopSource).toBe('cost_guard');
    expect(stoppedAt).toBeDefined();
    expect(stoppedAt!).toBeLessThan(70_000);
    // At the stop the price is within max − margin, and one more interval of
    // energy (what flows while the stop travels) still stays within the max.
    expect(stoppedAt! / 2).toBeLessThanOrEqual(35_000 - 700);
    expect((stoppedAt! + 500) / 2).toBeLessThanOrEqual(35_000);
  });

  it('never captures more than was authorized (invariant 2), even after a meter jump', () => {
    const { s, commands } = run(aSession(), [
      [5, authorized],
      [30, started],
      [90_000, { type: 'transaction_ended', at: iso(90_000), meterStopWh: 1_500_000, reason: 'power_loss' }],
    ]);
    expect(commands).toEqual(['remote_start', 'capture:35000']);
    expect(s.priced?.totalOre).toBe(35_000);
    expect(s.flags).toContain('capped_at_maximum');
  });

  it('settles on the last meter value when the station stays silent, and keeps a late stop apart', () => {
    const { s, commands } = run(aSession(), [
      [5, authorized],
      [30, started],
      [40, { type: 'meter', at: iso(40), energyRegisterWh: 1_001_000, powerW: 11_000 }],
      [939, { type: 'tick' }],
      [940, { type: 'tick' }],
      [941, { type: 'capture_answered', ok: true, capturedOre: 500 }],
      [3000, { type: 'transaction_ended', at: iso(100), meterStopWh: 1_001_200, reason: 'power_loss' }],
    ]);
    // Settling without the station's stop also tells the station to stop (invariant 9).
    expect(commands).toEqual(['remote_start', 'remote_stop', 'capture:500', 'cancel']);
    expect(s.flags).toEqual(expect.arrayContaining(['settled_on_last_meter', 'late_stop_after_settlement']));
    expect(s.stopOwed).toBe(false);
    expect(s.capturedOre).toBe(500);
  });

  it.each([
    ['no reading at the start: the first register is the start', undefined, [12_000_000, 12_001_500], 12_000_000, 1500],
    ['a reading at the start: it stays the start', 11_999_000, [12_000_000, 12_001_500], 11_999_000, 2500],
    ['no reading at the start, none since: nothing billed', undefined, [], undefined, 0],
  ] as const)('%s', (_name, meterStartWh, registers, expectedStart, expectedWh) => {
    const begin: SessionInput = { type: 'transaction_started', transactionId: 'tx-1', meterStartWh, at: iso(30) };
    const { s } = run(aSession(), [
      [5, authorized],
      [30, begin],
      ...registers.map((wh, i): [number, SessionInput] => [40 + i * 10, { type: 'meter', at: iso(40 + i * 10), energyRegisterWh: wh }]),
      [100, { type: 'transaction_ended', at: iso(100), reason: 'remote' }],
    ]);
    expect(s.meterStartWh).toBe(expectedStart);
    expect(s.priced?.lines.find((l) => l.kind === 'energy')?.quantity ?? 0).toBe(expectedWh);
  });

  it('ignores meter values older than the last one', () => {
    const s = run(aSession(), [[5, authorized], [30, started], [50, { type: 'meter', at: iso(50), energyRegisterWh: 1_003_000 }]]).s;
    const d = decide(s, { type: 'meter', at: iso(45), energyRegisterWh: 1_002_000 }, at(60), policy);
    expect(d.changed).toBe(false);
  });

  it('releases on a stop before approval', () => {
    const { s, commands } = run(aSession(), [[5, { type: 'stop_requested', source: 'driver' }]]);
    expect(s.state).toBe('payment_failed');
    expect(commands).toEqual(['cancel']);
  });

  it('changes nothing when any input arrives a second time (invariant 6)', () => {
    const inputs: Array<[number, SessionInput]> = [
      [1, { type: 'payment_created', redirectUrl: 'https://vipps/x' }],
      [5, authorized],
      [10, { type: 'remote_start_answered', attempt: 1, outcome: 'accepted', carPluggedIn: true }],
      [30, started],
      [40, { type: 'meter', at: iso(40), energyRegisterWh: 1_002_000, powerW: 11_000 }],
      [50, { type: 'stop_requested', source: 'driver' }],
      [55, { type: 'transaction_ended', at: iso(55), meterStopWh: 1_002_500, reason: 'remote' }],
      [56, { type: 'capture_answered', ok: true, capturedOre: 1250 }],
      [57, { type: 'cancel_answered', ok: true, cancelledOre: 33_750 }],
      [58, { type: 'receipt_answered', ok: true }],
    ];
    let s = aSession();
    for (const [sec, input] of inputs) {
      const first = decide(s, input, at(sec), policy);
      if (first.changed) s = first.session;
      const second = decide(s, input, at(sec + 1), policy);
      expect(second.changed, `${input.type} twice`).toBe(false);
    }
  });

  it('holds captured ≤ authorized and captured + released ≤ authorized for any meter readings', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 1, maxLength: 30 }), (readings) => {
        let { s } = run(aSession(), [[5, authorized], [30, started]]);
        readings.forEach((r, i) => {
          const d = decide(s, { type: 'meter', at: iso(40 + i * 10), energyRegisterWh: 1_000_000 + r, powerW: 22_000 }, at(40 + i * 10), policy);
          if (d.changed) s = d.session;
        });
        const end = decide(s, { type: 'transaction_ended', at: iso(1000), reason: 'remote' }, at(1000), policy);
        if (end.changed) s = end.session;
        expect(s.priced?.totalOre ?? 0).toBeLessThanOrEqual(s.authorizedOre);
      }),
    );
  });

  it('gives the start up when a car is plugged in after the start window, before the tick came', () => {
    const waiting = run(aSession(), [[1, authorized], [2, { type: 'remote_start_answered', attempt: 1, outcome: 'rejected', carPluggedIn: false }]]).s;
    expect(waiting.waitingForCar).toBe(true);
    const late = decide(waiting, { type: 'car_plugged_in' }, at(1 + 180), policy);
    expect(late.changed && late.session).toMatchObject({ state: 'start_failed', failure: 'start_timeout' });
    expect(late.changed && late.commands.map((c) => c.type)).not.toContain('remote_start');
    const inTime = decide(waiting, { type: 'car_plugged_in' }, at(170), policy);
    expect(inTime.changed && inTime.commands.map((c) => c.type)).toContain('remote_start');
  });
});
