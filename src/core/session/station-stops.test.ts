import { describe, expect, it } from 'vitest';
import { aTariff } from '../../../test/support/tariff-builder.ts';
import { decide } from './decide.ts';
import { newSession } from './new-session.ts';
import { energyUsedWh, type Session } from './session.ts';
import type { SessionCommand, SessionInput, SessionPolicy } from './session-input.ts';

// The state machine's side of "settling always ends the charge" and of the
// station that lost its transaction, through decide() itself.

const policy: SessionPolicy = { startWindowSeconds: 180, stationSilenceSeconds: 900, meterIntervalSeconds: 10 };
const t0 = new Date('2026-11-26T10:00:00.000Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const iso = (s: number) => at(s).toISOString();

function aSession(): Session {
  return newSession(
    {
      id: 's1',
      token: 'tok',
      reference: 'ladepay-s1',
      idTag: 'TAG',
      remoteStartId: 7,
      stationId: 'CP-1',
      connectorNo: 1,
      connectorId: 'CP-1-1',
      tariff: aTariff({ perKwhOre: 500, startFeeOre: 0, perHourOre: 0 }),
      // A megawatt connector: these tests are about stopping the station; the
      // physics of the meter has its own (meter-evidence.test.ts).
      maxPowerW: 1_000_000,
      maxAmountOre: 35_000,
      paymentMethod: 'WALLET',
    },
    t0,
  ).session;
}

const label = (c: SessionCommand) => ('amountOre' in c ? `${c.type}:${c.amountOre}` : 'attempt' in c ? `${c.type}#${c.attempt}` : c.type);

function run(s: Session, steps: Array<[number, SessionInput]>, p: SessionPolicy = policy) {
  const commands: string[] = [];
  const events: string[] = [];
  for (const [sec, input] of steps) {
    const d = decide(s, input, at(sec), p);
    if (d.changed) {
      s = d.session;
      commands.push(...d.commands.map(label));
      events.push(...d.events.map((e) => e.type));
    }
  }
  return { s, commands, events };
}

// Charging from 1 000 000 Wh, 2 kWh drawn by second 40.
const charging: Array<[number, SessionInput]> = [
  [5, { type: 'payment_confirmed', state: 'AUTHORIZED', authorizedOre: 35_000 }],
  [30, { type: 'transaction_started', transactionId: '42', meterStartWh: 1_000_000, at: iso(30) }],
  [40, { type: 'meter', at: iso(40), energyRegisterWh: 1_002_000, powerW: 11_000 }],
];
const chargingSession = () => run(aSession(), charging).s;
const after = (steps: Array<[number, SessionInput]>, s = chargingSession(), p = policy) => run(s, steps, p);

describe('settling always ends the charge', () => {
  it.each([
    ['the station stays silent', [[1000, { type: 'tick' }]], 'settled_on_last_meter'],
    ['the operator settles now', [[60, { type: 'settle_now' }]], 'settled_by_operator'],
    ['the station rebooted, and the grace ran out', [[50, { type: 'transaction_lost', signal: 'station_rebooted', at: iso(50) }], [71, { type: 'tick' }]], 'settled_on_station_rebooted'],
    ['the connector was reported free, and the grace ran out', [[50, { type: 'transaction_lost', signal: 'connector_available', at: iso(50) }], [71, { type: 'tick' }]], 'settled_on_connector_available'],
    ['asked, the station says the transaction is over', [[50, { type: 'transaction_lost', signal: 'status_query', at: iso(50) }]], 'settled_on_status_query'],
  ] as Array<[string, Array<[number, SessionInput]>, string]>)('%s: priced on the last reading, and a stop goes to the station', (_n, steps, flag) => {
    const { s, commands } = after(steps);
    expect(s.state).toBe('settling');
    expect(s.flags).toContain(flag);
    expect(commands.filter((c) => c.startsWith('remote_stop'))).toEqual(['remote_stop#1']);
    expect(commands).toContain('capture:1000'); // 2 kWh at 5 kr
    expect(s.stopOwed).toBe(true);
    expect(s.meterCapWh).toBe(1_002_000);
  });

  it('a transaction the station ended itself needs no stop', () => {
    const { s, commands } = after([[60, { type: 'transaction_ended', at: iso(60), meterStopWh: 1_002_500, reason: 'local' }]]);
    expect(commands).toEqual(['capture:1250']);
    expect(s.stopOwed).toBe(false);
  });

  it('a settled transaction that goes on charging is stopped at once, again after 30 s, and never billed', () => {
    const settled = after([[1000, { type: 'tick' }]]).s;
    const more = (sec: number, wh: number): [number, SessionInput] => [
      sec,
      { type: 'charging_after_settlement', at: iso(sec), energyRegisterWh: wh, signal: 'meter' },
    ];
    const { s, commands, events } = after([more(1010, 1_003_000), more(1020, 1_004_000), more(1041, 1_005_000)], settled);
    expect(commands).toEqual(['remote_stop#2', 'remote_stop#3']);
    expect(events.filter((e) => e === 'charging_after_settlement')).toHaveLength(2);
    expect(s.flags).toContain('charging_after_settlement');
    expect(s.chargedAfterSettlementWh).toBe(3000);
    expect(s.priced?.totalOre).toBe(settled.priced?.totalOre);
    expect(energyUsedWh(s)).toBe(2000);
  });

  it.each([
    ['a Charging status', 'status'],
    ['a TransactionEvent Updated', 'transaction_event'],
  ] as const)('%s for a settled transaction stops it too', (_n, signal) => {
    const settled = after([[60, { type: 'settle_now' }]]).s;
    const { commands } = after([[70, { type: 'charging_after_settlement', at: iso(70), signal }]], settled);
    expect(commands).toEqual(['remote_stop#2']);
  });

  it('the station’s own record of the transaction up to the settled register (1.6 transactionData) is no charging after settlement', () => {
    const settled = after([[60, { type: 'settle_now' }]]).s;
    const record: SessionInput = { type: 'charging_after_settlement', at: iso(40), energyRegisterWh: 1_002_000, signal: 'meter' };
    expect(decide(settled, record, at(61), policy).changed).toBe(false);
  });

  it('a reading replayed after the station’s own stop (its StopTransaction sent again) changes nothing', () => {
    const ended = after([[60, { type: 'transaction_ended', at: iso(60), meterStopWh: 1_002_500, reason: 'local' }]]).s;
    const replay: SessionInput = { type: 'charging_after_settlement', at: iso(60), energyRegisterWh: 1_002_500, signal: 'meter' };
    expect(decide(ended, replay, at(61), policy).changed).toBe(false);
  });

  it('a stop still owed is sent again when the station reconnects, each time under a new number, until the station ends it', () => {
    const settled = after([[1000, { type: 'tick' }]]).s;
    const { s, commands } = after(
      [
        [1100, { type: 'station_reconnected' }],
        [1200, { type: 'station_reconnected' }],
        [1300, { type: 'transaction_ended', at: iso(100), meterStopWh: 1_003_000, reason: 'remote' }],
        [1400, { type: 'station_reconnected' }],
      ],
      settled,
    );
    expect(commands).toEqual(['remote_stop#2', 'remote_stop#3']);
    expect(s.flags).toContain('late_stop_after_settlement');
    expect(s.priced?.totalOre).toBe(settled.priced?.totalOre);
  });

  it('a stop the station answers Rejected after settlement is no longer owed: it has no such transaction', () => {
    const settled = after([[60, { type: 'settle_now' }]]).s;
    const { s } = after([[61, { type: 'remote_stop_answered', outcome: 'rejected', attempt: 1 }], [62, { type: 'station_reconnected' }]], settled);
    expect(s.stopOwed).toBe(false);
  });
});

describe('strong end signals', () => {
  const boot: SessionInput = { type: 'transaction_lost', signal: 'station_rebooted', at: iso(50) };

  it('a signal asks the station and waits a grace for its own stop; a stop within the grace settles on its register', () => {
    const { s, commands } = after([
      [50, boot],
      [60, { type: 'tick' }],
      [62, { type: 'transaction_ended', at: iso(45), meterStopWh: 1_002_300, reason: 'reboot' }],
      [80, { type: 'tick' }],
    ]);
    expect(commands).toEqual(['query_transaction', 'capture:1150']);
    expect(s.flags).not.toContain('settled_on_station_rebooted');
  });

  it.each([
    ['a starting session (the start window covers it)', [charging[0]!], boot],
    ['a status older than the transaction', charging, { type: 'transaction_lost', signal: 'connector_available', at: iso(20) }],
  ] as Array<[string, Array<[number, SessionInput]>, SessionInput]>)('ignores %s', (_n, before, signal) => {
    const s = run(aSession(), before).s;
    expect(decide(s, signal, at(50), policy).changed).toBe(false);
  });

  it('an Available after the station’s own stop does not settle twice', () => {
    const ended = after([[60, { type: 'transaction_ended', at: iso(60), meterStopWh: 1_002_500, reason: 'ev_disconnected' }]]).s;
    const d = decide(ended, { type: 'transaction_lost', signal: 'connector_available', at: iso(61) }, at(61), policy);
    expect(d.changed).toBe(false);
  });

  it('the station saying the transaction goes on withdraws the signal', () => {
    const { s, commands } = after([[50, boot], [51, { type: 'transaction_confirmed' }], [80, { type: 'tick' }]]);
    expect(s.state).toBe('charging');
    expect(commands).toEqual(['query_transaction']);
  });

  it('a stop answered Rejected is a signal: settled after the grace', () => {
    const { s, commands } = after([
      [50, { type: 'stop_requested', source: 'driver' }],
      [51, { type: 'remote_stop_answered', outcome: 'rejected', attempt: 1 }],
      [71, { type: 'tick' }],
    ]);
    expect(s.state).toBe('settling');
    expect(s.flags).toContain('settled_on_stop_not_found');
    expect(commands).toEqual(['remote_stop#1', 'query_transaction', 'remote_stop#2', 'capture:1000']);
  });

  it('a late stop after such a settlement is recorded and moves no money', () => {
    const settled = after([[50, boot], [71, { type: 'tick' }]]).s;
    const { s, commands } = after([[90, { type: 'transaction_ended', at: iso(49), meterStopWh: 1_002_400, reason: 'power_loss' }]], settled);
    expect(commands).toEqual([]);
    expect(s.flags).toContain('late_stop_after_settlement');
    expect(s.priced?.totalOre).toBe(settled.priced?.totalOre);
  });
});

describe('a driver’s stop the station never got', () => {
  const pressed: Array<[number, SessionInput]> = [[50, { type: 'stop_requested', source: 'driver' }]];
  const laterReading: [number, SessionInput] = [60, { type: 'meter', at: iso(60), energyRegisterWh: 1_004_000, powerW: 11_000 }];
  const ended: [number, SessionInput] = [70, { type: 'transaction_ended', at: iso(70), meterStopWh: 1_005_000, reason: 'local' }];

  it.each([
    ['offline', false, 1000],
    ['timeout', false, 1000],
    ['error', false, 1000],
    ['offline', true, 2500],
  ] as const)('answered %s (bill after it: %s): captures %i', (outcome, bill, captured) => {
    const p = { ...policy, billEnergyAfterUndeliveredStop: bill };
    const { s } = after([...pressed, [51, { type: 'remote_stop_answered', outcome, attempt: 1 }], laterReading, ended], chargingSession(), p);
    expect(s.flags).toContain('stop_not_delivered');
    expect(s.priced?.totalOre).toBe(captured);
  });

  it('bills to the press when the station ends the charge itself long after it, the stop still unsent', () => {
    const reading: [number, SessionInput] = [100, { type: 'meter', at: iso(100), energyRegisterWh: 1_004_000, powerW: 11_000 }];
    const endAt = (t: number, reason: 'local' | 'remote'): [number, SessionInput] => [t, { type: 'transaction_ended', at: iso(t), meterStopWh: 1_005_000, reason }];
    const overtaken = after([...pressed, reading, endAt(200, 'local')]).s;
    expect(overtaken.flags).toContain('stop_not_delivered');
    expect(overtaken.priced?.totalOre).toBe(1000);
    // Within the time a stop takes to act, the station's end may be the stop's doing.
    expect(after([...pressed, endAt(90, 'local')]).s.priced?.totalOre).toBe(2500);
    // Ended on a remote stop: the stop reached it.
    expect(after([...pressed, reading, endAt(200, 'remote')]).s.priced?.totalOre).toBe(2500);
    // An operator who bills energy after an undelivered stop bills it here too.
    const p = { ...policy, billEnergyAfterUndeliveredStop: true };
    expect(after([...pressed, reading, endAt(200, 'local')], chargingSession(), p).s.priced?.totalOre).toBe(2500);
  });

  it('tells the page while undelivered, and stops telling once a retry gets through; the cap stays', () => {
    const first = after([...pressed, [51, { type: 'remote_stop_answered', outcome: 'offline', attempt: 1 }]]);
    expect(first.s.stopUndelivered).toBe(true);
    expect(first.s.meterCapWh).toBe(1_002_000);
    // The same answer again (the outbox retries) adds nothing.
    expect(decide(first.s, { type: 'remote_stop_answered', outcome: 'offline', attempt: 1 }, at(52), policy).changed).toBe(false);
    const later = after([[53, { type: 'remote_stop_answered', outcome: 'accepted', attempt: 1 }]], first.s);
    expect(later.s.stopUndelivered).toBeUndefined();
    expect(later.s.meterCapWh).toBe(1_002_000);
  });

  it('a reading taken before the press that arrives after it (queued while away) raises the cap; one after the press does not', () => {
    const queuedBefore: [number, SessionInput] = [55, { type: 'meter', at: iso(48), energyRegisterWh: 1_003_000, powerW: 11_000 }];
    const { s } = after([...pressed, [51, { type: 'remote_stop_answered', outcome: 'offline', attempt: 1 }], queuedBefore, laterReading, ended]);
    expect(s.meterAtStopWh).toBe(1_003_000);
    expect(s.meterCapWh).toBe(1_003_000);
    expect(s.priced?.totalOre).toBe(1500); // 3 kWh at 5 kr: up to the press, not to the station's end
  });

  it('a reading from before the press that arrives after a later one still raises the cap', () => {
    const later: [number, SessionInput] = [55, { type: 'meter', at: iso(60), energyRegisterWh: 1_004_000, powerW: 11_000 }];
    const older: [number, SessionInput] = [56, { type: 'meter', at: iso(48), energyRegisterWh: 1_003_000, powerW: 11_000 }];
    const { s } = after([...pressed, [51, { type: 'remote_stop_answered', outcome: 'offline', attempt: 1 }], later, older, ended]);
    expect(s.meterCapWh).toBe(1_003_000);
    expect(s.priced?.totalOre).toBe(1500);
    // One that does not fit between the start and the latest register is no evidence.
    const odd: [number, SessionInput] = [56, { type: 'meter', at: iso(48), energyRegisterWh: 1_009_000, powerW: 11_000 }];
    expect(after([...pressed, [51, { type: 'remote_stop_answered', outcome: 'offline', attempt: 1 }], later, odd, ended]).s.meterCapWh).toBe(1_002_000);
  });

  it('a station that reconnects before accepting the stop never got it when pressed: the bill stops at the press', () => {
    const reconnected: [number, SessionInput] = [55, { type: 'station_reconnected' }];
    const lateAccept: [number, SessionInput] = [65, { type: 'remote_stop_answered', outcome: 'accepted', attempt: 1 }];
    const { s, events } = after([...pressed, reconnected, laterReading, lateAccept, ended]);
    expect(events).toContain('stop_not_delivered');
    expect(s.flags).toContain('stop_not_delivered');
    expect(s.priced?.totalOre).toBe(1000); // 2 kWh, the register at the press
    // One the station accepted before it went away did reach it.
    const reached = after([...pressed, [51, { type: 'remote_stop_answered', outcome: 'accepted', attempt: 1 }], reconnected, laterReading, ended]);
    expect(reached.events).not.toContain('stop_not_delivered');
    expect(reached.s.priced?.totalOre).toBe(2500);
  });

  it('a stop accepted over a connection opened after the press never reached the station when pressed, whichever is handled first', () => {
    // Ladepay restarted (or the station came back) between the press and the
    // stop: the station charged on in between, and its reconnect may be
    // handled after the answer to the stop sent over the new connection.
    const acceptedAfterReconnect: [number, SessionInput] = [56, { type: 'remote_stop_answered', outcome: 'accepted', attempt: 1, connectedSince: iso(55) }];
    const { s, events } = after([...pressed, laterReading, acceptedAfterReconnect, [57, { type: 'station_reconnected' }], ended]);
    expect(events).toContain('stop_not_delivered');
    expect(s.priced?.totalOre).toBe(1000);
    // Over the connection the press was taken on, it reached the station.
    const sameConnection: [number, SessionInput] = [56, { type: 'remote_stop_answered', outcome: 'accepted', attempt: 1, connectedSince: iso(10) }];
    expect(after([...pressed, laterReading, sameConnection, ended]).s.priced?.totalOre).toBe(2500);
  });

  it('a stop Ladepay could not confirm, that the station’s own end shows it got, bills to the end register', () => {
    // Ladepay sent the stop and restarted before hearing the answer; the
    // station ended the transaction on it at once, and reconnected later.
    const endedOnIt: [number, SessionInput] = [70, { type: 'transaction_ended', at: iso(51), meterStopWh: 1_002_100, reason: 'remote' }];
    const reconnected: [number, SessionInput] = [65, { type: 'station_reconnected' }];
    const { s, events } = after([...pressed, reconnected, endedOnIt]);
    expect(events).toEqual(expect.arrayContaining(['stop_not_delivered', 'stop_reached_station']));
    expect(s.flags).not.toContain('stop_not_delivered');
    expect(s.priced?.totalOre).toBe(1050); // 2.1 kWh, the end register
    // The same after a lost answer.
    const timedOut: [number, SessionInput] = [51, { type: 'remote_stop_answered', outcome: 'timeout', attempt: 1 }];
    expect(after([...pressed, timedOut, endedOnIt]).s.priced?.totalOre).toBe(1050);
  });

  it('a stop that reached the station only over its new connection is billed to the press, though its reconnect was handled late', () => {
    // Pressed while the station was away; it came back at 52, Ladepay handled
    // that at 54, the stop sent over the new connection ended it at 53.
    const endedOnIt: [number, SessionInput] = [70, { type: 'transaction_ended', at: iso(53), meterStopWh: 1_005_000, reason: 'remote' }];
    const reconnected: [number, SessionInput] = [54, { type: 'station_reconnected', connectedAt: iso(52) }];
    expect(after([...pressed, reconnected, laterReading, endedOnIt]).s.priced?.totalOre).toBe(1000);
    // Its acceptance, over the connection that opened after the press, says the same.
    const lateReconnect: [number, SessionInput] = [54, { type: 'station_reconnected' }];
    const accepted: [number, SessionInput] = [55, { type: 'remote_stop_answered', outcome: 'accepted', attempt: 1, connectedSince: iso(52) }];
    expect(after([...pressed, lateReconnect, accepted, laterReading, endedOnIt]).s.priced?.totalOre).toBe(1000);
  });

  it('a station back before the press, whose reconnect is handled after it, got the stop: billed to its end', () => {
    const reconnected: [number, SessionInput] = [55, { type: 'station_reconnected', connectedAt: iso(49) }];
    const accepted: [number, SessionInput] = [56, { type: 'remote_stop_answered', outcome: 'accepted', attempt: 1, connectedSince: iso(49) }];
    const { s, events } = after([...pressed, reconnected, accepted, laterReading, ended]);
    expect(events).not.toContain('stop_not_delivered');
    expect(s.priced?.totalOre).toBe(2500);
  });

  it('a repeated stop refused after an earlier one was accepted does not make the stop undelivered', () => {
    const accepted: [number, SessionInput] = [51, { type: 'remote_stop_answered', outcome: 'accepted', attempt: 1 }];
    const refused: [number, SessionInput] = [65, { type: 'remote_stop_answered', outcome: 'rejected', attempt: 2 }];
    const { s, events } = after([...pressed, accepted, laterReading, refused, ended]);
    expect(events).not.toContain('stop_not_delivered');
    expect(s.priced?.totalOre).toBe(2500);
  });

  it('a stop sent before a restart, its answer lost, the retry finding the station away: the station’s end shows it got the first', () => {
    const offline: [number, SessionInput] = [300, { type: 'remote_stop_answered', outcome: 'offline', attempt: 1 }];
    const endedOnIt: [number, SessionInput] = [400, { type: 'transaction_ended', at: iso(54), meterStopWh: 1_002_200, reason: 'remote' }];
    const { s, events } = after([...pressed, offline, endedOnIt]);
    expect(events).toContain('stop_reached_station');
    expect(s.priced?.totalOre).toBe(1100);
  });

  it('a stop that went out long after the press, its answer lost to a restart: the station’s end soon after the send shows it got it', () => {
    // The outbox item ran 98 s after the press; Ladepay was killed before the
    // answer; after the restart the item ran again and found the station away.
    const sent: [number, SessionInput] = [148, { type: 'remote_stop_sending' }];
    const resent: [number, SessionInput] = [300, { type: 'remote_stop_sending' }];
    const offline: [number, SessionInput] = [300, { type: 'remote_stop_answered', outcome: 'offline', attempt: 1 }];
    const endedOnIt: [number, SessionInput] = [400, { type: 'transaction_ended', at: iso(149), meterStopWh: 1_002_200, reason: 'remote' }];
    const { s, events } = after([...pressed, sent, resent, offline, endedOnIt]);
    expect(events).toContain('stop_reached_station');
    expect(s.priced?.totalOre).toBe(1100);
    // Reconnected instead, before the retry ran: the same.
    const reconnected: [number, SessionInput] = [300, { type: 'station_reconnected', connectedAt: iso(290) }];
    expect(after([...pressed, sent, reconnected, endedOnIt]).s.priced?.totalOre).toBe(1100);
    // With no send recorded after the press, such an end is too late to show it.
    expect(after([...pressed, offline, endedOnIt]).s.priced?.totalOre).toBe(1000);
  });

  it.each([
    ['stamped after the station reconnected', { at: 66, reason: 'remote' }, [55, { type: 'station_reconnected' }]],
    ['ended at the station, not by the stop', { at: 51, reason: 'local' }, [55, { type: 'station_reconnected' }]],
    ['stamped long after the press', { at: 200, reason: 'remote' }, [51, { type: 'remote_stop_answered', outcome: 'timeout', attempt: 1 }]],
    ['stamped after the station was found not connected', { at: 52, reason: 'remote' }, [51, { type: 'remote_stop_answered', outcome: 'offline', attempt: 1 }]],
  ] as const)('an end %s does not show the stop reached the station: billed to the press', (_what, end, undelivered) => {
    const ended: [number, SessionInput] = [300, { type: 'transaction_ended', at: iso(end.at), meterStopWh: 1_005_000, reason: end.reason }];
    const { s, events } = after([...pressed, undelivered as [number, SessionInput], laterReading, ended]);
    expect(events).not.toContain('stop_reached_station');
    expect(s.priced?.totalOre).toBe(1000);
  });

  it('a driver who presses Stop while the operator’s stop has not reached the station is billed to the press', () => {
    const operator: [number, SessionInput] = [40, { type: 'stop_requested', source: 'operator' }];
    const offline: [number, SessionInput] = [41, { type: 'remote_stop_answered', outcome: 'offline', attempt: 1 }];
    const reading: [number, SessionInput] = [45, { type: 'meter', at: iso(45), energyRegisterWh: 1_002_500, powerW: 11_000 }];
    const { s, events, commands } = after([operator, offline, reading, ...pressed, laterReading, ended]);
    expect(events).toEqual(expect.arrayContaining(['stop_requested', 'stop_not_delivered']));
    expect(commands).toContain('remote_stop#2');
    expect(s.priced?.totalOre).toBe(1250); // 2.5 kWh, the register at the press
    // Pressed after the station accepted the operator's stop: that stop counts.
    const accepted: [number, SessionInput] = [41, { type: 'remote_stop_answered', outcome: 'accepted', attempt: 1 }];
    expect(after([operator, accepted, reading, ...pressed, laterReading, ended]).s.priced?.totalOre).toBe(2500);
  });

  it('a stop that reached the station bills to the station’s final register', () => {
    const { s } = after([...pressed, [51, { type: 'remote_stop_answered', outcome: 'accepted', attempt: 1 }], laterReading, ended]);
    expect(s.priced?.totalOre).toBe(2500);
  });
});
