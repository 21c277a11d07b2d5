import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { normalizeEmail } from '../../core/operator-email.ts';
import { roleOf, type Role } from '../../core/operator-role.ts';
import type { LoginSession, LoginSessions, OperatorUser, OperatorUsers, SessionLifetime } from '../../usecases/ports/operator-users.ts';
import type { Database, OperatorUsersTable } from './schema.ts';

// Operator users and their console login sessions (migration 0002).

export interface OperatorSessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

type Tables = Database & { operator_sessions: OperatorSessionsTable };

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function toUser(row: OperatorUsersTable): OperatorUser {
  return { id: row.id, email: row.email, role: roleOf(row.role), disabled: row.disabled === 1, createdAt: row.created_at };
}

export class UserStore implements OperatorUsers, LoginSessions {
  private readonly db: Kysely<Tables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ operator_sessions: OperatorSessionsTable }>();
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('operator_users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  // undefined when the email is taken.
  async create(u: { email: string; passwordHash: string; role: Role }, now: Date): Promise<OperatorUser | undefined> {
    const email = normalizeEmail(u.email);
    if (await this.byEmail(email)) return undefined;
    const user = { id: randomUUID(), email, password_hash: u.passwordHash, role: u.role, disabled: 0, created_at: now.toISOString() };
    await this.db.insertInto('operator_users').values(user).execute();
    return { id: user.id, email, role: u.role, disabled: false, createdAt: user.created_at };
  }

  // The first owner from the environment (or the demo): made only while there is no user at all.
  async createFirst(u: { email: string; passwordHash: string }, now: Date): Promise<boolean> {
    if ((await this.count()) > 0) return false;
    return (await this.create({ ...u, role: 'owner' }, now)) !== undefined;
  }

  async byEmail(email: string): Promise<(OperatorUser & { passwordHash: string }) | undefined> {
    const row = await this.db.selectFrom('operator_users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
    return row && { ...toUser(row), passwordHash: row.password_hash };
  }

  async byId(id: string): Promise<OperatorUser | undefined> {
    const row = await this.db.selectFrom('operator_users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  async list(): Promise<OperatorUser[]> {
    return (await this.db.selectFrom('operator_users').selectAll().orderBy('email').execute()).map(toUser);
  }

  async setRole(userId: string, role: Role): Promise<void> {
    await this.db.updateTable('operator_users').set({ role }).where('id', '=', userId).execute();
  }

  // Disabling ends the user's logins at once (session() refuses a disabled user).
  async setDisabled(userId: string, disabled: boolean): Promise<void> {
    await this.db.updateTable('operator_users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', userId).execute();
    if (disabled) await this.endSessionsOf(userId);
  }

  // Owners who can still log in: the console must never be left without one.
  async activeOwners(): Promise<number> {
    const rows = await this.db.selectFrom('operator_users').select('role').where('disabled', '=', 0).execute();
    return rows.filter((r) => roleOf(r.role) === 'owner').length;
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('operator_users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
  }

  async startSession(userId: string, now: Date, lifetime: SessionLifetime): Promise<{ sessionId: string; csrfToken: string }> {
    const sessionId = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await this.db
      .insertInto('operator_sessions')
      .values({
        id_hash: sha256(sessionId),
        user_id: userId,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + Math.min(lifetime.idleMs, lifetime.absoluteMs)).toISOString(),
      })
      .execute();
    return { sessionId, csrfToken };
  }

  // The live session for a cookie's id, its idle expiry pushed forward; a
  // disabled user's sessions end with the user.
  async session(sessionId: string, now: Date, lifetime: SessionLifetime): Promise<LoginSession | undefined> {
    const idHash = sha256(sessionId);
    const row = await this.db
      .selectFrom('operator_sessions as s')
      .innerJoin('operator_users as u', 'u.id', 's.user_id')
      .select(['s.csrf_token', 's.created_at', 's.expires_at', 'u.id', 'u.email', 'u.role', 'u.disabled', 'u.created_at as user_created_at'])
      .where('s.id_hash', '=', idHash)
      .executeTakeFirst();
    const at = now.toISOString();
    if (!row || row.expires_at <= at || row.disabled === 1) return undefined;
    const end = Math.min(new Date(row.created_at).getTime() + lifetime.absoluteMs, now.getTime() + lifetime.idleMs);
    let expiresAt = row.expires_at;
    // One write a minute at most, not one per page view.
    if (end - new Date(row.expires_at).getTime() > 60_000) {
      expiresAt = new Date(end).toISOString();
      await this.db.updateTable('operator_sessions').set({ expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
    }
    return {
      user: { id: row.id, email: row.email, role: roleOf(row.role), disabled: false, createdAt: row.user_created_at },
      csrfToken: row.csrf_token,
      createdAt: row.created_at,
      expiresAt,
    };
  }

  async endSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom('operator_sessions').where('id_hash', '=', sha256(sessionId)).execute();
  }

  async endSessionsOf(userId: string): Promise<void> {
    await this.db.deleteFrom('operator_sessions').where('user_id', '=', userId).execute();
  }

  async pruneSessions(now: Date): Promise<number> {
    const r = await this.db.deleteFrom('operator_sessions').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
