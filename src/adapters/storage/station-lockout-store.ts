import type { Generated, Kysely, Selectable } from 'kysely';
import type { LockKind, NewLock } from '../ocpp/station-auth-limiter.ts';
import type { Lockout, LockoutStore } from '../ocpp/station-lockouts.ts';
import type { Database } from './schema.ts';

// See 0004-station-doors.ts.
export interface StationLockoutsTable {
  id: Generated<number>;
  kind: string;
  station_id: string | null;
  address: string;
  failures: number;
  locked_at: string;
  locked_until: string;
  lifted_at: string | null;
  lifted_by: string | null;
}

type Tables = Database & { station_lockouts: StationLockoutsTable };

function toLockout(r: Selectable<StationLockoutsTable>): Lockout {
  return {
    id: Number(r.id),
    kind: r.kind as LockKind,
    stationId: r.station_id,
    address: r.address,
    failures: r.failures,
    lockedAt: new Date(r.locked_at),
    lockedUntil: new Date(r.locked_until),
    liftedAt: r.lifted_at ? new Date(r.lifted_at) : null,
    liftedBy: r.lifted_by,
  };
}

export class KyselyLockoutStore implements LockoutStore {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ station_lockouts: StationLockoutsTable }>();
  }

  async record(lock: NewLock, now: Date): Promise<void> {
    await this.db
      .insertInto('station_lockouts')
      .values({
        kind: lock.kind,
        station_id: lock.stationId,
        address: lock.address,
        failures: lock.failures,
        locked_at: now.toISOString(),
        locked_until: new Date(lock.until).toISOString(),
        lifted_at: null,
        lifted_by: null,
      })
      .execute();
  }

  async active(now: Date): Promise<Lockout[]> {
    const rows = await this.db
      .selectFrom('station_lockouts')
      .selectAll()
      .where('locked_until', '>', now.toISOString())
      .where('lifted_at', 'is', null)
      .orderBy('id', 'desc')
      .limit(1000)
      .execute();
    return rows.map(toLockout);
  }

  async byId(id: number): Promise<Lockout | undefined> {
    const row = await this.db.selectFrom('station_lockouts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toLockout(row);
  }

  async lift(id: number, by: string, now: Date): Promise<Lockout | undefined> {
    const r = await this.db
      .updateTable('station_lockouts')
      .set({ lifted_at: now.toISOString(), lifted_by: by })
      .where('id', '=', id)
      .where('lifted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0 ? this.byId(id) : undefined;
  }
}
