import type { ConnectorStatus } from '../vocabulary/connector-status.ts';
import type { SessionState } from '../vocabulary/session-states.ts';

// What a connector's status does to a session, for every status in every
// session state: one table the decider reads (connector-conditions.ts), written
// out in docs/session-states.md ("What a connector's status does to a session").
// OCPP 1.6 statuses and 2.0.1 statuses and charging states reach it mapped to
// ConnectorStatus by the OCPP adapter; a status for the whole station (1.6
// connector 0, 2.0.1 EVSE 0) has a row set of its own.

// The session states as the table groups them: the last holds every ended
// state (settling, settled, needs review, payment or start failed).
export const SESSION_PHASES = ['awaiting_payment', 'starting', 'charging', 'stopping', 'idling', 'ended'] as const;
export type SessionPhase = (typeof SESSION_PHASES)[number];

// connector: a connector's status; station: the whole station's; transaction:
// a 2.0.1 transaction's own charging state (or a fault its event reports).
export type StatusScope = 'connector' | 'station' | 'transaction';

export const REACTIONS = [
  'none',
  'car_arrived',
  'fault',
  'not_sold',
  'charger_paused',
  'car_paused',
  'charging_goes_on',
  'end_signal',
  'runs_to_end',
  'car_left',
  'still_charging',
] as const;
export type Reaction = (typeof REACTIONS)[number];

export interface ReactionText {
  session: string; // what the session does
  driver: string; // what the driver's page says
  operator: string; // what the console shows
}

// Every reaction in words, for the table in docs/session-states.md.
export const REACTION_TEXT: Record<Reaction, ReactionText> = {
  none: { session: 'Nothing changes.', driver: 'Nothing new.', operator: 'The connector shows the status.' },
  car_arrived: {
    session: 'The car the start waited for has come: the remote start is sent again.',
    driver: '"Starter lading …" as before.',
    operator: 'Timeline: car plugged in.',
  },
  fault: {
    session:
      'The fault is noted. If it has not cleared after FAULT_STOP_GRACE_SECONDS: before the charge the payment is cancelled or the start given up (nothing is charged); during the charge the station is told to stop and the session is settled on the last plausible reading (nothing after it is billed).',
    driver: 'At once: the charger reported a fault, in plain words (ground fault, over current …), and that charging stops unless it clears.',
    operator: "Timeline: the fault with the station's error code, info and vendor code; the connector shows Faulted.",
  },
  not_sold: {
    session: 'The payment is cancelled, or the start given up and the whole reservation released: the connector cannot be sold now.',
    driver: 'The charger cannot be used now; nothing was charged.',
    operator: 'Timeline: the start given up, with the status.',
  },
  charger_paused: {
    session: 'Noted as paused by the charger. With no energy for SUSPENDED_EVSE_LIMIT_MINUTES the station is told to stop and the session settled.',
    driver: 'Charging is paused by the charger.',
    operator: 'Timeline: paused by the charger.',
  },
  car_paused: {
    session: 'The car stopped drawing power (paused or full): idle time starts here, as the idle fee counts it (docs/pricing.md).',
    driver: 'The car is not taking power (paused or full).',
    operator: 'Timeline: the car paused.',
  },
  charging_goes_on: {
    session: 'A fault or a pause that was noted is over: the charge goes on.',
    driver: 'Charging again; after a fault, that the fault cleared.',
    operator: 'Timeline: the fault cleared or the pause ended.',
  },
  end_signal: {
    session: 'The connector shows no transaction: the station is asked, and without its own stop the session is settled on the last reading after the grace.',
    driver: 'Charging as before until the end comes.',
    operator: 'Timeline: end signal.',
  },
  runs_to_end: {
    session: 'The charge runs to its end; the connector is not sold again until it reports Available.',
    driver: 'Nothing new.',
    operator: 'Timeline: the connector was made unavailable.',
  },
  car_left: {
    session: 'The car has been unplugged: the idle fee ends, is captured, and the rest released.',
    driver: 'The final price.',
    operator: 'Timeline: car unplugged.',
  },
  still_charging: {
    session:
      "The station charges on a transaction Ladepay ended and it has not: it is told to stop (again at most every 30 s); nothing is billed. When the station ended the transaction itself, the charge is another one, nobody's, and is ended as such.",
    driver: 'Nothing new (the bill is final).',
    operator: 'Flag: charging after settlement.',
  },
};

type Row = Record<SessionPhase, Reaction>;
const row = (r: Partial<Row>): Row => ({ awaiting_payment: 'none', starting: 'none', charging: 'none', stopping: 'none', idling: 'none', ended: 'none', ...r });

const FAULT = { awaiting_payment: 'fault', starting: 'fault', charging: 'fault', stopping: 'fault' } as const;
const NOT_SOLD = { awaiting_payment: 'not_sold', starting: 'not_sold' } as const;

export const CONNECTOR_REACTIONS: Record<ConnectorStatus, Row> = {
  available: row({ charging: 'end_signal', stopping: 'end_signal', idling: 'car_left' }),
  preparing: row({ starting: 'car_arrived', charging: 'end_signal', stopping: 'end_signal' }),
  charging: row({ charging: 'charging_goes_on', stopping: 'charging_goes_on', idling: 'still_charging', ended: 'still_charging' }),
  suspended_ev: row({ starting: 'car_arrived', charging: 'car_paused', idling: 'still_charging', ended: 'still_charging' }),
  suspended_evse: row({ starting: 'car_arrived', charging: 'charger_paused', idling: 'still_charging', ended: 'still_charging' }),
  finishing: row({}),
  reserved: row({ ...NOT_SOLD }),
  unavailable: row({ ...NOT_SOLD, charging: 'runs_to_end', stopping: 'runs_to_end' }),
  faulted: row({ ...FAULT }),
  occupied: row({ starting: 'car_arrived' }),
};

// The whole station: only Faulted and Unavailable say anything of its
// sessions; every connector of the station reports its own state otherwise.
export const STATION_REACTIONS: Record<ConnectorStatus, Row> = {
  available: row({}),
  preparing: row({}),
  charging: row({}),
  suspended_ev: row({}),
  suspended_evse: row({}),
  finishing: row({}),
  reserved: row({}),
  unavailable: row({ ...NOT_SOLD, charging: 'runs_to_end', stopping: 'runs_to_end' }),
  faulted: row({ ...FAULT }),
  occupied: row({}),
};

export function phaseOf(state: SessionState): SessionPhase {
  switch (state) {
    case 'awaiting_payment':
    case 'starting':
    case 'charging':
    case 'stopping':
    case 'idling':
      return state;
    default:
      return 'ended';
  }
}

export function reactionTo(scope: StatusScope, status: ConnectorStatus, state: SessionState): Reaction {
  return (scope === 'station' ? STATION_REACTIONS : CONNECTOR_REACTIONS)[status][phaseOf(state)];
}
