import type { AuditEntry, AuditTrail } from '../ports/operator-audit.ts';
import type { OutboxForSession, SessionQueries } from '../ports/operator-session-queries.ts';
import type { OcppFrame, OcppFrames, PaymentEvent, PaymentEvents } from '../ports/operator-station-logs.ts';
import type { Station, StationRegistry } from '../ports/operator-stations.ts';
import type { SessionRepository, StoredEvent, StoredSession } from '../ports/session-repository.ts';

export interface SessionFileDeps {
  repo: Pick<SessionRepository, 'byId' | 'events'>;
  queries: Pick<SessionQueries, 'outboxForSession'>;
  stations: Pick<StationRegistry, 'station'>;
  ocppFrames: OcppFrames;
  paymentEvents: PaymentEvents;
  audit: Pick<AuditTrail, 'of'>;
}

// The station's OCPP frames a session's file holds at most: a station
// reporting every few seconds for hours would drown the rest.
export const SESSION_OCPP_FRAMES = 500;

// Everything known about one session, for the operator to work out what
// happened: its own history, the station's OCPP frames while it ran (and a
// minute after), Vipps' webhooks, the side effects it called for and what
// operators did to it.
export interface SessionFile extends StoredSession {
  station?: Station;
  events: StoredEvent[];
  ocpp: OcppFrame[];
  payments: PaymentEvent[];
  outbox: OutboxForSession[];
  audit: AuditEntry[];
}

export function sessionFile(d: SessionFileDeps) {
  return async (sessionId: string, now: Date): Promise<SessionFile | undefined> => {
    const stored = await d.repo.byId(sessionId);
    if (!stored) return undefined;
    const s = stored.session;
    const until = new Date((s.endedAt ? Date.parse(s.endedAt) : now.getTime()) + 60_000).toISOString();
    const [events, ocpp, payments, outbox, audit, station] = await Promise.all([
      d.repo.events(s.id),
      d.ocppFrames.forStation(s.stationId, SESSION_OCPP_FRAMES, s.createdAt, until),
      d.paymentEvents.forReference(s.reference),
      d.queries.outboxForSession(s.id),
      d.audit.of('session', s.id),
      d.stations.station(s.stationId),
    ]);
    return { ...stored, ...(station ? { station } : {}), events, ocpp, payments, outbox, audit };
  };
}
