import type { Kysely, Selectable, Transaction } from 'kysely';
import { isActive, isStopOwed, type Session } from '../../core/session/session.ts';
import { commandItem } from '../../core/session/session-commands.ts';
import type { SessionEvent } from '../../core/session/session-input.ts';
import type { SessionState } from '../../core/vocabulary/session-states.ts';
import {
  ConnectorBusyError,
  type EventSource,
  type SessionRepository,
  type SessionTx,
  type StoredEvent,
  type StoredSession,
} from '../../usecases/ports/session-repository.ts';
import type { DialectName } from './dialect-name.ts';
import type { Outbox } from './outbox.ts';
import type { Database, SessionsTable } from './schema.ts';
import { decodeSession, encodeSession, readableRows, type StoredSessionError } from './session-codec.ts';

function toStored(row: Selectable<SessionsTable>): StoredSession {
  return { session: decodeSession(row.data, row.id), version: row.version };
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err.code === '23505' || err.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(err.message ?? '');
}

export class KyselySessionRepository implements SessionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
    private readonly outbox: Outbox,
    // A damaged row in a list is skipped and reported here, so one row cannot
    // stop every sweep and page that lists it; a lookup by id still fails.
    private readonly onUnreadable: (error: StoredSessionError) => void = () => undefined,
  ) {}

  private readable(rows: Selectable<SessionsTable>[]): StoredSession[] {
    return readableRows(rows, toStored, this.onUnreadable);
  }

  async inTransaction<T>(fn: (tx: SessionTx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(this.tx(trx)));
  }

  private tx(trx: Transaction<Database>): SessionTx {
    const appendEvents = async (session: Session, events: SessionEvent[], source: EventSource) => {
      if (events.length === 0) return;
      await trx
        .insertInto('session_events')
        .values(events.map((e) => ({ session_id: session.id, at: session.updatedAt, source, type: e.type, data: JSON.stringify(e.data) })))
        .execute();
    };
    return {
      load: async (id) => {
        let q = trx.selectFrom('sessions').selectAll().where('id', '=', id);
        // PostgreSQL: inputs for one session queue up behind each other. SQLite
        // has one writer, so the transaction alone serialises them.
        if (this.dialect === 'postgres') q = q.forUpdate();
        const row = await q.executeTakeFirst();
        return row ? toStored(row) : undefined;
      },
      insert: async (session, events, source) => {
        try {
          await trx
            .insertInto('sessions')
            .values({
              id: session.id,
              token: session.token,
              connector_id: session.connectorId,
              active_connector_id: session.connectorId,
              state: session.state,
              vipps_reference: session.reference,
              id_tag: session.idTag,
              station_id: session.stationId,
              transaction_id: null,
              remote_start_id: session.remoteStartId,
              max_amount_ore: session.maxAmountOre,
              data: encodeSession(session),
              version: 1,
              created_at: session.createdAt,
              updated_at: session.updatedAt,
            })
            .execute();
        } catch (e) {
          if (isUniqueViolation(e)) throw new ConnectorBusyError(session.connectorId);
          throw e;
        }
        await appendEvents(session, events, source);
      },
      save: async (session, version, events, source) => {
        const r = await trx
          .updateTable('sessions')
          .set({
            state: session.state,
            active_connector_id: isActive(session) ? session.connectorId : null,
            transaction_id: session.transactionId ?? null,
            stop_owed: session.transactionId !== undefined && isStopOwed(session) ? 1 : 0,
            data: encodeSession(session),
            version: version + 1,
            updated_at: session.updatedAt,
          })
          .where('id', '=', session.id)
          .where('version', '=', version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new Error(`session ${session.id} changed under us (version ${version})`);
        await appendEvents(session, events, source);
      },
      enqueue: async (session, commands, now) => {
        for (const command of commands) await this.outbox.enqueue(trx, commandItem(session, command, now), now);
      },
    };
  }

  private async one(where: (q: ReturnType<typeof this.base>) => ReturnType<typeof this.base>): Promise<StoredSession | undefined> {
    const row = await where(this.base()).executeTakeFirst();
    return row ? toStored(row) : undefined;
  }

  private base() {
    return this.db.selectFrom('sessions').selectAll();
  }

  byId(id: string) {
    return this.one((q) => q.where('id', '=', id));
  }
  byToken(token: string) {
    return this.one((q) => q.where('token', '=', token));
  }
  byReference(reference: string) {
    return this.one((q) => q.where('vipps_reference', '=', reference));
  }
  byIdTag(idTag: string) {
    return this.one((q) => q.where('id_tag', '=', idTag));
  }
  byRemoteStartId(stationId: string, remoteStartId: number) {
    return this.one((q) => q.where('station_id', '=', stationId).where('remote_start_id', '=', remoteStartId));
  }
  byTransaction(stationId: string, transactionId: string) {
    return this.one((q) => q.where('station_id', '=', stationId).where('transaction_id', '=', transactionId).orderBy('created_at', 'desc'));
  }
  activeOnConnector(connectorId: string) {
    return this.one((q) => q.where('active_connector_id', '=', connectorId));
  }
  byTransactionOnAnyStation(transactionId: string) {
    return this.one((q) => q.where('transaction_id', '=', transactionId).orderBy('created_at', 'desc'));
  }

  async onStation(stationId: string, states: readonly SessionState[]): Promise<StoredSession[]> {
    if (states.length === 0) return [];
    const rows = await this.base().where('station_id', '=', stationId).where('state', 'in', [...states]).orderBy('updated_at').execute();
    return this.readable(rows);
  }

  async stopOwedOnStation(stationId: string): Promise<StoredSession[]> {
    const rows = await this.base().where('station_id', '=', stationId).where('stop_owed', '=', 1).orderBy('updated_at').limit(100).execute();
    return this.readable(rows);
  }

  async inStates(states: readonly SessionState[], limit: number): Promise<StoredSession[]> {
    if (states.length === 0) return [];
    const rows = await this.base().where('state', 'in', [...states]).orderBy('updated_at').limit(limit).execute();
    return this.readable(rows);
  }

  async events(id: string): Promise<StoredEvent[]> {
    const rows = await this.db.selectFrom('session_events').selectAll().where('session_id', '=', id).orderBy('id').execute();
    return rows.map((r) => ({ at: r.at, source: r.source, type: r.type, data: JSON.parse(r.data) as Record<string, unknown> }));
  }
}
