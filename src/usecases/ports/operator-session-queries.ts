import type { SessionState } from '../../core/vocabulary/session-states.ts';
import type { StoredSession } from './session-repository.ts';

// Sessions as the operator searches them, and the side effects each one
// called for.

export interface SessionFilter {
  state?: SessionState;
  stationId?: string;
  fromIso?: string; // created at or after
  toIso?: string; // created before
  reference?: string;
  limit?: number;
}

export interface OutboxForSession {
  id: number;
  kind: string;
  key: string;
  state: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SessionQueries {
  // Newest first; a stored session that cannot be read is left out.
  sessions(f: SessionFilter): Promise<StoredSession[]>;
  sessionCountsByState(): Promise<Record<string, number>>;
  outboxForSession(sessionId: string): Promise<OutboxForSession[]>;
}
