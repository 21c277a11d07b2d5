import type { Generated, Kysely } from 'kysely';
import type { AuditEntry, AuditQuery, AuditRecord, AuditTrail } from '../../usecases/ports/operator-audit.ts';
import type { Database } from './schema.ts';

// Migration 0002; the address since 0005.
export interface OperatorAuditTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  outcome: string;
  detail: string;
  // The client's address (migration 0005); null before it.
  address: string | null;
}

type Row = { id: number; at: string; actor: string; action: string; subject_type: string; subject_id: string; outcome: string; detail: string; address: string | null };

function entryOf(r: Row): AuditEntry {
  return {
    at: r.at,
    actor: r.actor,
    action: r.action,
    subjectType: r.subject_type as AuditEntry['subjectType'],
    subjectId: r.subject_id,
    outcome: r.outcome,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    ...(r.address !== null ? { address: r.address } : {}),
  };
}

// The audit log: every operator action and login. Owners read it newest
// first; a session's page shows its own entries in order.
export class AuditLog implements AuditTrail {
  private readonly db: Kysely<Database & { operator_audit: OperatorAuditTable }>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ operator_audit: OperatorAuditTable }>();
  }

  async record(e: AuditEntry): Promise<void> {
    await this.db
      .insertInto('operator_audit')
      .values({
        at: e.at,
        actor: e.actor,
        action: e.action,
        subject_type: e.subjectType,
        subject_id: e.subjectId,
        outcome: e.outcome,
        detail: JSON.stringify(e.detail),
        address: e.address ?? null,
      })
      .execute();
  }

  async of(subjectType: AuditEntry['subjectType'], subjectId: string): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('operator_audit')
      .selectAll()
      .where('subject_type', '=', subjectType)
      .where('subject_id', '=', subjectId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ ...entryOf(r), subjectType }));
  }

  async recent(q: AuditQuery): Promise<AuditRecord[]> {
    let query = this.db.selectFrom('operator_audit').selectAll().orderBy('id', 'desc').limit(q.limit);
    if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
    if (q.actor) query = query.where('actor', '=', q.actor);
    if (q.action) query = query.where('action', '=', q.action);
    return (await query.execute()).map((r) => ({ id: Number(r.id), ...entryOf(r) }));
  }
}
