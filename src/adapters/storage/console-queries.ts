import type { Generated, Kysely } from 'kysely';
import type { Session } from '../../core/session/session.ts';
import type { SessionState } from '../../core/vocabulary/session-states.ts';
import { newConnectorCode } from './connector-code.ts';
import type { Database } from './schema.ts';
import { decodeSession, readableRows, type StoredSessionError } from './session-codec.ts';
import type { Connector, Site } from './station-store.ts';
import type { TariffRow } from './tariff-store.ts';

// What the operator console and the REST API read, and the few edits they
// make beyond StationStore and TariffStore (renaming, disabling, adding a
// connector), plus the record of what operators did (migration 0002).

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

type Tables = Database & { operator_audit: OperatorAuditTable };

export interface AuditEntry {
  at: string;
  actor: string; // 'console:<email>' or 'api:<token name>'
  action: string;
  subjectType: 'session' | 'station' | 'site' | 'connector' | 'tariff' | 'user' | 'api_token';
  subjectId: string;
  outcome: string; // 'ok' or a stable failure code
  detail: Record<string, unknown>;
  // Where it came from: the client's real address (see TRUSTED_PROXIES).
  address?: string;
}

export interface SessionFilter {
  state?: SessionState;
  stationId?: string;
  fromIso?: string; // created at or after
  toIso?: string; // created before
  reference?: string;
  limit?: number;
}

export interface SessionRow {
  session: Session;
  version: number;
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

export class ConsoleQueries {
  private readonly db: Kysely<Tables>;

  constructor(
    db: Kysely<Database>,
    // A damaged session row is left out of lists and reported here.
    private readonly onUnreadable: (error: StoredSessionError) => void = () => undefined,
  ) {
    this.db = db.withTables<{ operator_audit: OperatorAuditTable }>();
  }

  async site(id: string): Promise<Site | undefined> {
    return this.db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async updateSite(id: string, patch: { name?: string; address?: string; disabled?: boolean }): Promise<boolean> {
    const r = await this.db
      .updateTable('sites')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.address !== undefined ? { address: patch.address } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled ? 1 : 0 } : {}),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async updateStation(id: string, patch: { name?: string; siteId?: string; disabled?: boolean }): Promise<boolean> {
    const r = await this.db
      .updateTable('stations')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.siteId !== undefined ? { site_id: patch.siteId } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled ? 1 : 0 } : {}),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async connector(id: string): Promise<Connector | undefined> {
    return this.db.selectFrom('connectors').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async connectorsByCodes(codes: readonly string[]): Promise<Connector[]> {
    if (codes.length === 0) return [];
    return this.db.selectFrom('connectors').selectAll().where('code', 'in', [...codes]).orderBy('station_id').orderBy('connector_no').execute();
  }

  // The next connector number on the station, with a fresh public code.
  async addConnector(stationId: string, c: { type: string; maxPowerW: number }, now: Date): Promise<Connector> {
    return this.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('connectors')
        .select((eb) => eb.fn.max('connector_no').as('n'))
        .where('station_id', '=', stationId)
        .executeTakeFirst();
      const connectorNo = Number(last?.n ?? 0) + 1;
      let code = newConnectorCode();
      while (await trx.selectFrom('connectors').select('id').where('code', '=', code).executeTakeFirst()) code = newConnectorCode();
      const row: Connector = {
        id: `${stationId}-${connectorNo}`,
        station_id: stationId,
        connector_no: connectorNo,
        code,
        type: c.type,
        max_power_w: c.maxPowerW,
        status: 'unknown',
        error_code: null,
        status_at: null,
        disabled: 0,
        created_at: now.toISOString(),
      };
      await trx.insertInto('connectors').values(row).execute();
      return row;
    });
  }

  async updateConnector(id: string, patch: { type?: string; maxPowerW?: number; disabled?: boolean }): Promise<boolean> {
    const r = await this.db
      .updateTable('connectors')
      .set({
        ...(patch.type !== undefined ? { type: patch.type } : {}),
        ...(patch.maxPowerW !== undefined ? { max_power_w: patch.maxPowerW } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled ? 1 : 0 } : {}),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async tariff(id: string): Promise<TariffRow | undefined> {
    return this.db.selectFrom('tariffs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  // Newest first.
  async sessions(f: SessionFilter): Promise<SessionRow[]> {
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

  async audit(e: AuditEntry): Promise<void> {
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

  async auditOf(subjectType: AuditEntry['subjectType'], subjectId: string): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('operator_audit')
      .selectAll()
      .where('subject_type', '=', subjectType)
      .where('subject_id', '=', subjectId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      at: r.at,
      actor: r.actor,
      action: r.action,
      subjectType,
      subjectId: r.subject_id,
      outcome: r.outcome,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
      ...(r.address !== null ? { address: r.address } : {}),
    }));
  }
}
