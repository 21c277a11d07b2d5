import type { ConnectorFacts, RefundFacts, SessionFacts, StationPlace } from '../../core/fleet-report.ts';
import type { Session } from '../../core/session/session.ts';
import type { SessionFilter } from './operator-session-queries.ts';

// What the reports and the bookkeeping CSV read: the stored sessions with
// their bills, the refunds made, the connectors and where each station is.

// A settled session as the bookkeeping CSV shows it.
export interface SettledSessionRow {
  session: Session;
  siteName: string;
  stationName: string;
  pspReference?: string;
  receiptNumber?: number;
}

export interface ReportQueries {
  places(): Promise<StationPlace[]>;
  connectors(): Promise<ConnectorFacts[]>;
  // Every session that may have been made, charged or ended in [fromIso, toIso);
  // the report's own rules pick what counts where.
  sessionsTouching(fromIso: string, toIso: string): Promise<SessionFacts[]>;
  // Refunds Vipps confirmed, made in [fromIso, toIso).
  refundsIn(fromIso: string, toIso: string): Promise<RefundFacts[]>;
  // Settled sessions made in the filter's window: the newest up to the limit, oldest first.
  settledSessions(f: Omit<SessionFilter, 'state'>): Promise<SettledSessionRow[]>;
}
