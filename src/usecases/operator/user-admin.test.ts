import { describe, expect, it } from 'vitest';
import type { Role } from '../../core/operator-role.ts';
import type { OperatorUser, OperatorUsers } from '../ports/operator-users.ts';
import { userAdmin } from './user-admin.ts';

const anOwner = (id: string, o: Partial<OperatorUser> = {}): OperatorUser => ({ id, email: `${id}@example.no`, role: 'owner', disabled: false, createdAt: '2026-01-01T00:00:00.000Z', ...o });

// The users in memory, as the rules see them; the logins ended are noted.
function admin(people: OperatorUser[]) {
  const users = new Map(people.map((u) => [u.id, { ...u }]));
  const ended: string[] = [];
  const store = {
    byId: async (id: string) => users.get(id),
    activeOwners: async () => [...users.values()].filter((u) => u.role === 'owner' && !u.disabled).length,
    setRole: async (id: string, role: Role) => void (users.get(id)!.role = role),
    setDisabled: async (id: string, disabled: boolean) => void (users.get(id)!.disabled = disabled),
    setPasswordHash: async () => undefined,
  } as unknown as OperatorUsers;
  return { users, ended, admin: userAdmin({ users: store, logins: { endSessionsOf: async (id) => void ended.push(id) }, now: () => new Date() }) };
}

// Two active owners (a, b), or only one (a) beside a disabled one (c).
const TWO_OWNERS = [anOwner('a'), anOwner('b'), anOwner('c', { disabled: true })];
const ONE_OWNER = [anOwner('a'), anOwner('c', { disabled: true })];

describe('user admin', () => {
  it.each([
    ['an owner demotes another owner', TWO_OWNERS, 'a', 'b', { role: 'operator', disabled: false }, { ok: true }],
    ['an owner disables another owner', TWO_OWNERS, 'a', 'b', { role: 'owner', disabled: true }, { ok: true }],
    ['an owner demotes themselves', TWO_OWNERS, 'a', 'a', { role: 'viewer', disabled: false }, { ok: false, reason: 'own_account' }],
    ['an owner disables themselves', TWO_OWNERS, 'a', 'a', { role: 'owner', disabled: true }, { ok: false, reason: 'own_account' }],
    ['an owner saves themselves unchanged', TWO_OWNERS, 'a', 'a', { role: 'owner', disabled: false }, { ok: true }],
    ['the only active owner is demoted', ONE_OWNER, 'c', 'a', { role: 'operator', disabled: false }, { ok: false, reason: 'last_owner' }],
    ['the only active owner is disabled', ONE_OWNER, 'c', 'a', { role: 'owner', disabled: true }, { ok: false, reason: 'last_owner' }],
    ['nobody is changed', TWO_OWNERS, 'a', 'nobody', { role: 'viewer', disabled: false }, { ok: false, reason: 'not_found' }],
  ] as const)('%s', async (_, people, actor, target, change, outcome) => {
    expect(await admin(people).admin.update(actor, target, change)).toEqual(outcome);
  });

  it('leaves a refused change undone', async () => {
    const { users, admin: a } = admin(ONE_OWNER);
    await a.update('c', 'a', { role: 'viewer', disabled: true });
    expect(users.get('a')).toMatchObject({ role: 'owner', disabled: false });
  });

  it('ends the logins of a user given a new password', async () => {
    const { ended, admin: a } = admin([anOwner('a')]);
    await a.setPassword('a', 'scrypt$…');
    expect(ended).toEqual(['a']);
  });
});
