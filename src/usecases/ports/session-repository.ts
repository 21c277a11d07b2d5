import type { Session } from '../../core/session/session.ts';
import type { SessionState } from '../../core/vocabulary/session-states.ts';
import type { SessionCommand, SessionEvent } from '../../core/session/session-input.ts';

export type EventSource = 'driver' | 'station' | 'vipps' | 'operator' | 'system';

export interface StoredSession {
  session: Session;
  version: number;
}

export interface StoredEvent {
  at: string;
  source: string;
  type: string;
  data: Record<string, unknown>;
}

// One database transaction: the state change, its history and the side
// effects it calls for are written together or not at all (invariant 5).
export interface SessionTx {
  load(id: string): Promise<StoredSession | undefined>; // locked until the transaction ends
  insert(session: Session, events: SessionEvent[], source: EventSource): Promise<void>;
  save(session: Session, version: number, events: SessionEvent[], source: EventSource): Promise<void>;
  enqueue(session: Session, commands: SessionCommand[], now: Date): Promise<void>;
}

export interface SessionRepository {
  inTransaction<T>(fn: (tx: SessionTx) => Promise<T>): Promise<T>;
  byId(id: string): Promise<StoredSession | undefined>;
  byToken(token: string): Promise<StoredSession | undefined>;
  byReference(reference: string): Promise<StoredSession | undefined>;
  byIdTag(idTag: string): Promise<StoredSession | undefined>;
  byRemoteStartId(stationId: string, remoteStartId: number): Promise<StoredSession | undefined>;
  byTransaction(stationId: string, transactionId: string): Promise<StoredSession | undefined>;
  activeOnConnector(connectorId: string): Promise<StoredSession | undefined>;
  // Any station's session with this transaction id (only to spot a station
  // speaking of another station's session).
  byTransactionOnAnyStation(transactionId: string): Promise<StoredSession | undefined>;
  // Sessions in the given states on one station, oldest change first.
  onStation(stationId: string, states: readonly SessionState[]): Promise<StoredSession[]>;
  // Sessions whose station has yet to end a transaction Ladepay asked it to stop.
  stopOwedOnStation(stationId: string): Promise<StoredSession[]>;
  inStates(states: readonly SessionState[], limit: number): Promise<StoredSession[]>;
  events(id: string): Promise<StoredEvent[]>;
}

// Raised by insert when the connector already has an active session: the
// database's unique index is the judge (invariant 4).
export class ConnectorBusyError extends Error {
  constructor(readonly connectorId: string) {
    super(`connector ${connectorId} already has an active session`);
    this.name = 'ConnectorBusyError';
  }
}
