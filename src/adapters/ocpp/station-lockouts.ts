import type { Logger } from './logger.ts';
import type { LockKey, LockKind, NewLock, StationAuthLimiter } from './station-auth-limiter.ts';

export interface Lockout {
  id: number;
  kind: LockKind;
  stationId: string | null;
  address: string;
  failures: number;
  lockedAt: Date;
  lockedUntil: Date;
  liftedAt: Date | null;
  liftedBy: string | null;
}

// Where lockouts are kept, so that operators see them and every process (and
// a restart) honours them. Implemented by storage.
export interface LockoutStore {
  record(lock: NewLock, now: Date): Promise<void>;
  // Not over and not lifted.
  active(now: Date): Promise<Lockout[]>;
  byId(id: number): Promise<Lockout | undefined>;
  lift(id: number, by: string, now: Date): Promise<Lockout | undefined>;
}

export interface StationLockouts {
  limiter: StationAuthLimiter;
  // Locks the limiter has just made: written down, and logged.
  locked(locks: NewLock[]): void;
  active(filter?: { stationId?: string }): Promise<Lockout[]>;
  lift(id: number, by: string): Promise<Lockout | undefined>;
  // Active locks of this process by kind, for /metrics.
  activeCounts(): Record<LockKind, number>;
  // Takes in the locks already in the database, then again every syncMs.
  start(syncMs: number): Promise<void>;
  stop(): void;
}

const keyOf = (k: LockKey) => `${k.kind}\u0000${k.stationId ?? ''}\u0000${k.address}`;

export function createStationLockouts(deps: { store: LockoutStore; limiter: StationAuthLimiter; logger: Logger; now: () => Date }): StationLockouts {
  const { store, limiter, logger, now } = deps;
  // Locks of this process that are in the database: one gone from its active
  // list was lifted (by another process) and is lifted here too.
  const written = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  async function sync(): Promise<void> {
    const at = now();
    const rows = await store.active(at);
    const present = new Set<string>();
    for (const row of rows) {
      present.add(keyOf(row));
      limiter.applyLock({ kind: row.kind, stationId: row.stationId, address: row.address, failures: row.failures, until: row.lockedUntil.getTime() }, at.getTime());
    }
    for (const key of written) {
      if (present.has(key)) continue;
      written.delete(key);
      const [kind, stationId, address = ''] = key.split('\u0000');
      limiter.lift({ kind: kind === 'address' ? 'address' : 'station', stationId: kind === 'address' ? null : (stationId ?? ''), address });
    }
    for (const key of present) written.add(key);
  }

  return {
    limiter,
    locked(locks) {
      for (const lock of locks) {
        logger.warn({ kind: lock.kind, stationId: lock.stationId, address: lock.address, failures: lock.failures, until: new Date(lock.until).toISOString() }, 'OCPP upgrades locked out after failed passwords');
        store.record(lock, now()).then(
          () => written.add(keyOf(lock)),
          (err: unknown) => logger.error({ err, kind: lock.kind, stationId: lock.stationId }, 'recording an OCPP lockout failed'),
        );
      }
    },
    async active(filter = {}) {
      const rows = await store.active(now());
      return filter.stationId === undefined ? rows : rows.filter((r) => r.stationId === filter.stationId);
    },
    async lift(id, by) {
      const row = await store.lift(id, by, now());
      if (row) {
        limiter.lift(row);
        written.delete(keyOf(row));
        logger.info({ kind: row.kind, stationId: row.stationId, address: row.address, by }, 'OCPP lockout lifted');
      }
      return row;
    },
    activeCounts() {
      const counts: Record<LockKind, number> = { station: 0, address: 0 };
      for (const l of limiter.activeLocks(now().getTime())) counts[l.kind] += 1;
      return counts;
    },
    async start(syncMs) {
      await sync();
      timer = setInterval(() => void sync().catch((err: unknown) => logger.warn({ err }, 'reading OCPP lockouts failed')), syncMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}
