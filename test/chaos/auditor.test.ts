import { describe, expect, it } from 'vitest';
import { registerAt } from '../../chaos/audit/meter-truth.ts';
import { onePaymentPerVisit, othersRefused, startAfterAuthorizedGet, stationStoppedAfterSettlement, terminalInTime } from '../../chaos/audit/flow-checks.ts';
import { captureMatchesMeter, oneCapture, receiptMatchesCapture, refundOnce } from '../../chaos/audit/money-checks.ts';
import { chaosCaptureOre, chaosPriceOre } from '../../chaos/chaos-tariff.ts';
import type { TxTruth } from '../../chaos/session-truth.ts';
import { aPlan, aSession, aTx, MIN, START_WH, T0, whAt } from './session-facts-builder.ts';

// The auditor's checks on made-up sessions: each passes the session that keeps
// the rule and fails the one that breaks it (a check that cannot fail is worthless).

const price = (minutes: number) => chaosPriceOre(whAt(minutes) - START_WH);

describe('chaos tariff, priced apart from Ladepay', () => {
  it.each([
    [0, 0],
    [1, 491], // 0.649 øre rounds to 1, plus the 4.90 kr start fee
    [500, 325 + 490], // 324.5 rounds half up
    [3666, 2379 + 490],
  ])('%d Wh costs %d øre', (wh, ore) => {
    expect(chaosPriceOre(wh)).toBe(ore);
  });

  it('never captures more than was authorized', () => {
    expect(chaosCaptureOre(1_000_000, 10_000)).toBe(10_000);
  });
});

describe('the meter truth', () => {
  it('bounds the register between the points around a moment', () => {
    const tx = aTx();
    expect(registerAt(tx, T0 + 7_500)).toEqual({ lo: whAt(5 / 60), hi: whAt(10 / 60) });
    expect(registerAt(tx, T0 + 5_000)).toEqual({ lo: whAt(5 / 60), hi: whAt(5 / 60) });
    expect(registerAt(tx, T0 + 60 * MIN)).toEqual({ lo: whAt(10), hi: whAt(10) });
  });
});

describe('capture = price of the energy', () => {
  it('holds a session stopped by its station to the øre', () => {
    expect(captureMatchesMeter.run(aSession({ capturedOre: price(10) }))).toEqual({ ok: true });
    expect(captureMatchesMeter.run(aSession({ capturedOre: price(10) + 1 }))?.ok).toBe(false);
  });

  it('counts the stop as the station’s though Ladepay stamped its decision a world-clock granule before the stop was sent', () => {
    const tx = aTx();
    const granuleBefore = (tx.endAt as number) - 30; // one real millisecond at time scale 30
    expect(captureMatchesMeter.run(aSession({ tx, decidedAt: granuleBefore, ladepayEvents: ['charging_ended'], capturedOre: price(10) }))).toEqual({ ok: true });
    // The harness noted the stop as sent a little after the station stamped it.
    const noted = aTx();
    const stop = noted.messages.find((m) => m.action === 'stop')!;
    stop.sentAt += 150;
    expect(captureMatchesMeter.run(aSession({ tx: noted, decidedAt: (noted.endAt as number) + 30, ladepayEvents: ['charging_ended'], capturedOre: price(10) }))).toEqual({ ok: true });
    // Settled by the operator, whose remote stop the station answered at once: the stop came after.
    expect(captureMatchesMeter.run(aSession({ tx, decidedAt: granuleBefore, ladepayEvents: ['settled_by_operator', 'late_stop'], capturedOre: price(9) }))).toEqual({ ok: true });
    expect(captureMatchesMeter.run(aSession({ tx, decidedAt: granuleBefore, ladepayEvents: ['settled_by_operator', 'late_stop'], capturedOre: price(10) }))?.ok).toBe(false);
  });

  it('bills a stop the station queued while away, sent after Ladepay settled on silence, on the last reading Ladepay had', () => {
    const tx = aTx();
    // Away from minute 5: its later readings and its stop (stamped at minute 10) arrive at minute 20.
    for (const m of tx.messages.filter((x) => x.sentAt > T0 + 5 * MIN)) {
      m.sentAt += 20 * MIN - (m.sentAt - T0);
      m.answeredAt = m.sentAt + 100;
    }
    const decidedAt = T0 + 12 * MIN;
    const late = { tx, decidedAt, ladepayEvents: ['settled_on_last_meter', 'late_stop'] };
    expect(captureMatchesMeter.run(aSession({ ...late, capturedOre: price(5) }))).toEqual({ ok: true });
    expect(captureMatchesMeter.run(aSession({ ...late, capturedOre: price(10) }))?.ok).toBe(false);
  });

  it('takes a stop in flight when Ladepay decided as deciding it only where Ladepay says it ended on it', () => {
    const tx = aTx();
    const stop = tx.messages.find((m) => m.action === 'stop')!;
    stop.answeredAt = stop.sentAt + 8_000; // handled slowly
    const decidedAt = stop.sentAt + 2_000;
    // Settled on an end signal's grace while the stop was on its way: the last reading Ladepay had.
    const settledFirst = { tx, decidedAt, ladepayEvents: ['settled_on_station_rebooted', 'late_stop'] };
    expect(captureMatchesMeter.run(aSession({ ...settledFirst, capturedOre: price(9) }))).toEqual({ ok: true });
    expect(captureMatchesMeter.run(aSession({ ...settledFirst, capturedOre: price(8) }))?.ok).toBe(false);
    // Ended on it: its end register.
    expect(captureMatchesMeter.run(aSession({ tx, decidedAt, ladepayEvents: ['charging_ended'], capturedOre: price(10) }))).toEqual({ ok: true });
  });

  it('does not let a glitching reading be billed', () => {
    const tx = aTx();
    tx.messages.splice(5, 0, { action: 'meter', sentAt: T0 + 5 * MIN + 1, answeredAt: T0 + 5 * MIN + 50, readings: [{ at: T0 + 5 * MIN, wh: whAt(5) + 150_000, context: 'Sample.Periodic' }] });
    expect(captureMatchesMeter.run(aSession({ tx, capturedOre: 20_000 }))?.ok).toBe(false);
    expect(captureMatchesMeter.run(aSession({ tx, capturedOre: price(10) }))).toEqual({ ok: true });
  });

  it('bills a session settled without its stop on the last reading Ladepay had, not one sent later', () => {
    const tx = aTx(10, { forgotten: true, endReason: 'PowerLoss' });
    tx.messages = tx.messages.filter((m) => m.action !== 'stop');
    const decidedAt = T0 + 25 * MIN;
    expect(captureMatchesMeter.run(aSession({ tx, decidedAt, capturedOre: price(9) }))).toEqual({ ok: true });
    expect(captureMatchesMeter.run(aSession({ tx, decidedAt, capturedOre: price(10) }))?.ok).toBe(false);
    // Decided while the minute-8 reading was on its way: it may or may not have counted; minute 9 may not.
    const racing = T0 + 8 * MIN + 50;
    expect(captureMatchesMeter.run(aSession({ tx, decidedAt: racing, capturedOre: price(7) }))).toEqual({ ok: true });
    expect(captureMatchesMeter.run(aSession({ tx, decidedAt: racing, capturedOre: price(8) }))).toEqual({ ok: true });
    expect(captureMatchesMeter.run(aSession({ tx, decidedAt: racing, capturedOre: price(9) }))?.ok).toBe(false);
  });

  it('bills to the end register of an offline station stopped at the station the moment the driver pressed Stop', () => {
    const tx = aTx(8, { endReason: 'Local' });
    const press = T0 + 8 * MIN - 100; // the station's own stop lands between the press and Ladepay's answer
    const truth = {
      linkDown: [[T0 + 4 * MIN + 1_000, T0 + 9 * MIN]] as Array<[number, number | null]>,
      presses: [{ kind: 'driver-stop' as const, sentAt: press, answeredAt: press + 200, status: 303 }],
      remoteStops: [],
    };
    expect(captureMatchesMeter.run(aSession({ tx, truth, capturedOre: price(8) }))).toEqual({ ok: true });
  });

  it('lets a reading taken between the driver’s tap and Ladepay’s answer count or not', () => {
    const tx = aTx(8, { endReason: 'Remote' });
    for (const m of tx.messages) {
      const at = m.readings[0]?.at ?? 0;
      if (m.action === 'meter' && at > T0 + 4 * MIN) Object.assign(m, { sentAt: T0 + 8 * MIN, answeredAt: T0 + 8 * MIN + 20 });
    }
    // The tap 30 s before the minute-5 reading, Ladepay's answer 30 s after it.
    const truth = {
      linkDown: [[T0 + 4 * MIN + 1_000, T0 + 8 * MIN]] as Array<[number, number | null]>,
      presses: [{ kind: 'driver-stop' as const, sentAt: T0 + 4.5 * MIN, answeredAt: T0 + 5.5 * MIN, status: 303 }],
      remoteStops: [{ at: T0 + 8 * MIN - 100, transactionId: '7', answer: 'Accepted' }],
    };
    expect(captureMatchesMeter.run(aSession({ tx, truth, capturedOre: price(4) }))).toEqual({ ok: true });
    expect(captureMatchesMeter.run(aSession({ tx, truth, capturedOre: price(5) }))).toEqual({ ok: true });
    expect(captureMatchesMeter.run(aSession({ tx, truth, capturedOre: price(6) }))?.ok).toBe(false);
  });

  it('holds a Stop tapped while the station was away, but taken by Ladepay after it was back, to the end register', () => {
    const tx = aTx(8, { endReason: 'Remote' });
    const taken = T0 + 8 * MIN - 500;
    const truth = {
      linkDown: [[T0 + 4 * MIN + 1_000, T0 + 8 * MIN - 1_000]] as Array<[number, number | null]>,
      presses: [{ kind: 'driver-stop' as const, sentAt: T0 + 8 * MIN - 20_000, answeredAt: T0 + 8 * MIN - 100, status: 303 }],
      remoteStops: [{ at: T0 + 8 * MIN - 200, transactionId: '7', answer: 'Accepted' }],
    };
    const ladepayEvents = [{ type: 'stop_requested', at: taken, source: 'driver' }];
    expect(captureMatchesMeter.run(aSession({ tx, truth, ladepayEvents, capturedOre: price(8) }))).toEqual({ ok: true });
    // Taken while the station was still away: the stop did not reach it then.
    const early = [{ type: 'stop_requested', at: T0 + 8 * MIN - 5_000, source: 'driver' }];
    expect(captureMatchesMeter.run(aSession({ tx, truth, ladepayEvents: early, capturedOre: price(8) }))?.ok).toBe(false);
    // Taken a handshake before the station saw its link up: either is right, nothing else.
    const asItCameBack = [{ type: 'stop_requested', at: T0 + 8 * MIN - 1_200, source: 'driver' }];
    expect(captureMatchesMeter.run(aSession({ tx, truth, ladepayEvents: asItCameBack, capturedOre: price(8) }))).toEqual({ ok: true });
    expect(captureMatchesMeter.run(aSession({ tx, truth, ladepayEvents: asItCameBack, capturedOre: price(7) }))).toEqual({ ok: true });
    expect(captureMatchesMeter.run(aSession({ tx, truth, ladepayEvents: asItCameBack, capturedOre: price(6) }))?.ok).toBe(false);
  });

  it('judges a Stop from when Ladepay took it, though its answer came after the station’s end', () => {
    const tx = aTx(8, { endReason: 'Remote' });
    for (const m of tx.messages) {
      const at = m.readings[0]?.at ?? 0;
      if (m.action === 'meter' && at > T0 + 4 * MIN) Object.assign(m, { sentAt: T0 + 8 * MIN - 900, answeredAt: T0 + 8 * MIN - 800 });
    }
    const truth = {
      linkDown: [[T0 + 4 * MIN + 1_000, T0 + 8 * MIN - 1_000]] as Array<[number, number | null]>,
      // Tapped while the station was away; the page's answer was slow.
      presses: [{ kind: 'driver-stop' as const, sentAt: T0 + 4.5 * MIN, answeredAt: T0 + 8 * MIN + 500, status: 303 }],
      remoteStops: [{ at: T0 + 8 * MIN - 200, transactionId: '7', answer: 'Accepted' }],
    };
    const ladepayEvents = [{ type: 'stop_requested', at: T0 + 4.5 * MIN + 100, source: 'driver' }];
    expect(captureMatchesMeter.run(aSession({ tx, truth, ladepayEvents, capturedOre: price(4) }))).toEqual({ ok: true });
    expect(captureMatchesMeter.run(aSession({ tx, truth, ladepayEvents, capturedOre: price(8) }))?.ok).toBe(false);
  });

  it('bills nothing after a Stop that never reached the station, though the station lost power soon after', () => {
    // Connected at the press, but the stop was not sent before the power went
    // at minute 6; the station forgot the transaction and never sent its stop.
    const tx = aTx(6, { endReason: 'PowerLoss', forgotten: true });
    tx.messages = tx.messages.filter((m) => m.action !== 'stop');
    const truth = {
      linkDown: [[T0 + 6 * MIN, T0 + 9 * MIN]] as Array<[number, number | null]>,
      presses: [{ kind: 'driver-stop' as const, sentAt: T0 + 4.5 * MIN, answeredAt: T0 + 4.5 * MIN + 200, status: 303 }],
      remoteStops: [{ at: T0 + 9 * MIN + 100, transactionId: '7', answer: 'Rejected' }],
    };
    const decidedAt = T0 + 9.5 * MIN;
    expect(captureMatchesMeter.run(aSession({ tx, truth, decidedAt, capturedOre: price(4) }))).toEqual({ ok: true });
    expect(captureMatchesMeter.run(aSession({ tx, truth, decidedAt, capturedOre: price(5) }))?.ok).toBe(false);
  });

  it('takes either bill where the station stopped the charge itself a while after a Stop it never got', () => {
    // Connected throughout; the remote stop never went out before the driver
    // stopped the car at the station, 3.5 minutes after pressing Stop.
    const tx = aTx(8, { endReason: 'Local' });
    const truth = {
      presses: [{ kind: 'driver-stop' as const, sentAt: T0 + 4.5 * MIN, answeredAt: T0 + 4.5 * MIN + 200, status: 303 }],
      remoteStops: [],
    };
    expect(captureMatchesMeter.run(aSession({ tx, truth, capturedOre: price(8) }))).toEqual({ ok: true });
    expect(captureMatchesMeter.run(aSession({ tx, truth, capturedOre: price(4) }))).toEqual({ ok: true });
    expect(captureMatchesMeter.run(aSession({ tx, truth, capturedOre: price(6) }))?.ok).toBe(false);
  });

  it('bills nothing after a Stop the offline station never received', () => {
    const tx = aTx(8, { endReason: 'Remote' });
    for (const m of tx.messages) {
      const at = m.readings[0]?.at ?? 0;
      if (m.action === 'meter' && at > T0 + 4 * MIN) Object.assign(m, { sentAt: T0 + 8 * MIN, answeredAt: T0 + 8 * MIN + 20 });
    }
    const truth = {
      linkDown: [[T0 + 4 * MIN + 1_000, T0 + 8 * MIN]] as Array<[number, number | null]>,
      presses: [{ kind: 'driver-stop' as const, sentAt: T0 + 4.5 * MIN, answeredAt: T0 + 4.5 * MIN + 200, status: 303 }],
      remoteStops: [{ at: T0 + 8 * MIN - 100, transactionId: '7', answer: 'Accepted' }],
    };
    expect(captureMatchesMeter.run(aSession({ tx, truth, capturedOre: price(8) }))?.ok).toBe(false);
    expect(captureMatchesMeter.run(aSession({ tx, truth, capturedOre: price(4) }))).toEqual({ ok: true });
  });
});

describe('no energy after settlement', () => {
  it('fails a station that charged on for half an hour after an operator settled the session', () => {
    const tx = aTx(40);
    expect(stationStoppedAfterSettlement.run(aSession({ tx, decidedAt: T0 + 10 * MIN }))?.ok).toBe(false);
  });

  it('passes a station stopped within a meter interval of the settlement', () => {
    const tx = aTx(11);
    expect(stationStoppedAfterSettlement.run(aSession({ tx, decidedAt: T0 + 10 * MIN }))).toEqual({ ok: true });
  });

  it('counts only the time the station was connected: one back for a moment may not have heard the stop', () => {
    // Away from minute 9; back for 12 s at minute 11; away again until minute 30.
    const truth = { linkDown: [[T0 + 9 * MIN, T0 + 11 * MIN], [T0 + 11.2 * MIN, T0 + 30 * MIN]] as Array<[number, number | null]> };
    // Reaction 5 min and a meter interval: connected 6 min in all, by minute 35.8.
    expect(stationStoppedAfterSettlement.run(aSession({ tx: aTx(33), truth, decidedAt: T0 + 10 * MIN }))).toEqual({ ok: true });
    expect(stationStoppedAfterSettlement.run(aSession({ tx: aTx(40), truth, decidedAt: T0 + 10 * MIN }))?.ok).toBe(false);
  });
});

describe('ended in time', () => {
  const forgotten = (): TxTruth => {
    const tx = aTx(10, { forgotten: true, endReason: 'Reboot' });
    tx.messages = tx.messages.filter((m) => m.action !== 'stop');
    return tx;
  };
  const truth = { boots: [T0 + 10.5 * MIN], statuses: [[T0 + 10.6 * MIN, 'Available']] as Array<[number, string]> };

  it('fails a session whose station lost the transaction and was settled only by the silence timeout', () => {
    expect(terminalInTime.run(aSession({ tx: forgotten(), truth, decidedAt: T0 + 24 * MIN }))?.ok).toBe(false);
  });

  it('passes it when settled within 60 s of the boot', () => {
    expect(terminalInTime.run(aSession({ tx: forgotten(), truth, decidedAt: T0 + 11.2 * MIN }))).toEqual({ ok: true });
  });

  it('fails a session Ladepay never finished', () => {
    expect(terminalInTime.run(aSession({ state: 'charging' }))?.ok).toBe(false);
  });
});

describe('the other checks', () => {
  it('fails a remote start with no AUTHORIZED GET before it', () => {
    const reads = [{ at: new Date(T0 + 5 * MIN).toISOString(), state: 'AUTHORIZED' }];
    expect(startAfterAuthorizedGet.run(aSession({ reads }))?.ok).toBe(false);
    expect(startAfterAuthorizedGet.run(aSession())).toEqual({ ok: true });
  });

  it('fails a refund submitted twice and paid twice', () => {
    const truth = { refunds: [{ amountOre: 500, key: 'k', statuses: [200, 200] }] };
    expect(refundOnce.run(aSession({ truth, capturedOre: 2_000, refundedOre: 1_000 }))?.ok).toBe(false);
    expect(refundOnce.run(aSession({ truth, capturedOre: 2_000, refundedOre: 500 }))).toEqual({ ok: true });
  });

  it('fails a receipt whose lines do not add up to the capture', () => {
    expect(receiptMatchesCapture.run(aSession({ capturedOre: price(10), receiptLines: [2_000, 800] }))?.ok).toBe(false);
    expect(receiptMatchesCapture.run(aSession({ capturedOre: price(10) }))).toEqual({ ok: true });
    // Capped at the maximum: the line that takes the rest off is a return, counted negative.
    expect(receiptMatchesCapture.run(aSession({ capturedOre: price(10), receiptLines: [price(10) + 700, -700] }))).toEqual({ ok: true });
    expect(receiptMatchesCapture.run(aSession({ capturedOre: price(10), receiptLines: [price(10) + 700, 700] }))?.ok).toBe(false);
  });

  it('fails two captures', () => {
    const facts = aSession({ capturedOre: 1_000 });
    const books = facts.books as NonNullable<typeof facts.books>;
    books.events = [...books.events, ...books.events];
    expect(oneCapture.run(facts)?.ok).toBe(false);
  });

  it('fails a hostile station told Accepted, and two payments for one visit', () => {
    const attack = { kind: 'authorize' as const, from: 'EVIL', at: T0, action: 'Authorize', tokenAccepted: true };
    expect(othersRefused.run(aSession({ truth: { attacks: [attack] } }))?.ok).toBe(false);
    expect(othersRefused.run(aSession({ truth: { attacks: [{ ...attack, tokenAccepted: false }] } }))).toEqual({ ok: true });
    const twice = { plan: aPlan({ payTwice: true }), redirects: ['http://vipps/phone/a', 'http://vipps/phone/b'] };
    expect(onePaymentPerVisit.run(aSession({ truth: twice }))?.ok).toBe(false);
  });
});
