import type { ConnectorStatus } from '../vocabulary/connector-status.ts';
import { RUNNING_STATES, stateIn } from '../vocabulary/session-states.ts';
import { unchanged, type Decision } from './decision.ts';
import { reactionTo, type StatusScope } from './connector-reactions.ts';
import type { ConnectorFault, Session } from './session.ts';
import type { SessionEvent, SessionInput, SessionPolicy } from './session-input.ts';

// How a session follows what its connector reports (docs/session-states.md,
// "What a connector's status does to a session"): the table in
// connector-reactions.ts says which reaction; this carries it out.

export const FAULT_STOP_GRACE_SECONDS = 30;
export const SUSPENDED_EVSE_LIMIT_MINUTES = 15;

export type ConnectorStatusInput = Extract<SessionInput, { type: 'connector_status' }>;

// What the decider lends this file: its own answer to another input, and the
// two ways a session ends early.
export interface DeciderActions {
  decide(s: Session, input: SessionInput): Decision;
  // Before the charge: the payment cancelled or the start given up, with this failure.
  giveUp(s: Session, failure: string): Decision;
  // During the charge: the station told to stop, the session settled on its
  // last plausible reading, with this flag.
  settleOnLastReading(s: Session, flag: string): Decision;
}

type Patch = { patch: Partial<Session>; events: SessionEvent[] };

export function onConnectorStatus(s: Session, input: ConnectorStatusInput, at: string, act: DeciderActions): Decision {
  const reaction = reactionTo(input.scope, input.status, s.state);
  const cleared = clearedBy(s, input, at);
  const base: Session = { ...s, ...cleared.patch };
  switch (reaction) {
    case 'none':
      return withPatch(s, cleared, at);
    case 'car_arrived':
      return combine(s, cleared, at, act.decide(base, { type: 'car_plugged_in' }));
    case 'end_signal':
      return combine(s, cleared, at, act.decide(base, { type: 'transaction_lost', signal: 'connector_available', at: input.at }));
    case 'car_left':
      return combine(s, cleared, at, act.decide(base, { type: 'car_unplugged', at: input.at }));
    case 'still_charging':
      return combine(s, cleared, at, act.decide(base, { type: 'charging_after_settlement', at: input.at, signal: 'status' }));
    case 'not_sold':
      return combine(s, cleared, at, act.giveUp(base, `connector_${input.status}`));
    case 'fault':
      return onFault(s, input, at);
    case 'charger_paused':
      if (base.pausedByCharger) return withPatch(s, cleared, at);
      return withPatch(s, {
        patch: { ...cleared.patch, pausedByCharger: { since: at, registerWh: s.meterLastWh } },
        events: [...cleared.events, { type: 'paused_by_charger', data: {} }],
      }, at);
    case 'car_paused':
      return withPatch(s, merge(cleared, carDrawing(base, false, input.at)), at);
    case 'charging_goes_on':
      return withPatch(s, merge(cleared, resumed(base), carDrawing(base, true, input.at)), at);
    case 'runs_to_end':
      return withPatch(s, {
        patch: cleared.patch,
        events: [...cleared.events, { type: 'connector_unavailable', data: { scope: input.scope } }],
      }, at);
  }
}

// Whether the car draws power, from one place: a meter sample's power or the
// connector's status (1.6 SuspendedEV, 2.0.1 chargingState). Idle time starts
// when it stops (the station's clock), as the idle fee counts it.
export function carDrawing(s: Session, drawing: boolean, stationAt: string): Patch {
  if (drawing) return s.idleSince === undefined ? nothing() : { patch: { idleSince: undefined }, events: [] };
  if (s.idleSince !== undefined) return nothing();
  return { patch: { idleSince: stationAt }, events: [{ type: 'car_paused', data: {} }] };
}

// A reading that shows energy flowing while the charger said it paused: the
// pause is measured again from here.
export function pauseAfterReading(s: Session, registerWh: number | undefined, at: string): Partial<Session> {
  const p = s.pausedByCharger;
  if (!p || registerWh === undefined || p.registerWh === undefined || registerWh <= p.registerWh) return {};
  return { pausedByCharger: { since: at, registerWh } };
}

// The tick: a fault that outlived its grace, a charger pause that outlived its limit.
export function conditionDue(s: Session, now: Date, policy: SessionPolicy, act: DeciderActions): Decision | undefined {
  const graceMs = (policy.faultStopGraceSeconds ?? FAULT_STOP_GRACE_SECONDS) * 1000;
  if (s.fault && now.getTime() - Date.parse(s.fault.at) >= graceMs) {
    if (s.state === 'awaiting_payment' || s.state === 'starting') return act.giveUp(s, 'connector_faulted');
    if (stateIn(RUNNING_STATES, s.state)) return act.settleOnLastReading(s, 'settled_on_fault');
  }
  const pauseMs = (policy.suspendedEvseLimitMinutes ?? SUSPENDED_EVSE_LIMIT_MINUTES) * 60_000;
  if (s.state === 'charging' && s.pausedByCharger && now.getTime() - Date.parse(s.pausedByCharger.since) >= pauseMs) {
    return act.settleOnLastReading(s, 'settled_on_charger_pause');
  }
  return undefined;
}

function onFault(s: Session, input: ConnectorStatusInput, at: string): Decision {
  const fault: ConnectorFault = {
    scope: input.scope,
    ...(input.fault?.errorCode !== undefined ? { errorCode: input.fault.errorCode } : {}),
    ...(input.fault?.info !== undefined ? { info: input.fault.info } : {}),
    ...(input.fault?.vendorErrorCode !== undefined ? { vendorErrorCode: input.fault.vendorErrorCode } : {}),
    at: s.fault?.at ?? at, // the grace runs from the first report
  };
  if (s.fault && sameFault(s.fault, fault)) return unchanged('fault already noted');
  // A bare Faulted after a described one (2.0.1 NotifyEvent first) takes nothing away.
  if (s.fault && s.fault.scope === fault.scope && !described(fault) && described(s.fault)) return unchanged('fault already described');
  const { at: _at, ...data } = fault;
  return withPatch(s, { patch: { fault, faultClearedAt: undefined }, events: [{ type: 'connector_faulted', data }] }, at);
}

// Any other status for the scope that reported the fault ends it.
function clearedBy(s: Session, input: ConnectorStatusInput, at: string): Patch {
  if (!s.fault || s.fault.scope !== input.scope || input.status === 'faulted') return nothing();
  const during = stateIn(RUNNING_STATES, s.state);
  return {
    patch: { fault: undefined, ...(during ? { faultClearedAt: at } : {}) },
    events: [{ type: 'fault_cleared', data: { status: input.status, errorCode: s.fault.errorCode } }],
  };
}

function resumed(s: Session): Patch {
  if (!s.pausedByCharger) return nothing();
  return { patch: { pausedByCharger: undefined }, events: [{ type: 'pause_ended', data: {} }] };
}

function described(f: ConnectorFault): boolean {
  return (f.errorCode !== undefined && f.errorCode !== 'NoError') || f.info !== undefined || f.vendorErrorCode !== undefined;
}

function sameFault(a: ConnectorFault, b: ConnectorFault): boolean {
  return a.scope === b.scope && a.errorCode === b.errorCode && a.info === b.info && a.vendorErrorCode === b.vendorErrorCode;
}

function nothing(): Patch {
  return { patch: {}, events: [] };
}

function merge(...parts: Patch[]): Patch {
  return { patch: Object.assign({}, ...parts.map((p) => p.patch)) as Partial<Session>, events: parts.flatMap((p) => p.events) };
}

function withPatch(s: Session, p: Patch, at: string): Decision {
  if (p.events.length === 0 && Object.keys(p.patch).length === 0) return unchanged('nothing for this status');
  return { changed: true, session: { ...s, ...p.patch, updatedAt: at }, commands: [], events: p.events };
}

// A decision made on the session with the cleared fault, keeping the clearing's events.
function combine(s: Session, cleared: Patch, at: string, d: Decision): Decision {
  if (!d.changed) return withPatch(s, cleared, at);
  return { ...d, events: [...cleared.events, ...d.events] };
}

export type { ConnectorStatus, StatusScope };
