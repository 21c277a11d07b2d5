import type { NewLock } from '../../src/adapters/ocpp/station-auth-limiter.ts';
import type { Lockout, LockoutStore } from '../../src/adapters/ocpp/station-lockouts.ts';

// The lockout table in memory, for the endpoint on its own.
export function createMemoryLockoutStore(): LockoutStore & { rows: Lockout[] } {
  const rows: Lockout[] = [];
  return {
    rows,
    async record(lock: NewLock, now: Date) {
      rows.push({ id: rows.length + 1, kind: lock.kind, stationId: lock.stationId, address: lock.address, failures: lock.failures, lockedAt: now, lockedUntil: new Date(lock.until), liftedAt: null, liftedBy: null });
    },
    async active(now) {
      return rows.filter((r) => r.liftedAt === null && r.lockedUntil > now);
    },
    async byId(id) {
      return rows.find((r) => r.id === id);
    },
    async lift(id, by, now) {
      const row = rows.find((r) => r.id === id && r.liftedAt === null);
      if (!row) return undefined;
      row.liftedAt = now;
      row.liftedBy = by;
      return row;
    },
  };
}
