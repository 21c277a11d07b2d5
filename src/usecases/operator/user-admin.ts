import type { Role } from '../../core/operator-role.ts';
import type { LoginSessions, OperatorUser, OperatorUsers } from '../ports/operator-users.ts';

export interface UserAdminDeps {
  users: OperatorUsers;
  logins: Pick<LoginSessions, 'endSessionsOf'>;
  now(): Date;
}

export type UserChangeRefusal = 'not_found' | 'own_account' | 'last_owner';

// Console users, managed by owners. Passwords are made and hashed by the
// caller; only the hash comes here.
export function userAdmin(d: UserAdminDeps) {
  return {
    list: (): Promise<OperatorUser[]> => d.users.list(),
    get: (id: string): Promise<OperatorUser | undefined> => d.users.byId(id),

    async create(u: { email: string; passwordHash: string; role: Role }): Promise<{ ok: true; user: OperatorUser } | { ok: false; reason: 'email_taken' }> {
      const user = await d.users.create(u, d.now());
      return user ? { ok: true, user } : { ok: false, reason: 'email_taken' };
    },

    // Nobody changes their own role or disables themselves (another owner
    // can), and the console is never left without an active owner.
    async update(actorId: string, userId: string, change: { role: Role; disabled: boolean }): Promise<{ ok: true } | { ok: false; reason: UserChangeRefusal }> {
      const user = await d.users.byId(userId);
      if (!user) return { ok: false, reason: 'not_found' };
      if (user.id === actorId && (change.role !== user.role || change.disabled)) return { ok: false, reason: 'own_account' };
      const losesOwner = user.role === 'owner' && !user.disabled && (change.role !== 'owner' || change.disabled);
      if (losesOwner && (await d.users.activeOwners()) <= 1) return { ok: false, reason: 'last_owner' };
      await d.users.setRole(user.id, change.role);
      await d.users.setDisabled(user.id, change.disabled);
      return { ok: true };
    },

    // A new password ends the user's logins.
    async setPassword(userId: string, passwordHash: string): Promise<void> {
      await d.users.setPasswordHash(userId, passwordHash);
      await d.logins.endSessionsOf(userId);
    },
  };
}

export type UserAdmin = ReturnType<typeof userAdmin>;
