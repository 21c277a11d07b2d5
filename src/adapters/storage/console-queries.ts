import type { Kysely } from 'kysely';
import type { OutboxForSession, SessionFilter, SessionQueries } from '../../usecases/ports/operator-session-queries.ts';
import type { StoredSession } from '../../usecases/ports/session-repository.ts';
import type { Database } from './schema.ts';
import { decodeSession, readableRows, type StoredSessionError } from './session-codec.ts';

// Sessions as the operator console and the REST API search them, how many
// are in each state, and the side effects each one called for.
export class ConsoleQueries implements SessionQueries {
  constructor(
    private readonly db: Kysely<Database>,
    // A damaged session row is left out of lists and reported here.
    private readonly onUnreadable: (error: StoredSessionError) => void = () => undefined,
  ) {}

  // Newest first.
  async sessions(f: SessionFilter): Promise<StoredSession[]> {
    let q = this.db.selectFrom('sessions').select(['id', 'data', 'version']).orderBy('created_at', 'desc').orderBy('id').limit(f.limit ?? 200);
    if (f.state) q = q.where('state', '=', f.state);
    if (f.stationId) q = q.where('station_id', '=', f.stationId);
    if (f.fromIso) q = q.where('created_at', '>=', f.fromIso);
    if (f.toIso) q = q.where('created_at', '<', f.toIso);
    if (f.reference) q = q.where('vipps_reference', '=', f.reference);
    return readableRows(await q.execute(), (r) => ({ session: decodeSession(r.data, r.id), version: r.version }), this.onUnreadable);
  }

  async sessionCountsByState(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('sessions')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  // Session ids are base32, so they hold no LIKE wildcard.
  async outboxForSession(sessionId: string): Promise<OutboxForSession[]> {
    if (!/^[a-z2-7]+$/.test(sessionId)) return [];
    const rows = await this.db.selectFrom('outbox').selectAll().where('key', 'like', `%-${sessionId}%`).orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      key: r.key,
      state: r.state,
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
      lastError: r.last_error,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }
}
