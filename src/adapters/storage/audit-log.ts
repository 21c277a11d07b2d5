import type { Kysely } from 'kysely';
import type { AuditEntry, OperatorAuditTable } from './console-queries.ts';
import type { Database } from './schema.ts';

export interface AuditRecord extends AuditEntry {
  id: number;
}

export interface AuditQuery {
  limit: number;
  // Older than this record (the next page).
  beforeId?: number;
  // Exact matches.
  actor?: string;
  action?: string;
}

// The audit log as owners read it: every operator action and login, newest
// first. Written by ConsoleQueries.audit.
export class AuditLog {
  private readonly db: Kysely<Database & { operator_audit: OperatorAuditTable }>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ operator_audit: OperatorAuditTable }>();
  }

  async recent(q: AuditQuery): Promise<AuditRecord[]> {
    let query = this.db.selectFrom('operator_audit').selectAll().orderBy('id', 'desc').limit(q.limit);
    if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
    if (q.actor) query = query.where('actor', '=', q.actor);
    if (q.action) query = query.where('action', '=', q.action);
    return (await query.execute()).map((r) => ({
      id: Number(r.id),
      at: r.at,
      actor: r.actor,
      action: r.action,
      subjectType: r.subject_type as AuditEntry['subjectType'],
      subjectId: r.subject_id,
      outcome: r.outcome,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
      ...(r.address !== null ? { address: r.address } : {}),
    }));
  }
}
