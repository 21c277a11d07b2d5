import type { Kysely } from 'kysely';
import type { SecondPasswordRole, StationCredentials, StationPasswords } from '../ocpp/station-directory.ts';
import type { Database } from './schema.ts';

// See 0004-station-doors.ts.
export interface StationSecondPasswordsTable {
  station_id: string;
  password_hash: string;
  role: string;
  valid_until: string;
  created_at: string;
}

type Tables = Database & { station_second_passwords: StationSecondPasswordsTable };

export class KyselyStationPasswords implements StationPasswords {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ station_second_passwords: StationSecondPasswordsTable }>();
  }

  async findCredentials(stationId: string, now: Date): Promise<StationCredentials | undefined> {
    const row = await this.db
      .selectFrom('stations')
      .leftJoin('station_second_passwords as sp', 'sp.station_id', 'stations.id')
      .select(['stations.password_hash as hash', 'stations.disabled as disabled', 'sp.password_hash as secondHash', 'sp.role as role', 'sp.valid_until as until'])
      .where('stations.id', '=', stationId)
      .executeTakeFirst();
    if (!row) return undefined;
    const credentials: StationCredentials = { passwordHash: row.hash, disabled: row.disabled === 1 };
    if (row.secondHash && row.until && row.until > now.toISOString() && (row.role === 'next' || row.role === 'previous')) {
      credentials.second = { passwordHash: row.secondHash, role: row.role, validUntil: new Date(row.until) };
    }
    return credentials;
  }

  passwordState(stationId: string, now: Date): Promise<StationCredentials | undefined> {
    return this.findCredentials(stationId, now);
  }

  // Both this and confirmNext take the offer's row first and the station's
  // after, so that side by side (PostgreSQL) one waits for the other.
  async settleSecondPassword(stationId: string, usedHash: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (await this.claimOffer(trx, stationId, usedHash)) {
        await trx.updateTable('stations').set({ password_hash: usedHash }).where('id', '=', stationId).execute();
        return;
      }
      const station = await trx.selectFrom('stations').select('password_hash').where('id', '=', stationId).executeTakeFirst();
      if (station?.password_hash !== usedHash) return;
      await trx.deleteFrom('station_second_passwords').where('station_id', '=', stationId).where('role', '=', 'previous').execute();
    });
  }

  async setPassword(stationId: string, passwordHash: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('stations').set({ password_hash: passwordHash }).where('id', '=', stationId).execute();
      await trx.deleteFrom('station_second_passwords').where('station_id', '=', stationId).execute();
    });
  }

  async offerNext(stationId: string, passwordHash: string, validUntil: Date, now: Date): Promise<void> {
    await this.putSecond(this.db, stationId, passwordHash, 'next', validUntil, now);
  }

  async confirmNext(stationId: string, passwordHash: string, validUntil: Date, now: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // Claim the offer first: if the station already came back with it,
      // settleSecondPassword made it the password and removed the offer, and
      // the old one is gone for good. Deleting the row (not reading it) makes
      // a concurrent settlement wait for this one, or this one for it.
      if (!(await this.claimOffer(trx, stationId, passwordHash))) return;
      const current = await trx.selectFrom('stations').select('password_hash').where('id', '=', stationId).executeTakeFirst();
      if (!current || current.password_hash === passwordHash) return;
      await trx.updateTable('stations').set({ password_hash: passwordHash }).where('id', '=', stationId).execute();
      await this.putSecond(trx, stationId, current.password_hash, 'previous', validUntil, now);
    });
  }

  async withdrawNext(stationId: string, passwordHash: string): Promise<void> {
    await this.db
      .deleteFrom('station_second_passwords')
      .where('station_id', '=', stationId)
      .where('password_hash', '=', passwordHash)
      .where('role', '=', 'next')
      .execute();
  }

  // Removes the offer of this password, if it is still there: whoever
  // removes it (the settlement or the confirmation) acts on it.
  private async claimOffer(db: Kysely<Tables>, stationId: string, passwordHash: string): Promise<boolean> {
    const claimed = await db
      .deleteFrom('station_second_passwords')
      .where('station_id', '=', stationId)
      .where('role', '=', 'next')
      .where('password_hash', '=', passwordHash)
      .executeTakeFirst();
    return Number(claimed.numDeletedRows) > 0;
  }

  private async putSecond(db: Kysely<Tables>, stationId: string, passwordHash: string, role: SecondPasswordRole, validUntil: Date, now: Date): Promise<void> {
    const row = { station_id: stationId, password_hash: passwordHash, role, valid_until: validUntil.toISOString(), created_at: now.toISOString() };
    await db
      .insertInto('station_second_passwords')
      .values(row)
      .onConflict((oc) => oc.column('station_id').doUpdateSet({ password_hash: row.password_hash, role, valid_until: row.valid_until, created_at: row.created_at }))
      .execute();
  }
}
