import { describe, expect, it } from 'vitest';
import { aTariff } from '../../../test/support/tariff-builder.ts';
import { decide } from './decide.ts';
import { newSession } from './new-session.ts';
import type { Session } from './session.ts';
import type { SessionInput, SessionPolicy } from './session-input.ts';

// The idle fee after the charge (docs/pricing.md): 5 kr/kWh, 1 kr a minute
// after 30 minutes, at most 100 kr; 350 kr authorized.
const policy: SessionPolicy = { startWindowSeconds: 180, stationSilenceSeconds: 900, meterIntervalSeconds: 10 };
const t0 = new Date('2026-11-26T10:00:00.000Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const iso = (s: number) => at(s).toISOString();
const idleTariff = aTariff({ perKwhOre: 500, idlePerMinuteOre: 100, idleGraceMinutes: 30, idleCapOre: 10_000 });
const END = 710; // the station ends the transaction on the driver's stop
const min = (m: number) => END + m * 60;

function aSession(tariff = idleTariff): Session {
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
      tariff,
      maxPowerW: 1_000_000,
      maxAmountOre: 35_000,
      paymentMethod: 'WALLET',
    },
    t0,
  ).session;
}

const label = (c: { type: string; amountOre?: number }) => (c.amountOre !== undefined ? `${c.type}:${c.amountOre}` : c.type);

function run(s: Session, steps: Array<[number, SessionInput]>) {
  const commands: string[] = [];
  const unchanged: string[] = [];
  for (const [sec, input] of steps) {
    const d = decide(s, input, at(sec), policy);
    if (d.changed) {
      s = d.session;
      commands.push(...d.commands.filter((c) => c.type !== 'remote_start').map(label));
    } else {
      unchanged.push(input.type);
    }
  }
  return { s, commands, unchanged };
}

const ended = (reason: 'remote' | 'ev_disconnected' | 'local' = 'remote'): SessionInput => ({
  type: 'transaction_ended',
  at: iso(END),
  meterStopWh: 1_010_000,
  reason,
});

// 10 kWh (50 kr), then the driver's stop; the station ends the transaction at END.
const charged: Array<[number, SessionInput]> = [
  [0, { type: 'payment_confirmed', state: 'AUTHORIZED', authorizedOre: 35_000 }],
  [30, { type: 'transaction_started', transactionId: '42', meterStartWh: 1_000_000, at: iso(30) }],
  [600, { type: 'meter', at: iso(600), energyRegisterWh: 1_010_000, powerW: 11_000 }],
  [700, { type: 'stop_requested', source: 'driver' }],
  [END, ended()],
];

const unplugged = (sec: number): [number, SessionInput] => [sec, { type: 'car_unplugged', at: iso(sec) }];
const captured = (sec: number, ore: number): [number, SessionInput] => [sec, { type: 'capture_answered', ok: true, capturedOre: ore }];
const released = (sec: number, ore: number): [number, SessionInput] => [sec, { type: 'cancel_answered', ok: true, cancelledOre: ore }];

describe('the idle fee after the charge', () => {
  it('captures the energy when the charge ends and keeps the rest reserved while the car stays plugged in', () => {
    const r = run(aSession(), [...charged, captured(END + 2, 5_000)]);
    expect(r.s.state).toBe('idling');
    expect(r.commands).toEqual(['remote_stop', 'capture:5000']);
    expect(r.s.energyBill?.totalOre).toBe(5_000);
    expect(r.s.energyBill?.lines.map((l) => l.kind)).toEqual(['energy']);
    expect(r.s.capturedOre).toBe(5_000);
    expect(r.s.cancelledOre).toBe(0);
    expect(r.s.idleFrom).toBe(iso(END));
    expect(r.s.idleUntil).toBe(iso(min(130))); // 30 min grace + 100 kr at 1 kr/min
    expect(r.s.priced).toBeUndefined();
  });

  it('captures the idle fee when the car is unplugged, then releases the rest and sends the receipt', () => {
    const r = run(aSession(), [...charged, captured(END + 2, 5_000), unplugged(min(75)), captured(min(75) + 2, 9_500), released(min(75) + 3, 25_500)]);
    expect(r.commands).toEqual(['remote_stop', 'capture:5000', 'capture_idle:4500', 'cancel', 'send_receipt']);
    expect(r.s.state).toBe('settled');
    expect(r.s.priced?.lines.map((l) => [l.kind, l.quantity, l.amountOre])).toEqual([
      ['energy', 10_000, 5_000],
      ['idle', 45, 4_500],
    ]);
    expect(r.s.priced?.totalOre).toBe(9_500);
    expect(r.s.capturedOre).toBe(9_500);
    expect(r.s.unpluggedAt).toBe(iso(min(75)));
    expect(r.s.receipt).toBe('pending');
  });

  it('counts every started minute after the grace', () => {
    const r = run(aSession(), [...charged, captured(END + 2, 5_000), unplugged(min(30) + 1)]);
    expect(r.commands.at(-1)).toBe('capture_idle:100');
  });

  it('charges no idle fee for an unplug within the grace, and releases the rest at once', () => {
    const r = run(aSession(), [...charged, captured(END + 2, 5_000), unplugged(min(20))]);
    expect(r.commands).toEqual(['remote_stop', 'capture:5000', 'cancel']);
    expect(r.s.state).toBe('settling');
    expect(r.s.priced?.lines.map((l) => [l.kind, l.quantity, l.amountOre])).toEqual([
      ['energy', 10_000, 5_000],
      ['idle', 0, 0],
    ]);
  });

  it('waits for the energy capture before releasing, when the car left before it was answered', () => {
    const r = run(aSession(), [...charged, unplugged(END + 1)]);
    expect(r.commands).toEqual(['remote_stop', 'capture:5000']);
    expect(r.s.state).toBe('settling');
    const answered = run(r.s, [captured(END + 2, 5_000), released(END + 3, 30_000)]);
    expect(answered.commands).toEqual(['cancel', 'send_receipt']);
    expect(answered.s.state).toBe('settled');
  });

  it('releases only when both captures are in, whichever answer comes first', () => {
    const r = run(aSession(), [...charged, unplugged(min(75)), captured(min(75) + 1, 9_500), captured(min(75) + 2, 5_000)]);
    expect(r.commands).toEqual(['remote_stop', 'capture:5000', 'capture_idle:4500', 'cancel']);
    expect(r.s.capturedOre).toBe(9_500);
    expect(r.unchanged).toEqual(['capture_answered']);
  });

  it('stops the fee at its cap', () => {
    const r = run(aSession(), [...charged, captured(END + 2, 5_000), unplugged(min(300))]);
    expect(r.commands.at(-1)).toBe('capture_idle:10000');
    expect(r.s.priced?.totalOre).toBe(15_000);
    expect(r.s.unpluggedAt).toBe(iso(min(130)));
  });

  it('ends the wait at the cap when the station never reports the unplug', () => {
    const waiting = run(aSession(), [...charged, captured(END + 2, 5_000), [min(129), { type: 'tick' }]]);
    expect(waiting.s.state).toBe('idling');
    expect(waiting.unchanged).toEqual(['tick']);
    const r = run(waiting.s, [[min(130), { type: 'tick' }], [min(131), { type: 'tick' }], unplugged(min(140))]);
    expect(r.commands).toEqual(['capture_idle:10000']);
    expect(r.s.state).toBe('settling');
    expect(r.s.flags).toContain('unplug_not_reported');
    expect(r.unchanged).toEqual(['tick', 'car_unplugged']);
  });

  it('ignores a repeated unplug, a repeated capture answer and a repeated end of the transaction', () => {
    const r = run(aSession(), [...charged, [END + 1, ended()], captured(END + 2, 5_000), captured(END + 3, 5_000), unplugged(min(75)), unplugged(min(76)), [min(77), ended()]]);
    expect(r.commands).toEqual(['remote_stop', 'capture:5000', 'capture_idle:4500']);
    expect(r.unchanged).toEqual(['transaction_ended', 'capture_answered', 'car_unplugged', 'transaction_ended']);
  });

  it('takes an unplug stamped before the end of the transaction as no idle time', () => {
    const r = run(aSession(), [...charged, captured(END + 2, 5_000), unplugged(END - 60)]);
    expect(r.s.priced?.lines.find((l) => l.kind === 'idle')?.quantity).toBe(0);
    expect(r.commands.at(-1)).toBe('cancel');
  });

  it('counts idle time from when the car stopped drawing power', () => {
    const full: Array<[number, SessionInput]> = [
      ...charged.slice(0, 3),
      [610, { type: 'meter', at: iso(610), energyRegisterWh: 1_010_000, powerW: 0 }],
      [700, { type: 'stop_requested', source: 'driver' }],
      [END, ended()],
    ];
    const r = run(aSession(), full);
    expect(r.s.idleFrom).toBe(iso(610));
    const done = run(r.s, [captured(END + 2, 5_000), unplugged(610 + 31 * 60)]);
    expect(done.commands).toEqual(['capture_idle:100']);
  });

  it('does not wait when the station ended the transaction on the unplug', () => {
    const r = run(aSession(), [...charged.slice(0, 4), [END, ended('ev_disconnected')]]);
    expect(r.s.state).toBe('settling');
    expect(r.commands).toEqual(['remote_stop', 'capture:5000']);
  });

  it('does not wait when the connector showed no car before the station ended the transaction', () => {
    const r = run(aSession(), [...charged.slice(0, 4), [705, { type: 'transaction_lost', signal: 'connector_available', at: iso(705) }], [END, ended()]]);
    expect(r.s.state).toBe('settling');
  });

  it('settles a tariff without an idle fee exactly as before', () => {
    const r = run(aSession(aTariff({ perKwhOre: 500 })), [...charged, unplugged(min(75)), [min(200), { type: 'tick' }]]);
    expect(r.s.state).toBe('settling');
    expect(r.commands).toEqual(['remote_stop', 'capture:5000']);
    expect(r.s.energyBill).toBeUndefined();
    expect(r.unchanged).toEqual(['car_unplugged', 'tick']);
  });

  it('charges nothing and waits for nothing when no energy was delivered', () => {
    const r = run(aSession(), [...charged.slice(0, 2), [700, { type: 'stop_requested', source: 'driver' }], [END, { type: 'transaction_ended', at: iso(END), meterStopWh: 1_000_000, reason: 'remote' }]]);
    expect(r.s.state).toBe('settling');
    expect(r.commands).toEqual(['remote_stop', 'cancel']);
  });
});
