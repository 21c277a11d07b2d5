import { wouldExceed } from '../cost-limit.ts';
import { rejectionEvent, weighEnd, weighReading } from './meter-evidence.ts';
import { energyUsedWh, isStopOwed, type EndSignal, type Session } from './session.ts';
import type { SessionCommand, SessionEvent, SessionInput, SessionPolicy } from './session-input.ts';
import { DEFAULT_UNPAID_HOLD_SECONDS } from './session-input.ts';
import { resolveReview } from './review.ts';
import { settle, usageAt } from './settlement.ts';
import { unchanged, type Decision, type Next, type Out } from './decision.ts';
import { stopReachedAfterAll } from './stop-reached.ts';
import { finishIdle, startIdle, waitsForUnplug } from './idle-wait.ts';
import { withFinalCost } from './final-cost.ts';
import { carDrawing, conditionDue, onConnectorStatus, pauseAfterReading, type DeciderActions } from './connector-conditions.ts';
import { ENDED_STATES, RUNNING_STATES, stateIn } from '../vocabulary/session-states.ts';
import type { StopSource } from '../vocabulary/stop-reasons.ts';
import {
  atPressRaised,
  olderAtPress,
  endSignalGraceMs,
  nextStop,
  onChargingAfterSettlement,
  onEndSignal,
  onRemoteStopAnswered,
  onDriverPressWhileStopping,
  onStationReconnected,
  onTransactionConfirmed,
  stopOvertakenByEnd,
} from './station-stops.ts';

export type { Decision } from './decision.ts';

// The session state machine: (session, input, now) → next session and the
// side effects to carry out. Pure: the shell reads the clock once and passes it.
// Anything that arrives twice, late or out of order yields `changed: false`.
export function decide(s: Session, input: SessionInput, now: Date, policy: SessionPolicy): Decision {
  return withFinalCost(s, decideInput(s, input, now, policy));
}

function decideInput(s: Session, input: SessionInput, now: Date, policy: SessionPolicy): Decision {
  const at = now.toISOString();
  const next = (patch: Partial<Session>, commands: SessionCommand[], events: SessionEvent[]): Out => ({
    changed: true,
    session: { ...s, ...patch, updatedAt: at },
    commands,
    events,
  });

  switch (input.type) {
    case 'payment_created':
      if (s.redirectUrl === input.redirectUrl) return unchanged('duplicate');
      return next({ redirectUrl: input.redirectUrl }, [], [{ type: 'payment_created', data: {} }]);

    case 'payment_create_failed':
      if (s.state !== 'awaiting_payment' || s.redirectUrl) return unchanged('not awaiting payment creation');
      // A creation whose answer was lost may still have made the payment: cancel by reference (a
      // payment that does not exist is answered "not found", and nothing is reserved).
      return next({ state: 'payment_failed', failure: 'payment_not_created', endedAt: at }, [{ type: 'cancel' }], [
        { type: 'payment_failed', data: { reason: input.reason } },
      ]);

    case 'payment_confirmed':
      return onPaymentConfirmed(s, input, at, policy, next);

    case 'remote_start_answered':
      if (s.state !== 'starting') return unchanged(`remote start answer in ${s.state}`);
      if (input.attempt <= s.remoteStartsAnswered) return unchanged('duplicate');
      {
        const answered = { remoteStartsAnswered: input.attempt };
        if (input.outcome === 'accepted') {
          return next({ ...answered, waitingForCar: false }, [], [{ type: 'remote_start_accepted', data: {} }]);
        }
        if (input.outcome === 'rejected' && input.carPluggedIn) {
          return startFailed({ ...s, ...answered }, 'station_refused', at, next);
        }
        if (input.outcome === 'rejected' || input.outcome === 'offline') {
          // No car yet (or the station is briefly away): wait for the plug-in
          // within the start window, then try once more.
          return next({ ...answered, waitingForCar: true }, [], [{ type: 'waiting_for_car', data: { outcome: input.outcome } }]);
        }
        return next(answered, [], [{ type: 'remote_start_unanswered', data: { outcome: input.outcome } }]);
      }

    case 'car_plugged_in':
      if (s.state !== 'starting' || !s.waitingForCar) return unchanged('not waiting for a car');
      // A car plugged in after the start window (its tick not yet run, say after a restart) is not this
      // driver's to charge: it may be the next driver's. The start gives up, as the tick would have.
      if (s.startDeadline && now.getTime() >= Date.parse(s.startDeadline)) return onStopRequested(s, 'start_timeout', at, policy, next);
      return next({ waitingForCar: false, remoteStartsSent: s.remoteStartsSent + 1 }, [
        { type: 'remote_start', attempt: s.remoteStartsSent + 1 },
      ], [{ type: 'car_plugged_in', data: {} }]);

    case 'transaction_started':
      return onTransactionStarted(s, input, at, next);

    case 'meter':
      return onMeter(s, input, at, policy, next);

    case 'stop_requested':
      return onStopRequested(s, input.source, at, policy, next);

    case 'remote_stop_sending':
      // When a stop really went out, which its outbox item may do long after
      // the press or again after a restart: an end the station stamped soon
      // after it shows the stop reached the station (stop-reached.ts).
      if (s.state !== 'stopping') return unchanged(`stop sent in ${s.state}`);
      return next({ lastStopSentAt: at }, [], []);

    case 'remote_stop_answered':
      return onRemoteStopAnswered(s, input, at, policy, next);

    case 'transaction_ended':
      return onTransactionEnded(s, input, at, policy, next);

    case 'transaction_lost':
      // Asked, the station said the transaction is over: nothing to wait for.
      if (input.signal === 'status_query') {
        if (!stateIn(RUNNING_STATES, s.state)) return unchanged(`transaction lost in ${s.state}`);
        return settleLost(s, 'status_query', at, next);
      }
      return onEndSignal(s, input, at, next);

    case 'transaction_confirmed':
      return onTransactionConfirmed(s, next);

    case 'station_reconnected':
      return onStationReconnected(s, at, input.connectedAt ?? at, policy, next);

    case 'charging_after_settlement':
      return onChargingAfterSettlement(s, input, now, next);

    case 'car_unplugged':
      if (s.state !== 'idling') return unchanged(`car unplugged in ${s.state}`);
      return finishIdle(s, input.at, [], next);

    case 'connector_status':
      return onConnectorStatus(s, input, at, actions(now, policy));

    case 'tick':
      return onTick(s, now, policy, next);

    case 'settle_now':
      if (!stateIn(RUNNING_STATES, s.state)) return unchanged(`nothing to settle in ${s.state}`);
      return settleNow(s, s.lastMeterAt ?? at, 'settled_by_operator', at, next);

    case 'capture_answered':
      if (s.state !== 'settling' && s.state !== 'idling') return unchanged(`capture answer in ${s.state}`);
      if (!input.ok) {
        return next({ captureFailed: input.reason }, [], [{ type: 'capture_failed', data: { reason: input.reason } }]);
      }
      if (s.energyBill) return afterPartCaptured(s, input.capturedOre, next);
      if (s.state !== 'settling') return unchanged(`capture answer in ${s.state}`);
      if (s.capturedOre === input.capturedOre && s.captureFailed === undefined) return unchanged('duplicate');
      return afterCapture(s, input.capturedOre, next);

    case 'cancel_answered':
      if (!input.ok) return next({}, [], [{ type: 'release_failed', data: { reason: input.reason } }]);
      if (s.cancelledOre === input.cancelledOre && s.cancelledOre > 0) return unchanged('duplicate');
      return afterCancel(s, input.cancelledOre, next);

    case 'receipt_answered': {
      const receipt = input.ok ? 'sent' : 'failed';
      if (s.receipt === receipt) return unchanged('duplicate');
      return next({ receipt }, [], [{ type: input.ok ? 'receipt_sent' : 'receipt_failed', data: {} }]);
    }

    case 'refund_answered':
      // Answers to two refunds may cross: the total Vipps reports only grows.
      if (input.refundedOre <= s.refundedOre) return unchanged('duplicate');
      return next({ refundedOre: input.refundedOre }, [], [
        { type: 'refunded', data: { refundedOre: input.refundedOre, reason: input.reason ?? '' } },
      ]);

    case 'review_resolved': {
      const r = resolveReview(s, input, at);
      return r.ok ? next(r.patch, r.commands, r.events) : unchanged(r.reason);
    }

    default: {
      const never: never = input;
      return unchanged(`unknown input ${JSON.stringify(never)}`);
    }
  }
}

function onPaymentConfirmed(
  s: Session,
  input: Extract<SessionInput, { type: 'payment_confirmed' }>,
  at: string,
  policy: SessionPolicy,
  next: Next,
): Decision {
  if (s.state !== 'awaiting_payment') return unchanged(`payment already settled in ${s.state}`);
  switch (input.state) {
    case 'CREATED':
      return unchanged('still waiting for approval');
    case 'AUTHORIZED':
      return next(
        {
          state: 'starting',
          authorizedOre: input.authorizedOre,
          authorizedAt: at,
          startDeadline: new Date(Date.parse(at) + policy.startWindowSeconds * 1000).toISOString(),
          remoteStartsSent: 1,
        },
        [{ type: 'remote_start', attempt: 1 }],
        [{ type: 'payment_authorized', data: { authorizedOre: input.authorizedOre } }],
      );
    case 'ABORTED':
    case 'EXPIRED':
    case 'TERMINATED': {
      const failure = input.state === 'ABORTED' ? 'rejected' : input.state === 'EXPIRED' ? 'expired' : 'cancelled';
      return next({ state: 'payment_failed', failure, endedAt: at }, [], [
        { type: 'payment_failed', data: { vippsState: input.state } },
      ]);
    }
  }
}

function onTransactionStarted(
  s: Session,
  input: Extract<SessionInput, { type: 'transaction_started' }>,
  at: string,
  next: Next,
): Decision {
  if (s.transactionId === input.transactionId) return unchanged('duplicate');
  if (s.state === 'starting') {
    return next(
      {
        state: 'charging',
        transactionId: input.transactionId,
        meterStartWh: input.meterStartWh,
        meterLastWh: input.meterStartWh,
        chargingStartedAt: input.at,
        lastMeterAt: input.at,
        lastHeardAt: at,
        waitingForCar: false,
      },
      [],
      [{ type: 'charging_started', data: { transactionId: input.transactionId, meterStartWh: input.meterStartWh } }],
    );
  }
  // A start that comes after the session gave up (or after the driver stopped
  // it) must not charge: stop it at the station. Nothing is billed for it.
  if (stateIn(ENDED_STATES, s.state)) {
    const late: Session = { ...s, transactionId: s.transactionId ?? input.transactionId };
    const stop = nextStop(late, at);
    return next({ transactionId: late.transactionId, flags: [...s.flags, 'late_start_stopped'], ...stop.patch }, [stop.command], [
      { type: 'late_start_stopped', data: { transactionId: input.transactionId } },
    ]);
  }
  return unchanged(`transaction start in ${s.state}`);
}

function onMeter(s: Session, input: Extract<SessionInput, { type: 'meter' }>, at: string, policy: SessionPolicy, next: Next): Decision {
  if (!stateIn(RUNNING_STATES, s.state)) return unchanged(`meter value in ${s.state}`);
  // Invariant 8: the meter is evidence, checked against physics.
  const weighed = weighReading(s, { at: input.at, registerWh: input.energyRegisterWh }, at, 'meter', s.lastMeterAt);
  if (weighed.verdict === 'stale') {
    // Out of order: not the latest reading, but it may still tell the register at the driver's press.
    const raised = olderAtPress(s, input.at, input.energyRegisterWh);
    return raised.meterAtStopWh === undefined ? unchanged('older than the last sample') : next(raised, [], []);
  }
  if (weighed.verdict === 'repeated') return unchanged('duplicate');
  if (weighed.verdict === 'rejected') {
    // Not billed, and nothing else in the sample is trusted: the meter stays on
    // the last plausible reading, the operator sees the raw one.
    return next({ ...weighed.patch, lastHeardAt: at }, [], [rejectionEvent(weighed.rejection)]);
  }
  const powerW = input.powerW ?? s.powerW;
  const drawing = powerW === undefined || powerW > 0;
  const patch: Partial<Session> = {
    ...weighed.patch,
    powerW,
    socPercent: input.socPercent ?? s.socPercent,
    lastMeterAt: input.at,
    lastHeardAt: at,
    ...carDrawing(s, drawing, input.at).patch,
    ...pauseAfterReading(s, weighed.patch.meterLastWh, at),
    ...atPressRaised(s, input.at, weighed.patch.meterLastWh),
  };
  const updated: Session = { ...s, ...patch };
  if (
    updated.meterStartWh === s.meterStartWh &&
    updated.meterLastWh === s.meterLastWh &&
    updated.powerW === s.powerW &&
    updated.socPercent === s.socPercent &&
    updated.lastMeterAt === s.lastMeterAt
  ) {
    return unchanged('duplicate');
  }
  const energyWh = energyUsedWh(updated);
  if (s.state === 'charging') {
    const usage = usageAt(updated, input.at);
    const lookAheadWh = Math.ceil(((powerW ?? 0) * policy.meterIntervalSeconds) / 3600);
    // Invariant 3: stop before the price could pass the maximum, looking one
    // meter interval ahead (energy keeps flowing until the next sample).
    if (wouldExceed(s.tariff, s.authorizedOre, usage, { energyWh: lookAheadWh, seconds: policy.meterIntervalSeconds })) {
      return next({ ...patch, state: 'stopping', stopSource: 'cost_guard', stopRequestedAt: input.at }, [{ type: 'remote_stop' }], [
        { type: 'meter', data: { energyWh: usage.energyWh, powerW } },
        { type: 'cost_guard_stop', data: { energyWh: usage.energyWh } },
      ]);
    }
  }
  return next(patch, [], [{ type: 'meter', data: { energyWh, powerW } }]);
}

function onStopRequested(s: Session, source: Exclude<StopSource, 'station'>, at: string, policy: SessionPolicy, next: Next): Decision {
  switch (s.state) {
    case 'awaiting_payment':
      // Given up before approving (the driver, or an operator cancelling it): release whatever may be reserved.
      return next({ state: 'payment_failed', failure: source === 'operator' ? 'cancelled_by_operator' : 'cancelled_by_driver', stopSource: source, endedAt: at }, [{ type: 'cancel' }], [
        { type: 'stop_requested', data: { source } },
      ]);
    case 'starting':
      return startFailed({ ...s, stopSource: source }, source === 'start_timeout' ? 'start_timeout' : 'stopped_before_start', at, next);
    case 'charging': {
      // The register at the press: if this stop never reaches the station,
      // the energy after it is not billed (station-stops.ts).
      const stop = nextStop(s, at);
      return next({ state: 'stopping', stopSource: source, stopRequestedAt: at, meterAtStopWh: s.meterLastWh, ...stop.patch }, [stop.command], [
        { type: 'stop_requested', data: { source } },
      ]);
    }
    case 'stopping':
      return source === 'driver' ? onDriverPressWhileStopping(s, at, policy, next) : unchanged('already stopping');
    default:
      return unchanged(`already ${s.state}`);
  }
}

function onTransactionEnded(
  s: Session,
  input: Extract<SessionInput, { type: 'transaction_ended' }>,
  at: string,
  policy: SessionPolicy,
  next: Next,
): Decision {
  if (stateIn(RUNNING_STATES, s.state)) {
    // Invariant 8: the end register and the end time are weighed like any reading.
    // A stop Ladepay could not confirm that the station's end shows it got.
    const reached = s.state === 'stopping' ? stopReachedAfterAll(s, input) : undefined;
    // A driver's stop the station's own end overtook.
    const overtaken = reached ? undefined : stopOvertakenByEnd(s, input, policy);
    const end = weighEnd(s, input, at);
    const ended: Session = {
      ...s,
      ...reached?.patch,
      ...overtaken?.patch,
      ...end.patch,
      endedAt: end.endIso,
      stopSource: s.stopSource ?? 'station',
      stationStopReason: input.reason,
      powerW: 0,
      stopOwed: false,
    };
    const events = [...(reached?.events ?? []), ...(overtaken?.events ?? []), ...end.events];
    const event = { type: 'charging_ended', data: { reason: input.reason, meterStopWh: input.meterStopWh } };
    return withStationCost(settleFrom(ended, end.endIso, event, next, undefined, events, waitsForUnplug(ended, input)), input.stationCostOre);
  }
  if (s.state === 'settling' || s.state === 'settled' || s.state === 'needs_review' || s.state === 'idling') {
    // A stop that arrives after the session was settled on its last meter
    // value (station offline too long) is kept for the operator; the money is
    // already settled and does not move again.
    const settledWithoutStop = s.flags.some((f) => f.startsWith('settled_on_') || f === 'settled_by_operator');
    if (!settledWithoutStop || s.flags.includes('late_stop_after_settlement')) {
      return isStopOwed(s) ? next({ stopOwed: false }, [], []) : unchanged('duplicate');
    }
    return next({ flags: [...s.flags, 'late_stop_after_settlement'], stopOwed: false }, [], [
      { type: 'late_stop', data: { meterStopWh: input.meterStopWh, reason: input.reason } },
    ]);
  }
  if ((s.state === 'start_failed' || s.state === 'payment_failed') && isStopOwed(s)) {
    // The end of a transaction that started too late and was stopped.
    return next({ stopOwed: false }, [], [{ type: 'late_transaction_ended', data: { reason: input.reason } }]);
  }
  return unchanged(`transaction end in ${s.state}`);
}

function onTick(s: Session, now: Date, policy: SessionPolicy, next: Next): Decision {
  const at = now.toISOString();
  // A fault that did not clear, a charger pause that let nothing through (connector-conditions.ts).
  const due = conditionDue(s, now, policy, actions(now, policy));
  if (due) return due;
  if (s.state === 'awaiting_payment') {
    // Vipps would wait 10 minutes for an approval; a connector is held for
    // less. The shell polls Vipps before it ticks, so an approval already made
    // is seen first; one made after this is released by the cancel.
    const holdMs = (policy.unpaidHoldSeconds ?? DEFAULT_UNPAID_HOLD_SECONDS) * 1000;
    if (now.getTime() - Date.parse(s.createdAt) < holdMs) return unchanged('still waiting for the approval');
    return next({ state: 'payment_failed', failure: 'expired', endedAt: at }, [{ type: 'cancel' }], [
      { type: 'payment_failed', data: { reason: 'not_approved_in_time' } },
    ]);
  }
  if (s.state === 'starting' && s.startDeadline && now.getTime() >= Date.parse(s.startDeadline)) {
    return onStopRequested(s, 'start_timeout', at, policy, next);
  }
  if (s.state === 'idling' && s.idleUntil && now.getTime() >= Date.parse(s.idleUntil)) {
    // The station never reported the unplug: the fee stopped growing at its
    // cap, and the rest of the reservation is not held any longer.
    return finishIdle(s, s.idleUntil, ['unplug_not_reported'], next);
  }
  if (stateIn(RUNNING_STATES, s.state)) {
    // An end signal whose grace ran out without the station's own stop.
    if (s.endSignal && now.getTime() - Date.parse(s.endSignal.at) >= endSignalGraceMs(policy)) {
      return settleLost(s, s.endSignal.signal, at, next);
    }
    // Silence is measured on Ladepay's clock: a station's own clock may be off.
    const last = Date.parse(s.lastHeardAt ?? s.updatedAt);
    if (now.getTime() - last >= policy.stationSilenceSeconds * 1000) {
      return settleNow(s, s.lastMeterAt ?? at, 'settled_on_last_meter', at, next);
    }
  }
  return unchanged('nothing due');
}

// What the connector's status handling may do (connector-conditions.ts).
function actions(now: Date, policy: SessionPolicy): DeciderActions {
  const at = now.toISOString();
  const nextFor = (s: Session): Next => (patch, commands, events) => ({ changed: true, session: { ...s, ...patch, updatedAt: at }, commands, events });
  return {
    decide: (s, input) => decide(s, input, now, policy),
    giveUp: (s, failure) => {
      if (s.state === 'starting') return startFailed(s, failure, at, nextFor(s));
      if (s.state !== 'awaiting_payment') return unchanged(`nothing to give up in ${s.state}`);
      // Nobody may have approved yet; whatever is reserved is released.
      return nextFor(s)({ state: 'payment_failed', failure, endedAt: at }, [{ type: 'cancel' }], [{ type: 'payment_failed', data: { reason: failure } }]);
    },
    settleOnLastReading: (s, flag) => settleNow(s, s.lastMeterAt ?? at, flag, at, nextFor(s), 'station'),
  };
}

// The station lost the transaction: settled on its last plausible reading.
function settleLost(s: Session, signal: EndSignal, at: string, next: Next): Decision {
  return settleNow(s, s.lastMeterAt ?? at, `settled_on_${signal}`, at, next, 'station');
}

// Settles a session the station did not end itself. Invariant 9: the station
// is told to end the transaction, and again whenever it reconnects until it
// does (station-stops.ts).
function settleNow(s: Session, endIso: string, flag: string, at: string, next: Next, source: StopSource = 'station_silent'): Decision {
  const ended: Session = { ...s, endedAt: endIso, stopSource: s.stopSource ?? source, flags: [...s.flags, flag] };
  const stop = s.transactionId ? nextStop(s, at) : undefined;
  return settleFrom(ended, endIso, { type: flag, data: { meterLastWh: s.meterLastWh } }, next, stop);
}

function settleFrom(
  ended: Session,
  endIso: string,
  event: SessionEvent,
  next: Next,
  stop?: { patch: Partial<Session>; command: SessionCommand },
  more: SessionEvent[] = [],
  carStays = false,
): Decision {
  // Whatever the station reports after this is not billed.
  const billedTo = ended.meterLastWh === undefined ? ended.meterCapWh : Math.min(ended.meterCapWh ?? ended.meterLastWh, ended.meterLastWh);
  const capped: Session = { ...ended, meterCapWh: billedTo };
  const { updatedAt: _u, ...base } = capped;
  if (carStays && energyUsedWh(capped) > 0) {
    const waiting = startIdle(capped, endIso, event, more, next);
    if (waiting) return waiting;
  }
  const settled = settle(capped, endIso);
  const stops: SessionCommand[] = stop ? [stop.command] : [];
  if (!settled.ok) {
    // No silent failure: never an automatic 0, never an automatic full
    // capture. The reservation is held until an operator decides; the
    // station is still told to stop.
    return next({ ...base, ...stop?.patch, state: 'needs_review', review: { failure: settled.failure, openedAt: endIso } }, stops, [
      event,
      ...more,
      { type: 'pricing_failed', data: { failure: settled.failure, usage: { ...settled.usage } } },
    ]);
  }
  const amount = settled.bill.totalOre;
  const commands: SessionCommand[] = amount > 0 ? [{ type: 'capture', amountOre: amount }] : [{ type: 'cancel' }];
  return next({ ...base, ...stop?.patch, priced: settled.bill, flags: [...ended.flags, ...settled.flags], state: 'settling' }, [...stops, ...commands], [
    event,
    ...more,
    { type: 'priced', data: { totalOre: amount, captureOre: amount } },
  ]);
}

// A capture of a bill in two parts: Vipps answers with the total captured so
// far, and the answers of the two captures may cross. The rest is released
// only when the whole final bill is captured.
function afterPartCaptured(s: Session, capturedOre: number, next: Next): Decision {
  const captured = Math.max(s.capturedOre, capturedOre);
  if (captured === s.capturedOre && s.captureFailed === undefined) return unchanged('duplicate');
  if (s.state === 'settling' && s.priced && captured >= s.priced.totalOre) return afterCapture(s, captured, next);
  return next({ capturedOre: captured, captureFailed: undefined }, [], [{ type: 'captured', data: { capturedOre: captured } }]);
}

function startFailed(s: Session, failure: string, at: string, next: Next): Decision {
  // A start that was asked for may have begun at the station unheard of
  // (its StartTransaction lost): nobody pays for it, so it is looked for.
  const check: SessionCommand[] = s.remoteStartsSent > 0 ? [{ type: 'check_connector' }] : [];
  return next({ state: 'start_failed', failure, endedAt: at, waitingForCar: false }, [{ type: 'cancel' }, ...check], [
    { type: 'start_failed', data: { failure } },
  ]);
}

function afterCapture(s: Session, capturedOre: number, next: Next): Decision {
  const remainder = s.authorizedOre - capturedOre;
  const commands: SessionCommand[] = remainder > 0 ? [{ type: 'cancel' }] : [{ type: 'send_receipt' }];
  const state = remainder > 0 ? s.state : 'settled';
  return next({ capturedOre, captureFailed: undefined, state, receipt: remainder > 0 ? s.receipt : 'pending' }, commands, [
    { type: 'captured', data: { capturedOre } },
  ]);
}

function afterCancel(s: Session, cancelledOre: number, next: Next): Decision {
  const event: SessionEvent = { type: 'released', data: { cancelledOre } };
  if (s.state === 'settling') {
    const receipt = s.capturedOre > 0 ? 'pending' : 'none';
    return next({ cancelledOre, state: 'settled', receipt }, s.capturedOre > 0 ? [{ type: 'send_receipt' }] : [], [event]);
  }
  return next({ cancelledOre }, [], [event]);
}

// A station that prices the charge itself (OCPP 2.1 costDetails) and ends
// more than a krone away from Ladepay's bill is flagged for the operator
// (docs/ocpp21.md). The bill stands: it is made from the meter readings
// Ladepay weighed, never from the station's own sum.
export const STATION_COST_TOLERANCE_ORE = 100;

function withStationCost(d: Decision, stationCostOre: number | undefined): Decision {
  if (!d.changed) return d;
  const billedOre = d.session.priced?.totalOre ?? d.session.energyBill?.totalOre;
  if (stationCostOre === undefined || billedOre === undefined) return d;
  if (Math.abs(stationCostOre - billedOre) <= STATION_COST_TOLERANCE_ORE) return d;
  return {
    ...d,
    session: { ...d.session, flags: [...d.session.flags, 'station_cost_differs'] },
    events: [...d.events, { type: 'station_cost_differs', data: { stationOre: stationCostOre, billedOre } }],
  };
}
