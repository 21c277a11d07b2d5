import { isActive, isStopOwed } from '../core/session/session.ts';
import type { SessionRepository, StoredSession } from './ports/session-repository.ts';

// Kinds of station input that can name a session.
export type SessionInputKind = 'authorize' | 'transaction_start' | 'meter_values' | 'transaction_update' | 'transaction_end';

// A station spoke of a session that belongs to another station: a broken or
// hostile station (invariant 7). Nothing secret in it: no id tag.
export interface ForeignSessionInput {
  kind: SessionInputKind;
  stationId: string; // who sent it
  sessionId: string;
  sessionStationId: string; // whose session it is
}

export interface SessionKeys {
  transactionId?: string;
  remoteStartId?: number;
  idTag?: string;
}

// Finds the session an OCPP input is about, on the sending station only:
// by (station, transaction), then (station, remoteStartId), then the id tag if
// the tag's session is this station's. When none of the station's own matches
// but another station's session does, that is reported and nothing is returned.
export function stationSessionLookup(repo: SessionRepository, foreign: (e: ForeignSessionInput) => void) {
  const report = (kind: SessionInputKind, stationId: string, other: StoredSession | undefined) => {
    if (other && other.session.stationId !== stationId) {
      foreign({ kind, stationId, sessionId: other.session.id, sessionStationId: other.session.stationId });
    }
  };

  return {
    async own(kind: SessionInputKind, stationId: string, keys: SessionKeys): Promise<StoredSession | undefined> {
      const { transactionId, remoteStartId, idTag } = keys;
      const byTransaction = transactionId === undefined ? undefined : await repo.byTransaction(stationId, transactionId);
      if (byTransaction) return byTransaction;
      const byRemoteStart = remoteStartId === undefined ? undefined : await repo.byRemoteStartId(stationId, remoteStartId);
      if (byRemoteStart) return byRemoteStart;
      const byTag = idTag ? await repo.byIdTag(idTag) : undefined;
      if (byTag?.session.stationId === stationId) return byTag;
      if (byTag) {
        report(kind, stationId, byTag); // a random 100-bit tag: no station has it by chance
        return undefined;
      }
      // 2.0.1 stations make their own transaction ids, and two may pick the
      // same one: only a session still open at its station counts as a target.
      const byId = transactionId === undefined ? undefined : await repo.byTransactionOnAnyStation(transactionId);
      if (byId && (isActive(byId.session) || isStopOwed(byId.session))) report(kind, stationId, byId);
      return undefined;
    },
  };
}

export type StationSessionLookup = ReturnType<typeof stationSessionLookup>;
