import { describe, expect, it } from 'vitest';
import { aTariff } from '../../../test/support/tariff-builder.ts';
import { decide } from './decide.ts';
import { newSession } from './new-session.ts';
import type { Session } from './session.ts';
import type { SessionInput, SessionPolicy } from './session-input.ts';

// The meter as evidence, through the state machine: a 50 kW connector, 5 kr/kWh.
const policy: SessionPolicy = { startWindowSeconds: 180, stationSilenceSeconds: 900, meterIntervalSeconds: 10 };
const t0 = Date.parse('2026-11-26T10:00:00.000Z');
const iso = (s: number) => new Date(t0 + s * 1000).toISOString();
const START = 12_000_000; // a lifetime register

function charging(overrides: Partial<Session> = {}): Session {
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
      tariff: aTariff({ perKwhOre: 500 }),
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
    meterStartWh: START,
    meterLastWh: START,
    chargingStartedAt: iso(10),
    lastMeterAt: iso(10),
    ...overrides,
  };
}

const meter = (sec: number, energyRegisterWh?: number): SessionInput => ({ type: 'meter', at: iso(sec), energyRegisterWh, powerW: 40_000 });

// Each input at its own Ladepay time (the station's stamp, unless given).
function feed(s: Session, steps: Array<[SessionInput, number?]>) {
  const events: string[] = [];
  for (const [input, nowSec] of steps) {
    const d = decide(s, input, new Date(t0 + (nowSec ?? ('at' in input ? (Date.parse(input.at) - t0) / 1000 : 0)) * 1000), policy);
    if (d.changed) {
      s = d.session;
      events.push(...d.events.map((e) => e.type));
    } else {
      events.push(`unchanged:${d.reason}`);
    }
  }
  return { s, events };
}

describe('meter values weighed against physics', () => {
  it('bills a glitch of 150 kWh in 10 s not at all, flags it, and judges the next reading against the last good one', () => {
    const { s, events } = feed(charging(), [[meter(20, START + 100)], [meter(30, START + 150_100)], [meter(40, START + 300)]]);
    expect(events).toEqual(['meter', 'implausible_meter', 'meter']);
    expect(s.meterLastWh).toBe(START + 300);
    expect(s.flags).toContain('implausible_meter');
    expect(s.meterRejections).toEqual([
      { source: 'meter', registerWh: START + 150_100, stationAt: iso(30), receivedAt: iso(30), reason: 'too_much_energy', limitWh: START + 100 + 190 },
    ]);
    expect(s.meterRejectedCount).toBe(1);
    expect(s.lastMeterAt).toBe(iso(40));
  });

  it('does not bill a register that goes backwards', () => {
    const { s, events } = feed(charging(), [[meter(20, START + 100)], [meter(30, START + 50)]]);
    expect(events).toEqual(['meter', 'implausible_meter']);
    expect(s.meterLastWh).toBe(START + 100);
    expect(s.meterRejections?.[0]?.reason).toBe('backwards');
  });

  it('does not let a clock far in the future widen the window, nor hide the readings after it', () => {
    // Stamped an hour ahead of Ladepay: 50 kWh would fit an hour at 50 kW.
    const { s, events } = feed(charging(), [[meter(3620, START + 50_000), 20], [meter(30, START + 200)]]);
    expect(events).toEqual(['implausible_meter', 'meter']);
    expect(s.meterRejections?.[0]).toMatchObject({ reason: 'in_the_future', stationAt: iso(3620), receivedAt: iso(20) });
    expect(s.meterLastWh).toBe(START + 200);
    expect(s.lastMeterAt).toBe(iso(30));
  });

  it('does not let a start stamped long before the payment buy the time in between', () => {
    // The station says the transaction began a day before the payment was authorized.
    const { s, events } = feed(charging({ chargingStartedAt: iso(-86_400), lastMeterAt: iso(-86_400) }), [[meter(20, START + 400_000)], [meter(30, START + 1200)]]);
    expect(events).toEqual(['implausible_meter', 'meter']);
    expect(s.meterLastWh).toBe(START + 1200);
  });

  it('records the same implausible reading once, however often it is sent', () => {
    const { s, events } = feed(charging(), [[meter(30, START + 150_000)], [meter(30, START + 150_000)]]);
    expect(events).toEqual(['implausible_meter', 'unchanged:duplicate']);
    expect(s.meterRejectedCount).toBe(1);
  });

  it('keeps only the latest rejections on the session, and counts them all', () => {
    const steps = Array.from({ length: 14 }, (_, i): [SessionInput] => [meter(20 + i, START + 1_000_000 + i)]);
    const { s } = feed(charging(), steps);
    expect(s.meterRejections).toHaveLength(10);
    expect(s.meterRejections?.at(-1)?.registerWh).toBe(START + 1_000_013);
    expect(s.meterRejectedCount).toBe(14);
  });

  it('takes the first reading as the start when the transaction began without one', () => {
    const { s } = feed(charging({ meterStartWh: undefined, meterLastWh: undefined }), [[meter(20, START)], [meter(30, START + 150)]]);
    expect(s.meterStartWh).toBe(START);
    expect(s.meterLastWh).toBe(START + 150);
    expect(s.flags).not.toContain('implausible_meter');
  });

  it('drops a sample older than the last one without flagging it', () => {
    const { events } = feed(charging(), [[meter(30, START + 300)], [meter(25, START + 200)]]);
    expect(events).toEqual(['meter', 'unchanged:older than the last sample']);
  });
});

describe('the end of a transaction weighed the same way', () => {
  const end = (sec: number, meterStopWh?: number): SessionInput => ({ type: 'transaction_ended', at: iso(sec), meterStopWh, reason: 'remote' });

  it('prices an absurd stop register on the last plausible reading, and flags it', () => {
    const { s, events } = feed(charging(), [[meter(20, START + 100)], [end(30, START + 150_000)]]);
    expect(events).toEqual(['meter', 'charging_ended', 'implausible_meter', 'priced']);
    expect(s.meterLastWh).toBe(START + 100);
    expect(s.priced?.totalOre).toBe(50); // 100 Wh at 5 kr/kWh
    expect(s.meterRejections?.[0]).toMatchObject({ source: 'stop', reason: 'too_much_energy', registerWh: START + 150_000 });
  });

  it('takes a plausible stop register', () => {
    const { s } = feed(charging(), [[meter(20, START + 100)], [end(30, START + 250)]]);
    expect(s.meterLastWh).toBe(START + 250);
    expect(s.flags).not.toContain('implausible_meter');
  });

  it('ends at Ladepay’s time when the station stamps the end far in the future', () => {
    const { s } = feed(charging(), [[meter(20, START + 100)], [end(7200, START + 150), 40]]);
    expect(s.endedAt).toBe(iso(40));
    expect(s.meterLastWh).toBe(START + 100);
    expect(s.meterRejections?.[0]?.reason).toBe('in_the_future');
  });
});
