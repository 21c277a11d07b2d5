import { unchanged, type Decision, type Next } from './decision.ts';
import { isStopOwed, type Session } from './session.ts';
import type { SessionCommand, SessionEvent, SessionInput, SessionPolicy } from './session-input.ts';
import { STOP_REACH_SECONDS, stopPerhapsReached } from './stop-reached.ts';
import { ENDED_STATES, RUNNING_STATES, stateIn } from '../vocabulary/session-states.ts';

// How the session makes sure the station ends the charge (invariant 9), and
// how it hears that a station lost a transaction without saying so.

// A station that goes on charging a settled transaction is told to stop at
// once, then again at most this often while it keeps on.
export const STOP_REPEAT_SECONDS = 30;
// After an end signal the station usually sends its own stop within seconds
// (a 1.6 station replays its StopTransaction after booting), with the real
// final register: wait that long for it before settling on the last reading.
export const END_SIGNAL_GRACE_SECONDS = 20;

// The next remote stop: numbered, so that its outbox key is new even when an
// earlier stop for the same transaction was delivered and done.
export function nextStop(s: Session, at: string): { patch: Partial<Session>; command: SessionCommand } {
  const attempt = (s.remoteStopsSent ?? 0) + 1;
  return { patch: { remoteStopsSent: attempt, lastStopSentAt: at, stopOwed: true }, command: { type: 'remote_stop', attempt } };
}

export function endSignalGraceMs(policy: SessionPolicy): number {
  return (policy.endSignalGraceSeconds ?? END_SIGNAL_GRACE_SECONDS) * 1000;
}

// A soft end signal (boot, connector free, stop refused): noted, the station
// is asked where it can say, and the tick settles after the grace unless the
// station's own stop comes first.
export function onEndSignal(
  s: Session,
  input: Extract<SessionInput, { type: 'transaction_lost' }>,
  at: string,
  next: Next,
): Decision {
  if (!stateIn(RUNNING_STATES, s.state)) return unchanged(`end signal in ${s.state}`);
  if (!s.transactionId) return unchanged('no transaction');
  // A status older than the transaction's start says nothing about it (a
  // 1.6 "Available" queued before the StartTransaction).
  if (input.signal === 'connector_available' && s.chargingStartedAt && Date.parse(input.at) < Date.parse(s.chargingStartedAt)) {
    return unchanged('status older than the transaction');
  }
  if (s.endSignal) return unchanged('end signal already noted');
  return next({ endSignal: { signal: input.signal, at } }, [{ type: 'query_transaction' }], [
    { type: 'end_signal', data: { signal: input.signal } },
  ]);
}

export function onTransactionConfirmed(s: Session, next: Next): Decision {
  if (!s.endSignal || !stateIn(RUNNING_STATES, s.state)) return unchanged('no end signal to withdraw');
  return next({ endSignal: undefined }, [], [{ type: 'end_signal_withdrawn', data: { signal: s.endSignal.signal } }]);
}

export function onStationReconnected(s: Session, at: string, connectedAt: string, policy: SessionPolicy, next: Next): Decision {
  if (!s.transactionId || !isStopOwed(s)) return unchanged('no stop owed');
  const stop = nextStop(s, at);
  const events: Array<{ type: string; data: Record<string, unknown> }> = [{ type: 'stop_repeated', data: { attempt: stop.patch.remoteStopsSent } }];
  // The station went away (its connection dead, perhaps unnoticed) before it
  // accepted the stop: the stop did not reach it when the driver pressed.
  // Only a connection that opened after the press means the station was
  // away since (its reconnect may be handled after a press it came back
  // before). Perhaps it got the stop before it went away: not after it came back.
  const awaySincePress = !s.stopRequestedAt || Date.parse(connectedAt) > Date.parse(s.stopRequestedAt);
  const lost =
    s.state === 'stopping' && awaySincePress && !s.stopAcceptedAt && !s.stopUndelivered ? notDelivered(s, policy, connectedAt) : undefined;
  if (lost) events.push({ type: 'stop_not_delivered', data: { outcome: 'reconnected', meterAtStopWh: s.meterAtStopWh } });
  return next({ ...lost, ...stop.patch }, [stop.command], events);
}

// The driver presses Stop while Ladepay's own stop (the maximum about to be
// reached, or the operator's) has not been accepted: from now on it is the
// driver's stop, and the energy after the press is the driver's only if the
// stop reaches the station (invariant 9's billing rule, as for any press).
export function onDriverPressWhileStopping(s: Session, at: string, policy: SessionPolicy, next: Next): Decision {
  if (s.stopSource === 'driver' || s.stopAcceptedAt || !s.transactionId) return unchanged('already stopping');
  const pressed: Session = { ...s, stopSource: 'driver', stopRequestedAt: at, meterAtStopWh: s.meterLastWh };
  const stop = nextStop(pressed, at);
  const lost = s.stopUndelivered ? notDelivered({ ...pressed, stopUndelivered: undefined }, policy) : {};
  const events = [
    { type: 'stop_requested', data: { source: 'driver' } },
    ...(s.stopUndelivered ? [{ type: 'stop_not_delivered', data: { outcome: 'still', meterAtStopWh: pressed.meterAtStopWh } }] : []),
  ];
  return next({ stopSource: 'driver', stopRequestedAt: at, meterAtStopWh: s.meterLastWh, ...lost, ...stop.patch }, [stop.command], events);
}

export function onChargingAfterSettlement(
  s: Session,
  input: Extract<SessionInput, { type: 'charging_after_settlement' }>,
  now: Date,
  next: Next,
): Decision {
  if (!stateIn(ENDED_STATES, s.state) || !s.transactionId) return unchanged(`charging reported in ${s.state}`);
  const at = now.toISOString();
  // Measured from the register the driver was billed to; never billed itself.
  const billedTo = s.meterCapWh ?? s.meterLastWh;
  const seenWh =
    input.energyRegisterWh !== undefined && billedTo !== undefined ? Math.max(0, input.energyRegisterWh - billedTo) : 0;
  // A reading up to the billed register shows no charging after settlement:
  // the station's own record of the transaction (1.6 StopTransaction's
  // transactionData, sent with or after the stop). A station idling with the
  // transaction open says so in its status, and gets its stop from that.
  if (input.signal === 'meter' && seenWh === 0) return unchanged('no energy past the settled register');
  // The station ended this transaction itself: nothing left to stop.
  if (!isStopOwed(s) && seenWh === 0) return unchanged('the station ended this transaction');
  const chargedAfterSettlementWh = Math.max(s.chargedAfterSettlementWh ?? 0, seenWh);
  const first = !s.flags.includes('charging_after_settlement');
  const due = first || !s.lastStopSentAt || now.getTime() - Date.parse(s.lastStopSentAt) >= STOP_REPEAT_SECONDS * 1000;
  if (!due && chargedAfterSettlementWh === (s.chargedAfterSettlementWh ?? 0)) return unchanged('stop already on its way');
  const stop = due ? nextStop(s, at) : undefined;
  return next(
    {
      ...stop?.patch,
      chargedAfterSettlementWh,
      flags: first ? [...s.flags, 'charging_after_settlement'] : s.flags,
    },
    stop ? [stop.command] : [],
    due ? [{ type: 'charging_after_settlement', data: { whSeen: chargedAfterSettlementWh, signal: input.signal } }] : [],
  );
}

// The station's answer to a remote stop.
export function onRemoteStopAnswered(
  s: Session,
  input: Extract<SessionInput, { type: 'remote_stop_answered' }>,
  at: string,
  policy: SessionPolicy,
  next: Next,
): Decision {
  const { outcome } = input;
  const event = { type: 'remote_stop_answered', data: { outcome, attempt: input.attempt } };
  if (stateIn(ENDED_STATES, s.state)) {
    // OCPP 1.6 §5.12, 2.0.1 F03: Rejected means the station has no such
    // transaction going: nothing is left to stop.
    if (outcome === 'rejected' && isStopOwed(s)) return next({ stopOwed: false }, [], [event]);
    if (outcome === 'accepted' && isStopOwed(s)) return next({}, [], [event]);
    return unchanged(`remote stop answer in ${s.state}`);
  }
  if (s.state !== 'stopping') return unchanged(`remote stop answer in ${s.state}`);
  if (outcome === 'accepted') {
    // Accepted over a connection that opened after the press: the station
    // was away in between and charged on; its reconnect may not be handled
    // yet (Ladepay restarted), so the answer itself tells.
    const since = input.connectedSince;
    const away = since !== undefined && s.stopRequestedAt !== undefined && Date.parse(since) > Date.parse(s.stopRequestedAt);
    const lost = away && !s.stopAcceptedAt && !s.stopUndelivered ? notDelivered(s, policy) : undefined;
    // Accepted only after the reconnect: it did not reach the station before.
    const accepted = { stopUndelivered: undefined, stopAcceptedAt: s.stopAcceptedAt ?? at, ...(away ? { stopPerhapsReached: undefined } : {}) };
    if (!lost) return next(accepted, [], [event]);
    return next({ ...lost, ...accepted }, [], [event, { type: 'stop_not_delivered', data: { outcome: 'reconnected', meterAtStopWh: s.meterAtStopWh } }]);
  }
  // An earlier stop reached the station: this one (a repeat) changes nothing,
  // and Rejected only says the station ended the transaction since.
  if (s.stopAcceptedAt) {
    if (outcome !== 'rejected') return next({}, [], [event]);
    const signalled = onEndSignal(s, { type: 'transaction_lost', signal: 'stop_not_found', at }, at, next);
    return signalled.changed ? next({ endSignal: signalled.session.endSignal }, signalled.commands, [event, ...signalled.events]) : next({}, [], [event]);
  }
  // Not delivered now; but with no answer the station may have got it all
  // the same, and an earlier send of this stop (by Ladepay before a restart,
  // its answer lost) may have reached it before it went away or ended the
  // transaction: its own end, stamped before now, can still show it.
  const undelivered = s.stopUndelivered ? undefined : notDelivered(s, policy, at);
  const events = [event, ...(undelivered ? [{ type: 'stop_not_delivered', data: { outcome, meterAtStopWh: s.meterAtStopWh } }] : [])];
  if (outcome === 'rejected') {
    const signalled = onEndSignal(s, { type: 'transaction_lost', signal: 'stop_not_found', at }, at, next);
    if (signalled.changed) {
      return next({ ...undelivered, endSignal: signalled.session.endSignal }, signalled.commands, [...events, ...signalled.events]);
    }
  }
  if (!undelivered) return unchanged('stop not delivered; noted already');
  return next(undelivered, [], events);
}

// A reading the station took before the driver pressed stop that reaches
// Ladepay after the press (queued while the station or Ladepay was away): the
// register at the press was at least this, and so is the cap set from it.
export function atPressRaised(s: Session, readAt: string, registerWh: number | undefined): Partial<Session> {
  if (s.stopSource !== 'driver' || !s.stopRequestedAt || s.meterAtStopWh === undefined || registerWh === undefined) return {};
  if (registerWh <= s.meterAtStopWh || Date.parse(readAt) > Date.parse(s.stopRequestedAt)) return {};
  return { meterAtStopWh: registerWh, ...(s.meterCapWh === s.meterAtStopWh ? { meterCapWh: registerWh } : {}) };
}

// The same from a reading older than the latest one (delivered out of order):
// only one that fits between the start and the latest register counts.
export function olderAtPress(s: Session, readAt: string, registerWh: number | undefined): Partial<Session> {
  if (registerWh === undefined || s.meterStartWh === undefined || s.meterLastWh === undefined) return {};
  if (registerWh < s.meterStartWh || registerWh > s.meterLastWh) return {};
  return atPressRaised(s, readAt, registerWh);
}

// The stop did not reach the station (or it refused): the driver is told to
// stop at the station, and the energy after the press is not billed unless
// the operator chose to bill it.
// `perhapsBy`: Ladepay does not know (the answer was lost, or Ladepay
// restarted after sending it); the stop may have reached the station before
// then, which the station's own end can still show (stop-reached.ts).
// The station ended the transaction itself (not on a remote stop), later
// than a stop acting on the driver's press would have: no answer to the stop
// came first, so it never reached the station in time (its outbox item was
// still waiting). The driver asked to stop at the press: nothing after it is
// billed, as for a stop the station never received.
export function stopOvertakenByEnd(
  s: Session,
  end: Extract<SessionInput, { type: 'transaction_ended' }>,
  policy: SessionPolicy,
): { patch: Partial<Session>; events: SessionEvent[] } | undefined {
  if (s.state !== 'stopping' || s.stopSource !== 'driver' || !s.stopRequestedAt) return undefined;
  if (s.stopAcceptedAt || s.stopUndelivered || end.reason === 'remote') return undefined;
  if (!(Date.parse(end.at) > Date.parse(s.stopRequestedAt) + STOP_REACH_SECONDS * 1000)) return undefined;
  const patch = notDelivered(s, policy);
  return { patch, events: [{ type: 'stop_not_delivered', data: { outcome: 'ended_first', meterAtStopWh: s.meterAtStopWh } }] };
}

function notDelivered(s: Session, policy: SessionPolicy, perhapsBy?: string): Partial<Session> {
  const pressedAt = s.stopSource === 'driver' && !policy.billEnergyAfterUndeliveredStop ? s.meterAtStopWh : undefined;
  const perhaps = perhapsBy !== undefined && pressedAt !== undefined ? stopPerhapsReached(s, perhapsBy) : undefined;
  return {
    stopUndelivered: true,
    flags: s.flags.includes('stop_not_delivered') ? s.flags : [...s.flags, 'stop_not_delivered'],
    ...(pressedAt !== undefined ? { meterCapWh: Math.min(s.meterCapWh ?? pressedAt, pressedAt) } : {}),
    ...(perhaps ? { stopPerhapsReached: perhaps } : {}),
  };
}
