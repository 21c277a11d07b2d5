// Who may do what, for console users and API tokens alike:
// - viewer: reads everything, downloads the CSV; changes nothing.
// - operator: also acts: stop, settle, retry, refund, station commands and
//   passwords, sites, stations, connectors, tariffs.
// - owner: also decides who may act: users, API tokens, and reads the audit log.
export const ROLES = ['viewer', 'operator', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

// A stored role; anything unknown reads as the least one, never as more.
export function roleOf(stored: string): Role {
  if (stored === 'admin') return 'owner';
  return isRole(stored) ? stored : 'viewer';
}

export function roleAllows(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}
