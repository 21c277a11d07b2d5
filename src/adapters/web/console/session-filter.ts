import { isSessionState } from '../../../core/vocabulary/session-states.ts';
import type { SessionFilter } from '../../../usecases/ports/operator-session-queries.ts';
import type { Messages } from './i18n/messages.ts';
import { osloDayEndUtc, osloLocalToUtc } from './oslo-time.ts';

export interface SessionQuery {
  state: string;
  station: string;
  from: string; // Oslo date, inclusive
  to: string; // Oslo date, inclusive
  reference: string;
}

function str(q: Record<string, unknown>, name: string): string {
  const v = q[name];
  return typeof v === 'string' ? v.trim().slice(0, 100) : '';
}

// The list's filters as the query gives them, and what they mean for the
// database; a filter that is not understood is reported, not ignored.
export function readSessionQuery(query: unknown, t: Messages): { query: SessionQuery; filter: SessionFilter; problems: string[] } {
  const q = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const sq: SessionQuery = { state: str(q, 'state'), station: str(q, 'station'), from: str(q, 'from'), to: str(q, 'to'), reference: str(q, 'reference') };
  const problems: string[] = [];
  const filter: SessionFilter = {};
  if (sq.state) {
    if (isSessionState(sq.state)) filter.state = sq.state;
    else problems.push(t.sessions.unknownState);
  }
  if (sq.station) filter.stationId = sq.station;
  if (sq.from) {
    const from = osloLocalToUtc(sq.from);
    if (from) filter.fromIso = from.toISOString();
    else problems.push(t.sessions.badFrom);
  }
  if (sq.to) {
    const to = osloDayEndUtc(sq.to);
    if (to) filter.toIso = to.toISOString();
    else problems.push(t.sessions.badTo);
  }
  if (sq.reference) filter.reference = sq.reference;
  return { query: sq, filter, problems };
}

export function queryString(q: Partial<SessionQuery>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}
