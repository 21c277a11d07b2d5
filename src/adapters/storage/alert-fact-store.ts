import type { Kysely } from 'kysely';
import { ATTENTION_FLAGS, type AlertFacts } from '../../core/alerts/alert-facts.ts';
import type { AlertThresholds } from '../../core/alerts/alert-thresholds.ts';
import { ALERT_DELIVERY_KINDS, type AlertFactSource } from '../../usecases/ports/alerts.ts';
import type { Database } from './schema.ts';
import { decodeSession, readableRows, type StoredSessionError } from './session-codec.ts';

const ALERT_KINDS = Object.values(ALERT_DELIVERY_KINDS);
// Enough to show that something is wrong; the console lists the rest.
const MAX_ROWS = 200;

// The facts the alert rules look at, read from the database.
export class AlertFactStore implements AlertFactSource {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly onUnreadable: (e: StoredSessionError) => void,
  ) {}

  async read(now: Date, t: AlertThresholds): Promise<Omit<AlertFacts, 'vippsCalls'>> {
    return {
      stations: await this.stations(),
      faultedConnectors: await this.faultedConnectors(),
      deadOutboxItems: await this.deadOutboxItems(),
      flaggedSessions: await this.flaggedSessions(new Date(now.getTime() - t.sessionFlagHours * 3_600_000)),
      failingDeliveries: await this.failingDeliveries(),
    };
  }

  private async stations(): Promise<AlertFacts['stations']> {
    const rows = await this.db.selectFrom('stations').select(['id', 'name', 'online', 'disabled', 'last_seen_at']).orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, online: r.online === 1, disabled: r.disabled === 1, lastSeenAt: r.last_seen_at }));
  }

  // A connector or station an operator disabled is out of service on purpose.
  private async faultedConnectors(): Promise<AlertFacts['faultedConnectors']> {
    const rows = await this.db
      .selectFrom('connectors')
      .innerJoin('stations', 'stations.id', 'connectors.station_id')
      .select(['connectors.id', 'connectors.station_id', 'connectors.connector_no', 'connectors.code', 'connectors.error_code', 'connectors.status_at'])
      .where('connectors.status', '=', 'faulted')
      .where('connectors.disabled', '=', 0)
      .where('stations.disabled', '=', 0)
      .orderBy('connectors.id')
      .limit(MAX_ROWS)
      .execute();
    return rows.map((r) => ({ id: r.id, stationId: r.station_id, connectorNo: r.connector_no, code: r.code, errorCode: r.error_code, since: r.status_at }));
  }

  private async deadOutboxItems(): Promise<AlertFacts['deadOutboxItems']> {
    const rows = await this.db
      .selectFrom('outbox')
      .select(['id', 'kind', 'key', 'last_error'])
      .where('state', '=', 'dead')
      .where('kind', 'not in', ALERT_KINDS)
      .orderBy('id')
      .limit(MAX_ROWS)
      .execute();
    return rows.map((r) => ({ id: r.id, kind: r.kind, key: r.key, lastError: r.last_error }));
  }

  // Waiting again after a failure, or dead since the last delivery that got through.
  private async failingDeliveries(): Promise<AlertFacts['failingDeliveries']> {
    const lastDone = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('kind', 'in', ALERT_KINDS)
      .where('state', '=', 'done')
      .executeTakeFirst();
    const doneId = Number(lastDone?.id ?? 0);
    const rows = await this.db
      .selectFrom('outbox')
      .select(['id', 'kind', 'attempts', 'state', 'last_error'])
      .where('kind', 'in', ALERT_KINDS)
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'pending'), eb('last_error', 'is not', null)]),
          eb.and([eb('state', '=', 'dead'), eb('id', '>', doneId)]),
        ]),
      )
      .orderBy('id')
      .limit(MAX_ROWS)
      .execute();
    return rows.map((r) => ({ id: r.id, kind: r.kind, attempts: r.attempts, dead: r.state === 'dead', lastError: r.last_error }));
  }

  // The flags live in the session's stored value; the LIKE only narrows the rows to decode.
  private async flaggedSessions(since: Date): Promise<AlertFacts['flaggedSessions']> {
    const rows = await this.db
      .selectFrom('sessions')
      .select(['id', 'data', 'updated_at'])
      .where((eb) =>
        eb.or([
          eb('state', '=', 'needs_review'),
          eb.and([eb('updated_at', '>=', since.toISOString()), eb.or(ATTENTION_FLAGS.map((f) => eb('data', 'like', `%"${f}"%`)))]),
        ]),
      )
      .orderBy('updated_at', 'desc')
      .limit(MAX_ROWS)
      .execute();
    const sessions = readableRows(rows, (r) => ({ session: decodeSession(r.data, r.id), updatedAt: r.updated_at }), this.onUnreadable);
    return sessions
      .filter(({ session: s }) => s.state === 'needs_review' || s.flags.some((f) => (ATTENTION_FLAGS as readonly string[]).includes(f)))
      .map(({ session: s, updatedAt }) => ({ id: s.id, state: s.state, flags: s.flags, updatedAt }));
  }
}
