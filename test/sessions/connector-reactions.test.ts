import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC, withSection } from '../../scripts/connector-reactions-doc.ts';
import { chargingConditionFrom201, connectorStatusFrom16, connectorStatusFrom201 } from '../../src/adapters/ocpp/status-mapping.ts';
import type { ChargePointStatus16 } from '../../src/adapters/ocpp/ocpp16-types.ts';
import type { ConnectorStatus201 } from '../../src/adapters/ocpp/ocpp201-types.ts';
import { reactionTo, SESSION_PHASES, type Reaction, type SessionPhase, type StatusScope } from '../../src/core/session/connector-reactions.ts';
import { decide } from '../../src/core/session/decide.ts';
import { newSession } from '../../src/core/session/new-session.ts';
import type { Session } from '../../src/core/session/session.ts';
import type { FaultReport, SessionInput, SessionPolicy } from '../../src/core/session/session-input.ts';
import type { ConnectorStatus } from '../../src/core/vocabulary/connector-status.ts';
import { aTariff } from '../support/tariff-builder.ts';

// Every cell of the reaction table (docs/session-states.md, "What a
// connector's status does to a session"), reached through each protocol's
// own words: every OCPP 1.6 ChargePointStatus, every 2.0.1 ConnectorStatus and
// charging state, for a connector and for the whole station, in every session
// state. Each cell's reaction is checked by what the state machine does.

const policy: SessionPolicy = { startWindowSeconds: 180, stationSilenceSeconds: 900, meterIntervalSeconds: 10, faultStopGraceSeconds: 30, suspendedEvseLimitMinutes: 15 };
const t0 = new Date('2026-11-26T10:00:00.000Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const iso = (s: number) => at(s).toISOString();

const STATUSES_16: ChargePointStatus16[] = ['Available', 'Preparing', 'Charging', 'SuspendedEV', 'SuspendedEVSE', 'Finishing', 'Reserved', 'Unavailable', 'Faulted'];
const STATUSES_201: ConnectorStatus201[] = ['Available', 'Occupied', 'Reserved', 'Unavailable', 'Faulted'];
const CHARGING_STATES_201 = ['Charging', 'EVConnected', 'SuspendedEV', 'SuspendedEVSE', 'Idle'];
const FAULT_TRIGGERS_201 = ['AbnormalCondition', 'EVCommunicationLost'];

function fresh(): Session {
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
      tariff: aTariff({ perKwhOre: 500, idlePerMinuteOre: 100, idleGraceMinutes: 5, idleCapOre: 10_000 }),
      maxPowerW: 1_000_000,
      maxAmountOre: 35_000,
      paymentMethod: 'WALLET',
    },
    t0,
  );
  return session;
}

function run(s: Session, steps: Array<[number, SessionInput]>): Session {
  for (const [sec, input] of steps) {
    const d = decide(s, input, at(sec), policy);
    if (d.changed) s = d.session;
  }
  return s;
}

const authorized: SessionInput = { type: 'payment_confirmed', state: 'AUTHORIZED', authorizedOre: 35_000 };
const noCarYet: SessionInput = { type: 'remote_start_answered', attempt: 1, outcome: 'rejected', carPluggedIn: false };
const started: SessionInput = { type: 'transaction_started', transactionId: '42', meterStartWh: 1_000_000, at: iso(30) };
const metered: SessionInput = { type: 'meter', at: iso(60), energyRegisterWh: 1_002_000, powerW: 7_000 };

// A session in each phase of the table, as the state machine itself gets there.
function inPhase(phase: SessionPhase): Session {
  switch (phase) {
    case 'awaiting_payment':
      return fresh();
    case 'starting':
      return run(fresh(), [[5, authorized], [6, noCarYet]]);
    case 'charging':
      return run(fresh(), [[5, authorized], [30, started], [60, metered]]);
    case 'stopping':
      return run(fresh(), [[5, authorized], [30, started], [60, metered], [61, { type: 'stop_requested', source: 'driver' }]]);
    case 'idling':
      return run(fresh(), [[5, authorized], [30, started], [60, metered], [70, { type: 'transaction_ended', at: iso(70), meterStopWh: 1_002_000, reason: 'local' }]]);
    case 'ended':
      // Settled without the station's stop: the station still owes it.
      return run(fresh(), [[5, authorized], [30, started], [60, metered], [70, { type: 'settle_now' }]]);
  }
}

const STATE_OF: Record<SessionPhase, Session['state']> = {
  awaiting_payment: 'awaiting_payment',
  starting: 'starting',
  charging: 'charging',
  stopping: 'stopping',
  idling: 'idling',
  ended: 'settling',
};

const T = 100; // when the status comes

function status(statusValue: ConnectorStatus, scope: StatusScope, fault?: FaultReport): SessionInput {
  return { type: 'connector_status', status: statusValue, scope, at: iso(T), ...(fault ? { fault } : {}) };
}

// What each reaction must be seen to do.
function expectReaction(reaction: Reaction, phase: SessionPhase, scope: StatusScope, value: ConnectorStatus, fault?: FaultReport): void {
  const before = reaction === 'charging_goes_on' ? withFault(inPhase(phase), scope) : inPhase(phase);
  expect(before.state).toBe(STATE_OF[phase]);
  const d = decide(before, status(value, scope, fault), at(T), policy);
  const types = d.changed ? d.commands.map((c) => c.type) : [];
  const after = d.changed ? d.session : before;
  switch (reaction) {
    case 'none':
      expect(d.changed).toBe(false);
      return;
    case 'car_arrived':
      expect(types).toContain('remote_start');
      return;
    case 'fault': {
      expect(after.fault).toMatchObject({ scope, ...(fault?.errorCode ? { errorCode: fault.errorCode } : {}) });
      expect(after.state).toBe(before.state);
      const tick = decide(after, { type: 'tick' }, at(T + 31), policy);
      expect(tick.changed).toBe(true);
      if (!tick.changed) return;
      if (phase === 'awaiting_payment') expect(tick.session).toMatchObject({ state: 'payment_failed', failure: 'connector_faulted' });
      else if (phase === 'starting') expect(tick.session).toMatchObject({ state: 'start_failed', failure: 'connector_faulted' });
      else {
        expect(tick.session.flags).toContain('settled_on_fault');
        expect(tick.commands.map((c) => c.type)).toContain('remote_stop');
        expect(tick.session.meterCapWh).toBe(before.meterLastWh);
      }
      return;
    }
    case 'not_sold':
      expect(after).toMatchObject({ state: phase === 'starting' ? 'start_failed' : 'payment_failed', failure: `connector_${value}` });
      expect(types).toContain('cancel');
      return;
    case 'charger_paused': {
      expect(after.pausedByCharger?.since).toBe(iso(T));
      const tick = decide(after, { type: 'tick' }, at(T + 15 * 60), policy);
      expect(tick.changed && tick.session.flags).toContain('settled_on_charger_pause');
      return;
    }
    case 'car_paused':
      expect(after.idleSince).toBe(iso(T));
      return;
    case 'charging_goes_on':
      expect(after.fault).toBeUndefined();
      expect(after.faultClearedAt).toBe(iso(T));
      return;
    case 'end_signal':
      expect(after.endSignal?.signal).toBe('connector_available');
      expect(types).toContain('query_transaction');
      return;
    case 'runs_to_end':
      expect(d.changed && d.events.map((e) => e.type)).toContain('connector_unavailable');
      expect(after.state).toBe(before.state);
      return;
    case 'car_left':
      expect(after.state).not.toBe('idling');
      expect(after.unpluggedAt).toBe(iso(T));
      return;
    case 'still_charging':
      if (!before.stopOwed) {
        // The station ended this transaction itself: a charge now is another
        // one, nobody's, and is ended as such (test/sessions/stray-transactions.e2e.ts).
        expect(d.changed).toBe(false);
        return;
      }
      expect(types).toContain('remote_stop');
      expect(after.flags).toContain('charging_after_settlement');
      return;
  }
}

function withFault(s: Session, scope: StatusScope): Session {
  const d = decide(s, status('faulted', scope, { errorCode: 'GroundFailure' }), at(T - 5), policy);
  return d.changed ? d.session : s;
}

function walk(label: string, value: ConnectorStatus, scopes: StatusScope[], fault?: FaultReport): void {
  for (const scope of scopes) {
    for (const phase of SESSION_PHASES) {
      const reaction = reactionTo(scope, value, STATE_OF[phase]);
      it(`${label} (${scope}) while ${phase}: ${reaction}`, () => expectReaction(reaction, phase, scope, value, fault));
    }
  }
}

describe('every connector status in every session state, OCPP 1.6', () => {
  for (const s16 of STATUSES_16) {
    const fault = s16 === 'Faulted' ? { errorCode: 'GroundFailure', info: 'RCD', vendorErrorCode: 'E1' } : undefined;
    walk(`StatusNotification ${s16}`, connectorStatusFrom16(s16), ['connector', 'station'], fault);
  }
});

describe('every connector status and charging state in every session state, OCPP 2.0.1', () => {
  for (const s201 of STATUSES_201) walk(`StatusNotification ${s201}`, connectorStatusFrom201(s201), ['connector', 'station']);
  for (const state of CHARGING_STATES_201) {
    const condition = chargingConditionFrom201(state, 'ChargingStateChanged');
    if (condition === undefined) {
      it(`TransactionEvent chargingState ${state} says nothing the status does not`, () => expect(state).toBe('Idle'));
      continue;
    }
    walk(`TransactionEvent chargingState ${state}`, condition.status, ['transaction']);
  }
  for (const trigger of FAULT_TRIGGERS_201) {
    const condition = chargingConditionFrom201('Charging', trigger);
    it(`TransactionEvent triggerReason ${trigger} is a fault`, () => expect(condition?.status).toBe('faulted'));
    if (condition) walk(`TransactionEvent triggerReason ${trigger}`, condition.status, ['transaction'], condition.fault);
  }
});

describe('a fault that clears', () => {
  it('lets the charge go on, and the grace starts again with the next fault', () => {
    const charging = inPhase('charging');
    const faulted = withFault(charging, 'connector');
    expect(faulted.fault?.at).toBe(iso(T - 5));
    const back = decide(faulted, status('charging', 'connector'), at(T), policy);
    expect(back.changed && back.session).toMatchObject({ fault: undefined, faultClearedAt: iso(T), state: 'charging' });
    if (!back.changed) return;
    const tick = decide(back.session, { type: 'tick' }, at(T + 60), policy);
    expect(tick.changed).toBe(false);
  });

  it('is not cleared by a status of another scope', () => {
    const faulted = withFault(inPhase('charging'), 'station');
    const d = decide(faulted, status('charging', 'connector'), at(T), policy);
    const after = d.changed ? d.session : faulted;
    expect(after.fault?.scope).toBe('station');
  });

  it('is noted once however often it is repeated, the grace from the first report', () => {
    const faulted = withFault(inPhase('charging'), 'connector');
    expect(decide(faulted, status('faulted', 'connector', { errorCode: 'GroundFailure' }), at(T + 10), policy).changed).toBe(false);
  });
});

describe('a charger pause', () => {
  it('is measured again while energy still flows', () => {
    const paused = run(inPhase('charging'), [[T, status('suspended_evse', 'connector')]]);
    const flowing = run(paused, [[T + 600, { type: 'meter', at: iso(T + 600), energyRegisterWh: 1_003_000, powerW: 2_000 }]]);
    expect(flowing.pausedByCharger?.since).toBe(iso(T + 600));
    expect(decide(flowing, { type: 'tick' }, at(T + 15 * 60 + 1), policy).changed).toBe(false);
  });
});

describe('docs/session-states.md', () => {
  it('has the reaction table the decider reads (npx tsx scripts/connector-reactions-doc.ts writes it)', () => {
    const doc = readFileSync(DOC, 'utf8');
    expect(withSection(doc)).toBe(doc);
  });
});
