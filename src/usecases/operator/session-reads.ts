import { ACTIVE_STATES } from '../../core/vocabulary/session-states.ts';
import type { SessionFilter, SessionQueries } from '../ports/operator-session-queries.ts';
import type { Connector, HardwareReport, Station, StationRegistry } from '../ports/operator-stations.ts';
import type { SessionRepository, StoredEvent, StoredSession } from '../ports/session-repository.ts';
import { sessionFile, type SessionFileDeps } from './session-file.ts';

export interface SessionReadsDeps extends SessionFileDeps {
  repo: Pick<SessionRepository, 'byId' | 'events' | 'inStates'>;
  queries: Pick<SessionQueries, 'sessions' | 'outboxForSession'>;
  stations: Pick<StationRegistry, 'listStations' | 'connectors' | 'station' | 'hardwareReports'>;
}

// Every station with its connectors, and the sessions running now.
export interface LiveOverview {
  stations: Station[];
  connectors: Connector[];
  active: StoredSession[];
  reports: HardwareReport[];
}

// The most active sessions the live view shows.
const LIVE_SESSIONS = 1000;

// Sessions as the operator finds and follows them.
export function sessionReads(d: SessionReadsDeps) {
  return {
    // Newest first.
    list: (f: SessionFilter): Promise<StoredSession[]> => d.queries.sessions(f),
    get: (id: string): Promise<StoredSession | undefined> => d.repo.byId(id),
    // The session's own history, in order.
    events: (id: string): Promise<StoredEvent[]> => d.repo.events(id),

    // Everything known about one session (session-file.ts).
    file: sessionFile(d),

    async live(): Promise<LiveOverview> {
      const [stations, connectors, active, reports] = await Promise.all([
        d.stations.listStations(),
        d.stations.connectors(),
        d.repo.inStates(ACTIVE_STATES, LIVE_SESSIONS),
        d.stations.hardwareReports(),
      ]);
      return { stations, connectors, active, reports };
    },
  };
}

export type SessionReads = ReturnType<typeof sessionReads>;
